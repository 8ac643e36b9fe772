/**
 * Raw parsed object → typed, validated, defaulted object, as the API server would store it.
 * One table says, per kind, which group and versions are served, whether it is namespaced, and
 * how its body is checked. A schema error rejects the object (the API server would refuse it).
 */
import type { Diagnostic } from '../../diagnostics.js';
import type { EndpointSlice, Namespace, Node, Secret, Service } from '../core-kinds.js';
import type { Gateway, GatewayClass, GRPCRoute, HTTPRoute, ListenerSet, ReferenceGrant, TCPRoute, TLSRoute, UDPRoute } from '../gateway-api.js';
import type { ObjectMeta, Origin } from '../kube.js';
import type { ListenerRuleConfiguration, LoadBalancerConfiguration, TargetGroupConfiguration } from '../lbc-crds.js';
import { Checker, isRecord, SCHEMA_CODES, type Path, type Schema } from './check.js';
import { endpointSliceBody, nodeSpec, nodeStatus, secretData, serviceSpec } from './core.js';
import { gatewayClassSpec, gatewayClassStatus, gatewaySpec, gatewayStatus, listenerSetSpec, referenceGrantSpec } from './gateways.js';
import { listenerRuleConfigurationSpec, listenerRuleConfigurationStatus, loadBalancerConfigurationSpec, targetGroupConfigurationSpec } from './lbc.js';
import { grpcRouteSpec, httpRouteSpec, tcpRouteSpec, tlsRouteSpec } from './routes.js';
import { decodeMetadata } from './metadata.js';
import { checkObjectName, isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, type NameRule } from './names.js';

/** A parsed document that has apiVersion, kind and metadata.name, with its source position. */
export interface RawObject {
  readonly value: Record<string, unknown>;
  readonly origin: Origin;
}

export type DecodedObject =
  | GatewayClass
  | Gateway
  | ListenerSet
  | HTTPRoute
  | GRPCRoute
  | TCPRoute
  | UDPRoute
  | TLSRoute
  | ReferenceGrant
  | LoadBalancerConfiguration
  | TargetGroupConfiguration
  | ListenerRuleConfiguration
  | Service
  | EndpointSlice
  | Namespace
  | Node
  | Secret;

type Body = { spec: unknown; status?: unknown };

interface KindSpec {
  /** The kind gwlb stores it as (XListenerSet is stored as ListenerSet). */
  readonly kind: DecodedObject['kind'];
  readonly group: string;
  readonly versions: readonly string[];
  readonly namespaced: boolean;
  /** CRDs warn on unknown fields; core kinds do not (gwlb checks only what it reads). */
  readonly strict: boolean;
  /** How the API server checks metadata.name; a DNS-1123 subdomain unless said (names.ts). */
  readonly nameRule?: NameRule;
  decode(value: Record<string, unknown>, c: Checker): Body;
}

const GW = 'gateway.networking.k8s.io';
const LBC = 'gateway.k8s.aws';

function specOnly(schema: Schema, status?: Schema): KindSpec['decode'] {
  return (value, c) => {
    const spec = schema(value['spec'] ?? {}, c, ['spec']);
    const raw = value['status'];
    if (status === undefined || raw === undefined || raw === null) return { spec };
    return { spec, status: status(raw, c, ['status']) };
  };
}

/** Statuses gwlb does not read (routes, ListenerSets): kept as written when they are objects. */
const keepStatus: Schema = (value) => (isRecord(value) ? value : undefined);

function gatewayApi(kind: DecodedObject['kind'], versions: string[], schema: Schema, namespaced = true, group = GW, status: Schema = keepStatus): KindSpec {
  return { kind, group, versions, namespaced, strict: true, decode: specOnly(schema, status) };
}

