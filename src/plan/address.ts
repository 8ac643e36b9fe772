/**
 * Resource addresses: `gateway["<stack id>"].<kind>["<resource id>"]`, e.g.
 * `gateway["ns/web"].load_balancer["LoadBalancer"]`, `gateway["ns/web"].listener_rule["443:2"]`.
 * Built only from LBC's stack id and resource id — the same strings LBC writes into the
 * `<prefix>/stack` and `<prefix>/resource` tags — so an address is stable across runs, survives
 * ARN changes, and can be grepped in LBC logs and AWS tags. Keys are JSON-quoted, so ids holding
 * `/`, `:` or `"` stay unambiguous.
 */
import type { PlanResourceType } from './types.js';

export const KIND_BY_TYPE: Readonly<Record<PlanResourceType, string>> = {
  'AWS::EC2::SecurityGroup': 'security_group',
  'AWS::ElasticLoadBalancingV2::TargetGroup': 'target_group',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'load_balancer',
  'AWS::ElasticLoadBalancingV2::Listener': 'listener',
  'AWS::ElasticLoadBalancingV2::ListenerRule': 'listener_rule',
  'AWS::EC2::SecurityGroupIngress': 'node_security_group_rule',
  'AWS::ElasticLoadBalancingV2::Target': 'target',
  'AWS::WAFv2::WebACLAssociation': 'wafv2_web_acl_association',
  'AWS::Shield::Protection': 'shield_protection',
};

export function resourceAddress(stackId: string, type: PlanResourceType, resourceId: string): string {
  return stackAddresses(stackId)(type, resourceId);
}

/** `resourceAddress` for the resources of one stack, its quoted id built once for all of them. */
export function stackAddresses(stackId: string): (type: PlanResourceType, resourceId: string) => string {
  const prefix = `gateway[${JSON.stringify(stackId)}].`;
  return (type, resourceId) => `${prefix}${KIND_BY_TYPE[type]}[${JSON.stringify(resourceId)}]`;
}
