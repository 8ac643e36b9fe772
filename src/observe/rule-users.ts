/**
 * Who, besides gwlb's stacks, may need the rules on the node/pod endpoint groups
 * (plan/node-sg-coverage.ts), from the VPC's load balancer listing every run already reads. Its
 * own module without the SDK's runtime, so its test loads no AWS client.
 */
import type { LoadBalancer } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { EndpointGroup, ObservedNodeNetwork } from '../plan/node-network.js';

/**
 * The load balancers whose TargetGroupBindings may need the rules of `endpoint`: per group source,
 * those attaching it; for CIDR and prefix-list sources, those attaching no group (an NLB without
 * security groups gets CIDR rules, service/model_build_target_group.go
 * `buildTargetGroupBindingNetworkingLegacy`). Every rule's source, not only labelled ones: a rule
 * without the label can still cover what a target group needs (node-sg-rules.ts `covers`).
 */
export function rulesUsers(endpoint: readonly EndpointGroup[], lbs: readonly LoadBalancer[]): Pick<ObservedNodeNetwork, 'attachedBy' | 'withoutGroups'> {
  const rules = endpoint.flatMap((g) => g.ingress);
  const sources = new Set(rules.flatMap((p) => (p.source.kind === 'group' ? [p.source.groupID] : [])));
  // One pass over the VPC's load balancers (thousands in a large account), not one per source.
  const byGroup = new Map<string, string[]>();
  for (const l of lbs) {
    for (const id of l.SecurityGroups ?? []) {
      if (!sources.has(id)) continue;
      const arns = byGroup.get(id) ?? [];
      arns.push(l.LoadBalancerArn ?? '');
      byGroup.set(id, arns);
    }
  }
  const attachedBy: Record<string, string[]> = {};
  for (const id of [...byGroup.keys()].sort()) attachedBy[id] = byGroup.get(id)!.sort();
  const cidrs = rules.some((p) => p.source.kind !== 'group');
  const withoutGroups = cidrs ? lbs.filter((l) => (l.SecurityGroups ?? []).length === 0).map((l) => l.LoadBalancerArn ?? '').sort() : [];
  return { attachedBy, withoutGroups };
}
