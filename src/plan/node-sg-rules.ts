/**
 * The ingress rules LBC's TargetGroupBinding controller keeps on node and pod ENI security groups
 * (pkg/networking/networking_manager.go, security_group_reconciler.go; lbc-model-deploy.md §4.6),
 * as plan changes of their own kind under `cluster.node_security_group_rule["<sg>/<proto>/<ports>/<source>"]`.
 * Per target group: the targets' ENIs → one security group per ENI → the TGB's permissions on
 * each; then aggregated per group over every target group (restricted: one port range per
 * protocol and source group); then diffed with what the group holds, comparing protocol, ports
 * and source only. Rules gwlb adds carry `elbv2.k8s.aws/targetGroupBinding=shared`; a rule
 * without that label is never revoked.
 *
 * Scope: LBC computes a group's rules from every TGB in the cluster, gwlb from its input. When the
 * plan is `complete` (it covers every owned stack and every target group's targets are known),
 * labelled rules no target group needs are revoked, on every endpoint group as LBC's GC does.
 * Otherwise rules are only authorized (LBC's `WithAuthorizeOnly` when not every TGB is computed),
 * except that labelled rules from a source only this plan's stacks use (their managed frontend
 * security groups) are still revoked: no other stack can need them. Either way a labelled rule
 * whose source a load balancer outside the plan's stacks may use (`foreign`: an Ingress or
 * Service of the same cluster) is kept, and reported as kept: that load balancer's TGBs, which
 * gwlb cannot see, may need it.
 */
import { isUnknown } from '../model/discovery.js';
import type { ClusterSettings } from '../model/settings.js';
import { isResourceRef, type Stack, type StringToken } from '../model/stack.js';
import { CLUSTER_STACK } from './backend-sg.js';
import { isTgbManaged, permissionHash, sourceKey, TGB_RULE_DESCRIPTION, type EniInfo, type IngressPermission, type ObservedNodeNetwork, type RuleSource } from './node-network.js';
import type { ObservedState } from './observed.js';
import { parseRef } from './plan-stack.js';
import type { ResourceChange } from './types.js';
import { toPlanJson } from './values.js';

/** A source security group this apply creates: resolved by apply (`backend-sg` or `stack:<prefix>:<stack>:<resource>`). */
type PendingSource = { readonly kind: 'pending'; readonly name: string; readonly ref: string };
export type DesiredSource = RuleSource | PendingSource;

export interface DesiredPermission {
  readonly protocol: string;
  readonly fromPort: number;
  readonly toPort: number;
  readonly source: DesiredSource;
}

export interface NodeRuleProblem {
  /** Gateway `ns/name` and target group id. */
  readonly stack: string;
  readonly target_group: string;
  /** LBC's error text. */
  readonly error: string;
}

export interface NodeRulesInput {
  /** Desired stacks whose target groups exist after the plan. */
  readonly stacks: readonly Stack[];
  readonly network: ObservedNodeNetwork;
  readonly observed: ObservedState;
  readonly settings: ClusterSettings;
  /** The plan covers every owned stack and every TGB with networking (see the file comment). */
  readonly complete: boolean;
  /**
   * Source group id → the stack of this plan that alone uses it (its managed frontend SG): its
   * labelled rules may be revoked even when the plan is not complete, if every target group of
   * that stack was computed.
   */
  readonly ownSources: ReadonlyMap<string, string>;
  readonly foreign: ForeignUsers;
}

/** Load balancers outside the plan's stacks that may have TGBs using a source (node-sg-coverage.ts). */
export interface ForeignUsers {
  /** Per source group id: the foreign load balancers attaching it. */
  readonly bySource: ReadonlyMap<string, readonly string[]>;
  /** Foreign load balancers without security groups, whose TGBs' rules name CIDRs. */
  readonly withoutGroups: readonly string[];
}

/** A stale labelled rule the plan keeps because foreign load balancers may need it. */
export interface KeptNodeRule {
  /** As in its address: `<sg>/<proto>/<ports>/<source>`. */
  readonly id: string;
  readonly load_balancers: readonly string[];
}

export interface NodeRulesPlan {
  readonly changes: ResourceChange[];
  readonly problems: NodeRuleProblem[];
  readonly kept: KeptNodeRule[];
  /** Groups that still hold a rule naming `groupID` after these changes. */
  referencing(groupID: string): string[];
}

