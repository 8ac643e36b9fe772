/**
 * Discovery documents (unaggregated, the form every client falls back to): `/api`, `/api/v1`,
 * `/apis`, `/apis/<group>`, `/apis/<group>/<version>` and `/version`. Only installed groups are
 * listed; the caller filters the resource table first.
 */
import { apiVersionOf, CORE_GROUP, groupsOf, type ResourceDef } from './resources.js';

const VERBS = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
const STATUS_VERBS = ['get', 'patch', 'update'];

export const SERVER_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0-gwlb-emulator',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.23.0',
  compiler: 'gc',
  platform: 'linux/amd64',
};

function versionPriority(v: string): number {
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
  if (!m) return 0;
  const stage = m[2] === undefined ? 3 : m[2] === 'beta' ? 2 : 1;
  return stage * 1_000_000 + Number(m[1]) * 1000 + Number(m[3] ?? 0);
}

/** A group's versions, preferred (highest priority, as kube-aggregator sorts them) first. */
export function versionsOf(resources: readonly ResourceDef[], group: string): string[] {
  const versions = new Set(resources.filter((r) => r.group === group).flatMap((r) => r.versions));
  return [...versions].sort((a, b) => versionPriority(b) - versionPriority(a));
}

export function coreVersions(address: string): unknown {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: address }] };
}

function groupEntry(resources: readonly ResourceDef[], group: string): Record<string, unknown> {
  const versions = versionsOf(resources, group).map((version) => ({ groupVersion: apiVersionOf(group, version), version }));
  return { name: group, versions, preferredVersion: versions[0] };
}

export function groupList(resources: readonly ResourceDef[]): unknown {
  const groups = groupsOf(resources).filter((g) => g !== CORE_GROUP);
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map((g) => groupEntry(resources, g)) };
}

export function apiGroup(resources: readonly ResourceDef[], group: string): unknown | undefined {
  if (!resources.some((r) => r.group === group)) return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(resources, group) };
}

export function resourceList(resources: readonly ResourceDef[], group: string, version: string): unknown | undefined {
  const served = resources.filter((r) => r.group === group && r.versions.includes(version));
  if (served.length === 0) return undefined;
  const entries = served.flatMap((r) => {
    const main = {
      name: r.plural,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: VERBS,
      ...(r.shortNames ? { shortNames: r.shortNames } : {}),
      ...(r.categories ? { categories: r.categories } : {}),
    };
    return r.status ? [main, { name: `${r.plural}/status`, singularName: '', namespaced: r.namespaced, kind: r.kind, verbs: STATUS_VERBS }] : [main];
  });
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersionOf(group, version), resources: entries };
}
