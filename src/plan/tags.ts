/**
 * Tag reconciliation as LBC does it (ReconcileTags in pkg/deploy/elbv2/tagging_manager.go and
 * pkg/deploy/ec2/tagging_manager.go; lbc-model-deploy.md §3.4): desired = tracking + additional
 * tags; keys starting with `aws:` are never touched (algorithm.DiffStringMapIgnoreAWSTags);
 * `--external-managed-tags` keys are never touched; for LB/TG/SG the legacy keys
 * (`kubernetes.io/cluster/<cluster>`, `ingress.k8s.aws/cluster`…) are also left alone
 * (load_balancer_manager.go `WithIgnoredTagKeys(LegacyTagKeys())`). Every other tag that is not
 * desired is removed — so a tag added by hand disappears unless it is external-managed.
 */
import { isIgnoredTagKey } from '../model/tags.js';
import type { Tags } from '../model/stack.js';
import type { PlanResourceType } from './types.js';

export interface TagPolicy {
  readonly cluster: string;
  readonly externalManagedTags: readonly string[];
}

/** Whether LBC leaves this key as it is on an existing resource of this type. */
export function tagKeyIgnored(type: PlanResourceType, key: string, policy: TagPolicy): boolean {
  switch (type) {
    case 'AWS::EC2::SecurityGroup':
    case 'AWS::ElasticLoadBalancingV2::LoadBalancer':
    case 'AWS::ElasticLoadBalancingV2::TargetGroup':
      return isIgnoredTagKey(key, policy.cluster, policy.externalManagedTags);
    case 'AWS::ElasticLoadBalancingV2::Listener':
    case 'AWS::ElasticLoadBalancingV2::ListenerRule':
      // listener_manager.go / listener_rule_manager.go ignore external-managed keys only (plus `aws:`).
      return key.startsWith('aws:') || policy.externalManagedTags.includes(key);
    case 'AWS::EC2::SecurityGroupIngress':
    case 'AWS::ElasticLoadBalancingV2::Target':
    case 'AWS::WAFv2::WebACLAssociation':
    case 'AWS::Shield::Protection':
      return true;
  }
}

/**
 * The tags an existing resource will carry after apply: desired keys, plus the observed keys LBC
 * leaves alone. A desired key that is ignored is not written either (ReconcileTags drops ignored
 * keys from both the update and the removal set).
 */
export function reconciledTags(type: PlanResourceType, desired: Tags, observed: Tags, policy: TagPolicy): Tags {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(desired)) if (!tagKeyIgnored(type, k, policy)) out[k] = v;
  for (const [k, v] of Object.entries(observed)) if (tagKeyIgnored(type, k, policy)) out[k] = v;
  return sortTags(out);
}

/**
 * The tags with their keys in order; tags already in order are returned as they are. Every
 * resource's view holds its tags, so this runs once per resource of a plan.
 */
export function sortTags(tags: Tags): Tags {
  const keys = Object.keys(tags);
  // An insertion sort: a resource has a handful of tags, most of them in order already.
  let moved = false;
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i]!;
    let j = i - 1;
    for (; j >= 0 && keys[j]! > k; j--) keys[j + 1] = keys[j]!;
    moved ||= j !== i - 1;
    keys[j + 1] = k;
  }
  if (!moved) return tags;
  const out: Record<string, string> = {};
  for (const k of keys) out[k] = tags[k]!;
  return out;
}