const key = (s: DesiredSource) => (s.kind === 'pending' ? s.name : sourceKey(s));
const hashOf = (p: DesiredPermission) => (p.source.kind === 'pending' ? `${p.protocol}|${p.fromPort}|${p.toPort}|pending|${p.source.ref}` : permissionHash(p as IngressPermission));

function portText(from: number | undefined, to: number | undefined): string {
  return from === to ? String(from ?? 0) : `${from ?? 0}-${to ?? 0}`;
}

export function nodeRuleId(group: string, p: { protocol: string; fromPort?: number; toPort?: number }, source: string): string {
  return `${group}/${p.protocol}/${portText(p.fromPort, p.toPort)}/${source}`;
}

export function nodeRuleAddress(id: string): string {
  return `${CLUSTER_STACK}.node_security_group_rule[${JSON.stringify(id)}]`;
}

/** The source group token of a TGB rule: an id, the backend SG to create, or a stack SG to create. */
function resolveSource(token: StringToken, stack: Stack, observed: ObservedState): DesiredSource {
  if (typeof token === 'string') return { kind: 'group', groupID: token };
  if (isUnknown(token)) {
    const b = observed.backendSecurityGroup;
    if (b) return { kind: 'group', groupID: b.groupID };
    const name = stack.extras.backendSecurityGroup?.kind === 'managed' ? stack.extras.backendSecurityGroup.groupName : token.$unknown;
    return { kind: 'pending', name, ref: 'backend-sg' };
  }
  const ref = isResourceRef(token) ? parseRef(token.$ref) : undefined;
  const o = observed.stacks.find((s) => s.id === stack.id && s.tagPrefix === stack.extras.tagPrefix)?.resources.find((r) => r.type === 'AWS::EC2::SecurityGroup' && r.id === ref?.id);
  if (o) return { kind: 'group', groupID: o.arn };
  return { kind: 'pending', name: `${stack.id}:${ref?.id ?? '?'}`, ref: `stack:${stack.extras.tagPrefix}:${stack.id}:${ref?.id ?? ''}` };
}

/** `resolveEndpointSGForENI` (networking_manager.go 524–566), with LBC's error texts. */
export function endpointGroupOf(eni: EniInfo, network: Pick<ObservedNodeNetwork, 'enis' | 'groups'>, settings: ClusterSettings): { groupID: string } | { error: string } {
  if (eni.securityGroups.length === 1) return { groupID: eni.securityGroups[0]! };
  const clusterKey = `kubernetes.io/cluster/${settings.clusterName}`;
  const extra = settings.serviceTargetEniSecurityGroupTags ?? {};
  const matching = eni.securityGroups
    .map((id) => network.groups.find((g) => g.groupID === id))
    .filter((g) => g !== undefined && clusterKey in g.tags && Object.entries(extra).every(([k, v]) => g.tags[k] === v))
    .map((g) => g!.groupID)
    .sort();
  if (matching.length === 1) return { groupID: matching[0]! };
  const got = `[${matching.join(' ')}]`;
  if (Object.keys(extra).length === 0) return { error: `expected exactly one securityGroup tagged with ${clusterKey} for eni ${eni.networkInterfaceId}, got: ${got} (clusterName: ${settings.clusterName})` };
  const tags = `map[${Object.keys(extra).sort().map((k) => `${k}:${extra[k]}`).join(' ')}]`;
  return { error: `expected exactly one securityGroup tagged with ${clusterKey} and ${tags} for eni ${eni.networkInterfaceId}, got: ${got} (clusterName: ${settings.clusterName})` };
}