const KINDS: readonly (KindSpec & { readonly sourceKind: string })[] = [
  { sourceKind: 'GatewayClass', ...gatewayApi('GatewayClass', ['v1', 'v1beta1'], gatewayClassSpec, false, GW, gatewayClassStatus) },
  { sourceKind: 'Gateway', ...gatewayApi('Gateway', ['v1', 'v1beta1'], gatewaySpec, true, GW, gatewayStatus) },
  { sourceKind: 'ListenerSet', ...gatewayApi('ListenerSet', ['v1'], listenerSetSpec) },
  { sourceKind: 'XListenerSet', ...gatewayApi('ListenerSet', ['v1alpha1'], listenerSetSpec, true, 'gateway.networking.x-k8s.io') },
  { sourceKind: 'HTTPRoute', ...gatewayApi('HTTPRoute', ['v1', 'v1beta1'], httpRouteSpec) },
  { sourceKind: 'GRPCRoute', ...gatewayApi('GRPCRoute', ['v1'], grpcRouteSpec) },
  { sourceKind: 'TCPRoute', ...gatewayApi('TCPRoute', ['v1', 'v1alpha2'], tcpRouteSpec) },
  { sourceKind: 'UDPRoute', ...gatewayApi('UDPRoute', ['v1', 'v1alpha2'], tcpRouteSpec) },
  { sourceKind: 'TLSRoute', ...gatewayApi('TLSRoute', ['v1', 'v1alpha3', 'v1alpha2'], tlsRouteSpec) },
  { sourceKind: 'ReferenceGrant', ...gatewayApi('ReferenceGrant', ['v1', 'v1beta1'], referenceGrantSpec) },
  { sourceKind: 'LoadBalancerConfiguration', ...gatewayApi('LoadBalancerConfiguration', ['v1', 'v1beta1'], loadBalancerConfigurationSpec, true, LBC) },
  { sourceKind: 'TargetGroupConfiguration', ...gatewayApi('TargetGroupConfiguration', ['v1', 'v1beta1'], targetGroupConfigurationSpec, true, LBC) },
  {
    sourceKind: 'ListenerRuleConfiguration',
    kind: 'ListenerRuleConfiguration',
    group: LBC,
    versions: ['v1', 'v1beta1'],
    namespaced: true,
    strict: true,
    decode: specOnly(listenerRuleConfigurationSpec, listenerRuleConfigurationStatus),
  },
  { sourceKind: 'Service', kind: 'Service', group: '', versions: ['v1'], namespaced: true, strict: false, nameRule: isDNS1035Label, decode: specOnly(serviceSpec) },
  {
    sourceKind: 'EndpointSlice',
    kind: 'EndpointSlice',
    group: 'discovery.k8s.io',
    versions: ['v1'],
    namespaced: true,
    strict: false,
    decode: (value, c) => ({ spec: endpointSliceBody(value, c, []) }),
  },
  { sourceKind: 'Namespace', kind: 'Namespace', group: '', versions: ['v1'], namespaced: false, strict: false, nameRule: isDNS1123Label, decode: () => ({ spec: {} }) },
  { sourceKind: 'Node', kind: 'Node', group: '', versions: ['v1'], namespaced: false, strict: false, decode: specOnly(nodeSpec, nodeStatus) },
  { sourceKind: 'Secret', kind: 'Secret', group: '', versions: ['v1'], namespaced: true, strict: false, decode: (value, c) => ({ spec: { data: secretData(value, c, []) } }) },
];

function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** KINDS by sourceKind: every object decoded looks its kind up here. */
const BY_SOURCE_KIND = new Map<string, (typeof KINDS)[number][]>();
for (const k of KINDS) BY_SOURCE_KIND.set(k.sourceKind, [...(BY_SOURCE_KIND.get(k.sourceKind) ?? []), k]);

function kindSpec(apiVersion: string, kind: string): (typeof KINDS)[number] | undefined {
  const specs = BY_SOURCE_KIND.get(kind);
  if (specs === undefined) return undefined;
  const slash = apiVersion.lastIndexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  for (let i = 0; i < specs.length; i++) if (specs[i]!.group === group) return specs[i];
  return undefined;
}

