/**
 * Tags. Spec tags are LBC's "additional" tags (pkg/shared_utils/tag_helper.go ProcessTags):
 * provider tags merged with `--default-tags`, defaults winning unless the gate
 * EnableDefaultTagsLowPriority is on; an external-managed key is an error. Tracking tags are
 * added at deploy time (pkg/deploy/tracking/provider.go) and never appear in the spec:
 * `desiredTags` gives the full set the plan compares with AWS.
 */
import type { ClusterSettings } from './settings.js';
import type { StackResource, Tags } from './stack.js';

export type TagResult = { readonly ok: true; readonly tags: Tags } | { readonly ok: false; readonly key: string };

/** algorithm.MergeStringMap: the first map holding a key wins. */
export function mergeFirstWins(...maps: readonly (Tags | undefined)[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of maps) {
    if (!m) continue;
    // Own keys only: `in` would also see Object.prototype, and drop a tag named e.g. `constructor`.
    for (const [k, v] of Object.entries(m)) if (!Object.hasOwn(out, k)) out[k] = v;
  }
  return out;
}

export function processTags(provider: Tags | undefined, settings: ClusterSettings): TagResult {
  const own = provider ?? {};
  for (const k of Object.keys(own)) {
    if (settings.externalManagedTags.includes(k)) return { ok: false, key: k };
  }
  const tags = settings.featureGates.EnableDefaultTagsLowPriority
    ? mergeFirstWins(own, settings.defaultTags)
    : mergeFirstWins(settings.defaultTags, own);
  return { ok: true, tags };
}

export function externalManagedTagMessage(key: string): string {
  return `external managed tag key ${key} cannot be specified`;
}

export const CLUSTER_TAG = 'elbv2.k8s.aws/cluster';

/** Tracking tags for a stack resource (tracking/provider.go): stack tags, then the resource tag. */
export function trackingTags(cluster: string, tagPrefix: string, stackId: string, resourceId: string): Tags {
  return { [CLUSTER_TAG]: cluster, [`${tagPrefix}/stack`]: stackId, [`${tagPrefix}/resource`]: resourceId };
}

export interface TagContext {
  readonly cluster: string;
  readonly tagPrefix: string;
  readonly stackId: string;
  readonly listenerRulesTagging: boolean;
}

const NO_TAGS: Tags = Object.freeze({});

/**
 * The spec tags of a resource whose tags LBC manages (the tracking tags go with them), or
 * undefined when it does not (listeners and rules with ListenerRulesTagging off; TGBs, addons).
 */
function managedSpecTags(resource: StackResource, listenerRulesTagging: boolean): Tags | undefined {
  switch (resource.type) {
    case 'AWS::EC2::SecurityGroup':
    case 'AWS::ElasticLoadBalancingV2::LoadBalancer':
    case 'AWS::ElasticLoadBalancingV2::TargetGroup':
      return resource.spec.tags ?? NO_TAGS;
    case 'AWS::ElasticLoadBalancingV2::Listener':
    case 'AWS::ElasticLoadBalancingV2::ListenerRule':
      return listenerRulesTagging ? (resource.spec.tags ?? NO_TAGS) : undefined;
    case 'K8S::ElasticLoadBalancingV2::TargetGroupBinding':
    case 'AWS::WAFv2::WebACLAssociation':
    case 'AWS::Shield::Protection':
    case 'FrontendNLBTargetGroup':
      return undefined;
  }
}

/**
 * `<prefix>/stack` and `<prefix>/resource`, made once per prefix (there are two): the plan asks
 * for every resource's tags, and keys built per call cost more than the rest of the merge.
 */
const trackingKeyCache = new Map<string, { readonly stack: string; readonly resource: string }>();
function trackingKeys(tagPrefix: string): { readonly stack: string; readonly resource: string } {
  let keys = trackingKeyCache.get(tagPrefix);
  if (keys === undefined) trackingKeyCache.set(tagPrefix, (keys = { stack: `${tagPrefix}/stack`, resource: `${tagPrefix}/resource` }));
  return keys;
}

/** The tags the resource should carry in AWS (tracking tags win: `mergeFirstWins(trackingTags(…), own)`), or undefined when LBC does not manage its tags. */
export function desiredTags(resource: StackResource, ctx: TagContext): Tags | undefined {
  const own = managedSpecTags(resource, ctx.listenerRulesTagging);
  if (!own) return undefined;
  const keys = trackingKeys(ctx.tagPrefix);
  const out: Record<string, string> = {};
  out[CLUSTER_TAG] = ctx.cluster;
  out[keys.stack] = ctx.stackId;
  out[keys.resource] = resource.id;
  for (const k of Object.keys(own)) if (!Object.hasOwn(out, k)) out[k] = own[k]!;
  return out;
}

/** How many tags `desiredTags` gives (0 when unmanaged), counted without building them: the limit check asks for every resource. */
export function desiredTagCount(resource: StackResource, ctx: TagContext): number {
  const own = managedSpecTags(resource, ctx.listenerRulesTagging);
  if (!own) return 0;
  const keys = trackingKeys(ctx.tagPrefix);
  let n = 3;
  for (const k of Object.keys(own)) if (k !== CLUSTER_TAG && k !== keys.stack && k !== keys.resource) n++;
  return n;
}

/** Keys LBC never touches on existing resources (§3.4): `aws:` and the legacy keys. */
export function isIgnoredTagKey(key: string, cluster: string, externalManaged: readonly string[]): boolean {
  if (key.startsWith('aws:')) return true;
  if (externalManaged.includes(key)) return true;
  return [
    `kubernetes.io/cluster/${cluster}`,
    'kubernetes.io/cluster-name',
    'kubernetes.io/namespace',
    'kubernetes.io/ingress-name',
    'kubernetes.io/service-name',
    'kubernetes.io/service-port',
    'ingress.k8s.aws/cluster',
  ].includes(key);
}