/** One TGB's permissions per endpoint group, or LBC's error. */
function permissionsOfTgb(stack: Stack, tgId: string, input: NodeRulesInput): Map<string, DesiredPermission[]> | { error: string } | undefined {
  const reg = stack.extras.targets.find((t) => t.targetGroupId === tgId);
  if (reg?.kind !== 'managed') return undefined;
  const tg = stack.resources.find((r) => r.type === 'AWS::ElasticLoadBalancingV2::TargetGroup' && r.id === tgId);
  const ip = tg?.type === 'AWS::ElasticLoadBalancingV2::TargetGroup' && tg.spec.targetType === 'ip';
  const ids = [...new Set(reg.targets.map((t) => t.id).filter((id): id is string => typeof id === 'string'))].sort();
  const missing = ids.filter((id) => !input.network.enis[id]);
  // node_eni_info_resolver.go 67, pod_eni_info_resolver.go 96: gwlb knows instance ids and pod IPs, not the objects' names.
  if (missing.length > 0) return { error: `cannot resolve ${ip ? 'pod' : 'node'} ENI for ${ip ? 'pods' : 'nodes'}: [${missing.join(' ')}]` };
  const groups = new Set<string>();
  for (const id of ids) {
    const g = endpointGroupOf(input.network.enis[id]!, input.network, input.settings);
    if ('error' in g) return g;
    groups.add(g.groupID);
  }
  const perms: DesiredPermission[] = [];
  for (const r of stack.extras.nodeSecurityGroupRules.filter((x) => x.targetGroupId === tgId)) {
    const p = r.permission;
    if (isUnknown(p.fromPort) || isUnknown(p.toPort)) return undefined;
    const base = { protocol: p.ipProtocol, fromPort: p.fromPort ?? 0, toPort: p.toPort ?? 65535 };
    for (const g of p.userIDGroupPairs ?? []) perms.push({ ...base, source: resolveSource(g.groupID, stack, input.observed) });
    for (const c of p.ipRanges ?? []) perms.push({ ...base, source: { kind: 'ipv4', cidr: c.cidrIP } });
    for (const c of p.ipv6Ranges ?? []) perms.push({ ...base, source: { kind: 'ipv6', cidr: c.cidrIPv6 } });
  }
  return new Map([...groups].map((g) => [g, perms]));
}

/** `computeRestrictedIngressPermissionsPerSG` / `computeUnrestrictedIngressPermissionsPerSG` (networking_manager.go 268–349). */
export function aggregate(perTgb: readonly Map<string, DesiredPermission[]>[], restricted: boolean): Map<string, DesiredPermission[]> {
  const bySg = new Map<string, Map<string, DesiredPermission>>();
  for (const m of perTgb) {
    for (const [sg, perms] of m) {
      const acc = bySg.get(sg) ?? new Map<string, DesiredPermission>();
      bySg.set(sg, acc);
      for (const p of perms) {
        const cidr = p.source.kind === 'ipv4' || p.source.kind === 'ipv6';
        if (!restricted || cidr) {
          acc.set(hashOf(p), p);
          continue;
        }
        // One permission per protocol and source group spanning every port any TGB needs; 0–0 means all.
        const k = `range|${p.protocol}|${key(p.source)}`;
        const prev = acc.get(k);
        const all = p.fromPort === 0 && p.toPort === 0;
        const from = all ? 0 : Math.min(prev?.fromPort ?? 65535, p.fromPort);
        const to = all ? 65535 : Math.max(prev?.toPort ?? 0, p.toPort);
        acc.set(k, { ...p, fromPort: from, toPort: to });
      }
    }
  }
  return new Map([...bySg].map(([sg, m]) => [sg, [...m.values()]]));
}

function view(group: string, p: { protocol: string; fromPort?: number; toPort?: number; source: DesiredSource }, description: string): Record<string, unknown> {
  const s = p.source;
  const source =
    s.kind === 'pending' ? { source_security_group_id: { $unknown: `security group ${s.name}` }, source_security_group_pending: s.ref }
    : s.kind === 'group' ? { source_security_group_id: s.groupID }
    : s.kind === 'ipv4' ? { cidr_ipv4: s.cidr }
    : s.kind === 'ipv6' ? { cidr_ipv6: s.cidr }
    : { prefix_list_id: s.prefixListID };
  return { security_group_id: group, protocol: p.protocol, from_port: p.fromPort ?? null, to_port: p.toPort ?? null, ...source, description };
}

function change(actions: ['create'] | ['delete'], group: string, p: DesiredPermission | IngressPermission, description: string): ResourceChange {
  const id = nodeRuleId(group, p, key(p.source));
  const before = toPlanJson(actions[0] === 'delete' ? view(group, p, description) : undefined);
  const after = toPlanJson(actions[0] === 'create' ? view(group, p, description) : undefined);
  return {
    address: nodeRuleAddress(id),
    stack: CLUSTER_STACK,
    type: 'AWS::EC2::SecurityGroupIngress',
    id,
    ...(actions[0] === 'delete' ? { arn: group, action_reason: 'delete_because_no_target_group_needs_it' as const } : {}),
    change: { actions, before: before.value, after: after.value, after_unknown: after.unknown, before_sensitive: before.sensitive, after_sensitive: after.sensitive, after_references: after.references, replace_paths: [] },
  };
}

function foreignUsersOf(s: DesiredSource, foreign: ForeignUsers): readonly string[] {
  if (s.kind === 'pending') return [];
  return s.kind === 'group' ? (foreign.bySource.get(s.groupID) ?? []) : foreign.withoutGroups;
}