/** The kinds gwlb reads (XListenerSet as sourceKind), with their API group and accepted versions, newest first. */
export function readKinds(): readonly { readonly sourceKind: string; readonly kind: DecodedObject['kind']; readonly group: string; readonly versions: readonly string[]; readonly namespaced: boolean }[] {
  return KINDS;
}

/** True when gwlb reads this kind of this API group (in any version; unserved versions are diagnosed). */
export function isKnownKind(apiVersion: string, kind: string): boolean {
  return kindSpec(apiVersion, kind) !== undefined;
}

/** Cluster-scoped kinds have no namespace (GatewayClass, Namespace, Node). */
export function isNamespacedKind(kind: string): boolean {
  return KINDS.find((k) => k.kind === kind || k.sourceKind === kind)?.namespaced ?? true;
}

export function decodeObject(raw: RawObject): { object?: DecodedObject; diagnostics: Diagnostic[] } {
  return decodeAs(kindSpec(raw.value['apiVersion'] as string, raw.value['kind'] as string), raw);
}

/** decodeObject for a kind gwlb reads; undefined for any other (the caller sets those aside). */
export function decodeKnown(raw: RawObject): { object?: DecodedObject; diagnostics: Diagnostic[] } | undefined {
  const spec = kindSpec(raw.value['apiVersion'] as string, raw.value['kind'] as string);
  return spec && decodeAs(spec, raw);
}

function decodeAs(spec: (typeof KINDS)[number] | undefined, raw: RawObject): { object?: DecodedObject; diagnostics: Diagnostic[] } {
  const apiVersion = raw.value['apiVersion'] as string;
  const sourceKind = raw.value['kind'] as string;
  const rawMeta = raw.value['metadata'] as Record<string, unknown>;
  const name = rawMeta['name'] as string;
  const namespaced = spec?.namespaced ?? true;
  const namespace = namespaced ? (typeof rawMeta['namespace'] === 'string' && rawMeta['namespace'] !== '' ? rawMeta['namespace'] : 'default') : '';
  const c = new Checker(raw.origin, { kind: spec?.kind ?? sourceKind, namespace, name }, spec?.strict ?? false);
  if (!spec) {
    c.error(SCHEMA_CODES.unservedVersion, ['kind'], `gwlb does not read ${sourceKind} (${apiVersion})`);
    return { diagnostics: c.diagnostics };
  }
  const { group, version } = splitApiVersion(apiVersion);
  if (!spec.versions.includes(version)) {
    const served = spec.versions.map((v) => (group ? `${group}/${v}` : v)).join(', ');
    c.error(SCHEMA_CODES.unservedVersion, ['apiVersion'], `${sourceKind} is not served at ${apiVersion}; use ${served}`);
    return { diagnostics: c.diagnostics };
  }
  checkObjectName(sourceKind, name, namespace, spec.nameRule ?? isDNS1123Subdomain, c);
  const metadata: ObjectMeta = decodeMetadata(rawMeta, namespace, c, ['metadata'] satisfies Path);
  const body = spec.decode(raw.value, c);
  if (c.errorCount() > 0) return { diagnostics: c.diagnostics };
  // Two literals rather than a spread of the optional status: a literal with a spread is built
  // key by key at run time, and this runs for every object.
  const object =
    body.status === undefined
      ? { apiVersion, kind: spec.kind, metadata, spec: body.spec, origin: raw.origin }
      : { apiVersion, kind: spec.kind, metadata, spec: body.spec, status: body.status, origin: raw.origin };
  // The schemas above check exactly the shapes declared in gateway-api.ts, lbc-crds.ts and
  // core-kinds.ts; this is the one place the checked value meets its static type.
  return { object: object as DecodedObject, diagnostics: c.diagnostics };
}
