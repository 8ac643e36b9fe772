/**
 * How much of the cluster a plan covers, for the node/pod SG rules (node-sg-rules.ts): LBC
 * computes a group's rules from every TargetGroupBinding in the cluster, gwlb from its input, so a
 * labelled rule no target group needs is revoked only when the plan sees everything that could
 * need it (README "How gwlb differs from LBC").
 */
import type { ClusterSettings } from '../model/settings.js';
import type { Stack } from '../model/stack.js';
import { planNodeSecurityGroupRules, type ForeignUsers, type NodeRulesPlan } from './node-sg-rules.js';
import type { ObservedState } from './observed.js';
import type { PlannedStack } from './types.js';

export interface PlanScope {
  /** Every desired stack of the input (unscoped), deployable. */
  readonly desired: readonly Stack[];
  readonly observed: ObservedState;
  readonly settings: ClusterSettings;
  readonly stacks: readonly PlannedStack[];
  /** Ids of stacks apply refuses (pending nodePorts). */
  readonly refused: ReadonlySet<string>;
  readonly scoped: boolean;
  readonly errored: boolean;
  readonly prune: boolean;
  /** `destroy` of every stack, of some, or none. */
  readonly destroy: 'all' | 'some' | undefined;
}

/**
 * The rule changes of a plan, with the plan's coverage: complete only when it is neither narrowed
 * nor errored and leaves no owned stack unplanned (orphans kept, failed models, aborted or refused
 * stacks). Per source, the load balancers outside its stacks (an Ingress or Service of the same
 * cluster, or any other) that may have TGBs gwlb cannot see using it: those attaching the source
 * group, and for CIDR sources those attaching no group.
 *
 * Per source, not per plan, because an LBC TGB's rules only ever name its own load balancer's
 * groups or, for a load balancer without groups, CIDRs: the backend SG or the managed frontend SG
 * (gateway/model/model_build_security_group.go 85–142, ingress and service alike), else the
 * source ranges of an NLB without groups (service/model_build_target_group.go 575–579 and 708
 * `buildTargetGroupBindingNetworkingLegacy`; gateway/model/model_build_target_group_binding_network.go
 * `nlbNoSecurityGroups`). A foreign load balancer attaching one group so cannot need rules from
 * another. (A TGB written by hand may name any peer: gwlb cannot see it, README says so.)
 */
export function nodeRulesOfPlan(p: PlanScope): NodeRulesPlan | undefined {
  const network = p.observed.nodeNetwork;
  if (!network || !p.settings.manageNodeSecurityGroupRules) return undefined;
  const status = new Map(p.stacks.map((s) => [s.id, s.status]));
  const kept = (id: string) => status.get(id) === 'planned' && !p.refused.has(id);
  const deleted = (id: string) => status.get(id) === 'destroyed' || (status.get(id) === 'orphaned' && p.prune);
  const ownLbs = new Set(p.observed.stacks.flatMap((o) => o.resources.filter((r) => r.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer').map((r) => r.arn)));
  const complete = !p.scoped && !p.errored && p.destroy !== 'some' && p.stacks.every((s) => kept(s.id) || deleted(s.id));
  const outside = (arns: readonly string[]) => arns.filter((arn) => !ownLbs.has(arn));
  const foreign: ForeignUsers = {
    bySource: new Map(Object.entries(network.attachedBy).map(([sg, arns]) => [sg, outside(arns)] as const).filter(([, arns]) => arns.length > 0)),
    withoutGroups: outside(network.withoutGroups),
  };
  const ownSources = new Map(
    p.observed.stacks
      .filter((o) => deleted(o.id) || (p.destroy === undefined && kept(o.id)))
      .flatMap((o) => o.resources.filter((r) => r.type === 'AWS::EC2::SecurityGroup').map((r) => [r.arn, o.id] as const)),
  );
  // A narrowed plan computes the rules of its own stacks only, and so only authorizes.
  const stacks = p.destroy !== undefined ? [] : p.desired.filter((d) => kept(d.id));
  return planNodeSecurityGroupRules({ stacks, network, observed: p.observed, settings: p.settings, complete, ownSources, foreign });
}