/** `have` admits everything `want` does: same protocol (or all traffic) and source, ports within. */
function covers(have: IngressPermission, want: DesiredPermission): boolean {
  if (want.source.kind === 'pending' || have.source.kind !== want.source.kind || sourceKey(have.source) !== key(want.source)) return false;
  if (have.protocol === '-1') return true;
  if (have.protocol !== want.protocol) return false;
  const all = (q: { fromPort?: number; toPort?: number }) => (q.fromPort ?? 0) === 0 && (q.toPort ?? 0) === 0;
  if (all(have)) return true;
  if (all(want)) return false;
  return (have.fromPort ?? 0) <= (want.fromPort ?? 0) && (have.toPort ?? 0) >= (want.toPort ?? 0);
}

export function planNodeSecurityGroupRules(input: NodeRulesInput): NodeRulesPlan {
  const problems: NodeRuleProblem[] = [];
  const perTgb: Map<string, DesiredPermission[]>[] = [];
  let computedForAll = input.complete;
  const uncomputed = new Set<string>();
  for (const stack of input.stacks) {
    const tgIds = [...new Set(stack.extras.nodeSecurityGroupRules.map((r) => r.targetGroupId))].sort();
    for (const tgId of tgIds) {
      const r = permissionsOfTgb(stack, tgId, input);
      if (r !== undefined && !('error' in r)) {
        perTgb.push(r);
        continue;
      }
      computedForAll = false;
      uncomputed.add(stack.id);
      if (r !== undefined) problems.push({ stack: stack.id, target_group: tgId, error: r.error });
    }
  }
  const desired = aggregate(perTgb, !input.settings.disableRestrictedSecurityGroupRules);
  const observedBy = new Map(input.network.groups.map((g) => [g.groupID, g]));
  const creates: ResourceChange[] = [];
  const deletes: ResourceChange[] = [];
  const revoked = new Set<string>();
  const kept: KeptNodeRule[] = [];
  // gwlb sees every TGB with rules from this source: the plan is complete and no foreign LB uses it.
  const seesAll = (s: DesiredSource) => computedForAll && foreignUsersOf(s, input.foreign).length === 0;
  const sgs = [...new Set([...desired.keys(), ...input.network.groups.map((g) => g.groupID)])].sort();
  for (const sg of sgs) {
    const want = desired.get(sg) ?? [];
    const have = observedBy.get(sg)?.ingress ?? [];
    const haveHashes = new Set(have.map(permissionHash));
    const wantHashes = new Set(want.map(hashOf));
    for (const p of want) {
      if (haveHashes.has(hashOf(p))) continue;
      // A plan that does not cover every target group (a --gateway, an orphan…) sees only part of
      // the ports LBC would merge into one range: a rule already admitting them is enough, or
      // every narrowed plan would add a narrower copy of the merged rule.
      // So does a source a foreign load balancer uses: LBC merged its TGBs' ports into the range.
      if (!seesAll(p.source) && have.some((h) => covers(h, p))) continue;
      creates.push(change(['create'], sg, p, TGB_RULE_DESCRIPTION));
    }
    for (const p of have) {
      if (wantHashes.has(permissionHash(p)) || !isTgbManaged(p.description)) continue;
      const owner = p.source.kind === 'group' ? input.ownSources.get(p.source.groupID) : undefined;
      const own = owner !== undefined && !uncomputed.has(owner);
      if (!computedForAll && !own) continue;
      const users = foreignUsersOf(p.source, input.foreign);
      if (users.length > 0) {
        kept.push({ id: nodeRuleId(sg, p, sourceKey(p.source)), load_balancers: users });
        continue;
      }
      deletes.push(change(['delete'], sg, p, p.description));
      revoked.add(`${sg} ${permissionHash(p)}`);
    }
  }
  const byAddress = (a: ResourceChange, b: ResourceChange) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0);
  return {
    // LBC authorizes before it revokes (security_group_reconciler.go 100–126).
    changes: [...creates.sort(byAddress), ...deletes.sort(byAddress)],
    problems,
    kept: kept.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    referencing(groupID) {
      const still = input.network.groups.filter((g) => g.ingress.some((p) => p.source.kind === 'group' && p.source.groupID === groupID && !revoked.has(`${g.groupID} ${permissionHash(p)}`)));
      const adding = [...desired].filter(([, ps]) => ps.some((p) => p.source.kind === 'group' && p.source.groupID === groupID)).map(([sg]) => sg);
      return [...new Set([...still.map((g) => g.groupID), ...adding])].sort();
    },
  };
}

