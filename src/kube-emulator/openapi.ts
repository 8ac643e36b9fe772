/**
 * The least OpenAPI v3 that lets plain `kubectl apply -f` work. kubectl (1.32) validates by
 * asking the server to (`fieldValidation=Strict`) when the group-version's document shows a
 * PATCH operation for the kind with that query parameter
 * (k8s.io/cli-runtime pkg/resource/query_param_verifier_v3.go supportsQueryParamV3); otherwise it
 * downloads /openapi/v2 to validate on the client. So each path lists its operations with the
 * kind's `x-kubernetes-group-version-kind` and the write parameters, and no schemas: kubectl
 * then computes strategic merge patches from its compiled-in types, as it does for a server
 * without OpenAPI. The emulator accepts `fieldValidation` and does not check unknown fields.
 */
import { createHash } from 'node:crypto';
import { CORE_GROUP, type ResourceDef } from './resources.js';

/** `api/v1` or `apis/<group>/<version>`: the keys of the v3 index. */
function gvPath(group: string, version: string): string {
  return group === CORE_GROUP ? `api/${version}` : `apis/${group}/${version}`;
}

function groupVersions(resources: readonly ResourceDef[]): { group: string; version: string }[] {
  const seen = new Map<string, { group: string; version: string }>();
  for (const r of resources) for (const version of r.versions) seen.set(gvPath(r.group, version), { group: r.group, version });
  return [...seen.values()];
}

const param = (name: string): Record<string, unknown> => ({ name, in: 'query', schema: { type: 'string', uniqueItems: true } });
const WRITE_PARAMS = ['dryRun', 'fieldManager', 'fieldValidation'].map(param);
const PATCH_PARAMS = [...WRITE_PARAMS, param('force')];

function operation(r: ResourceDef, version: string, action: string, parameters: Record<string, unknown>[]): Record<string, unknown> {
  return {
    operationId: `${action}${r.kind}`,
    parameters,
    responses: { '200': { description: 'OK' } },
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': { group: r.group, version, kind: r.kind },
  };
}

/** The document for one group-version, or undefined when nothing is served there. */
export function openApiV3Document(resources: readonly ResourceDef[], group: string, version: string): unknown | undefined {
  const served = resources.filter((r) => r.group === group && r.versions.includes(version));
  if (served.length === 0) return undefined;
  const paths: Record<string, unknown> = {};
  const base = `/${gvPath(group, version)}`;
  for (const r of served) {
    const collection = r.namespaced ? `${base}/namespaces/{namespace}/${r.plural}` : `${base}/${r.plural}`;
    paths[collection] = { get: operation(r, version, 'list', []), post: operation(r, version, 'post', WRITE_PARAMS) };
    const item = { get: operation(r, version, 'get', []), put: operation(r, version, 'put', WRITE_PARAMS), patch: operation(r, version, 'patch', PATCH_PARAMS), delete: operation(r, version, 'delete', [param('dryRun')]) };
    paths[`${collection}/{name}`] = item;
    if (r.status) paths[`${collection}/{name}/status`] = { get: item.get, put: item.put, patch: item.patch };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.0-gwlb-emulator' }, paths, components: { schemas: {} } };
}

/** `/openapi/v3`: the index of group-version documents, each with a content hash as the real server gives. */
export function openApiV3Index(resources: readonly ResourceDef[]): unknown {
  const paths: Record<string, unknown> = {};
  for (const { group, version } of groupVersions(resources)) {
    const hash = createHash('sha512').update(JSON.stringify(openApiV3Document(resources, group, version))).digest('hex').slice(0, 128).toUpperCase();
    paths[gvPath(group, version)] = { serverRelativeURL: `/openapi/v3/${gvPath(group, version)}?hash=${hash}` };
  }
  return { paths };
}

/** `/openapi/v3/...` paths → the document; undefined for anything else. */
export function openApiV3(resources: readonly ResourceDef[], pathname: string): unknown | undefined {
  if (pathname === '/openapi/v3') return openApiV3Index(resources);
  const m = /^\/openapi\/v3\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(pathname);
  if (!m) return undefined;
  return m[1] !== undefined ? openApiV3Document(resources, CORE_GROUP, m[1]) : openApiV3Document(resources, m[2]!, m[3]!);
}
