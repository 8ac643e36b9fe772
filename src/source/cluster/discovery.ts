/**
 * Which kinds the cluster serves, and at which version: API discovery (`/apis`, then the resource
 * list of each group version gwlb accepts), before any list. A kind is read at the newest version
 * gwlb accepts that the cluster serves; a group that is not installed at all is an error for the
 * Gateway API and LBC (nothing could work without their CRDs), not for optional groups.
 */
import { readKinds } from '../schema/index.js';
import type { KubeClient } from './client.js';
import { ClusterError } from './errors.js';
import { failedRequest } from './messages.js';

export const GATEWAY_GROUP = 'gateway.networking.k8s.io';
export const LBC_GROUP = 'gateway.k8s.aws';

/** A kind the cluster serves, as gwlb will list it. */
export interface ServedKind {
  /** The kind as the API names it (XListenerSet), which decodeObject reads. */
  readonly sourceKind: string;
  readonly group: string;
  readonly version: string;
  /** The URL segment, from discovery (`gateways`). */
  readonly plural: string;
  readonly namespaced: boolean;
}

export interface Discovered {
  readonly served: readonly ServedKind[];
  /** Kinds gwlb reads that the cluster does not serve (e.g. TCPRoute without the experimental CRDs). */
  readonly notServed: readonly string[];
}

/** Groups without which the cluster cannot hold what gwlb reads: the message says how to install them. */
const REQUIRED_GROUPS: Readonly<Record<string, string>> = {
  [GATEWAY_GROUP]: `the Gateway API CRDs are not installed (no API group ${GATEWAY_GROUP}); install them with kubectl apply -f https://github.com/kubernetes-sigs/gateway-api/releases/download/v1.3.0/standard-install.yaml`,
  [LBC_GROUP]: `the AWS Load Balancer Controller's Gateway CRDs are not installed (no API group ${LBC_GROUP}); install them from its helm chart with kubectl apply -k "github.com/aws/eks-charts/stable/aws-load-balancer-controller/crds?ref=master"`,
};

/** Secrets are never listed: only those ListenerRuleConfigurations name are read, one GET each. */
const NOT_LISTED = new Set(['Secret']);

function groupVersionPath(group: string, version: string): string {
  return group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
}

/** `/apis` → group name → served versions. */
async function servedGroups(client: KubeClient): Promise<Map<string, string[]>> {
  const reply = await client.get('/apis');
  if (reply.status !== 200) throw new ClusterError(failedRequest(client, 'discover the API groups of', '/apis', reply));
  const groups = new Map<string, string[]>([['', ['v1']]]);
  const list = (reply.body as { groups?: { name?: string; versions?: { version?: string }[] }[] } | undefined)?.groups ?? [];
  for (const g of list) if (typeof g.name === 'string') groups.set(g.name, (g.versions ?? []).map((v) => v.version).filter((v): v is string => typeof v === 'string'));
  return groups;
}

/** The resources of one group version: kind → { plural, namespaced }; none when it answers 404/403. */
async function resourcesOf(client: KubeClient, group: string, version: string): Promise<Map<string, { plural: string; namespaced: boolean }>> {
  const path = groupVersionPath(group, version);
  const reply = await client.get(path);
  const out = new Map<string, { plural: string; namespaced: boolean }>();
  if (reply.status === 404 || reply.status === 403) return out;
  if (reply.status !== 200) throw new ClusterError(failedRequest(client, 'discover the resources of', path, reply));
  const resources = (reply.body as { resources?: { name?: string; kind?: string; namespaced?: boolean }[] } | undefined)?.resources ?? [];
  for (const r of resources) {
    // `gateways/status` and other subresources share the kind; the plural has no slash.
    if (typeof r.name !== 'string' || r.name.includes('/') || typeof r.kind !== 'string' || out.has(r.kind)) continue;
    out.set(r.kind, { plural: r.name, namespaced: r.namespaced === true });
  }
  return out;
}

export async function discover(client: KubeClient): Promise<Discovered> {
  const groups = await servedGroups(client);
  for (const [group, message] of Object.entries(REQUIRED_GROUPS)) if (!groups.has(group)) throw new ClusterError(message);
  const kinds = readKinds().filter((k) => !NOT_LISTED.has(k.sourceKind));
  // One discovery GET per group version gwlb accepts and the cluster serves.
  const lists = new Map<string, Promise<Map<string, { plural: string; namespaced: boolean }>>>();
  const resources = (group: string, version: string) => {
    const key = `${group}/${version}`;
    if (!lists.has(key)) lists.set(key, resourcesOf(client, group, version));
    return lists.get(key)!;
  };
  const served: ServedKind[] = [];
  const notServed: string[] = [];
  for (const k of kinds) {
    const versions = k.versions.filter((v) => groups.get(k.group)?.includes(v));
    let found: ServedKind | undefined;
    for (const version of versions) {
      const r = (await resources(k.group, version)).get(k.sourceKind);
      if (r) {
        found = { sourceKind: k.sourceKind, group: k.group, version, plural: r.plural, namespaced: r.namespaced };
        break;
      }
    }
    if (found) served.push(found);
    else notServed.push(k.sourceKind);
  }
  return { served, notServed };
}
