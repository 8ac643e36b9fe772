/**
 * Public API of the plan stage: desired stacks (model/) + observed stacks (observe/) → Plan.
 * Pure: no I/O, no clock. Scope and orphans follow DESIGN.md: a plan covers the Gateways in its
 * input (or `--gateway`); an owned stack whose Gateway is absent is an orphan, deleted only with
 * `prune`; a Gateway whose model failed keeps its AWS stack untouched (LBC deploys nothing when
 * its build fails); resources without our tracking tags are reported, never changed.
 */
import type { ClusterSettings } from '../model/settings.js';
import { deployableStacks } from './capacity-gate.js';
import type { Stack } from '../model/stack.js';
import { KIND_BY_TYPE, stackAddresses } from './address.js';
import type { ForeignResource, ObservedState, ObservedStack } from './observed.js';
import { planBackendSecurityGroup } from './backend-sg.js';
import { nodeRulesOfPlan } from './node-sg-coverage.js';
import { ownershipAborts } from './ownership.js';
import { parseRef, planStack, type DraftChange, type StackPlanContext } from './plan-stack.js';
import { PLAN_FORMAT_VERSION, refusedStacks, type OwnershipAbort, type PendingNodePortRef, type Plan, type PlanResourceType, type PlannedStack, type ResourceChange, type UntrackedResource } from './types.js';
import { toPlanJson } from './values.js';
import { writeOnlyResent } from './write-only.js';

export * from './types.js';
export * from './observed.js';
export { resourceAddress, KIND_BY_TYPE } from './address.js';
export { REPLACEMENT } from './replacement.js';
export { lazyFingerprint, planFingerprint, type PlanFingerprint } from './fingerprint.js';
export { ownershipAborts } from './ownership.js';
export { deployableStacks } from './capacity-gate.js';
export { BACKEND_SG_ID, CLUSTER_STACK, backendSgAddress } from './backend-sg.js';

export interface PlanInput {
  readonly desired: readonly Stack[];
  readonly observed: ObservedState;
  readonly settings: ClusterSettings;
  readonly mode: 'offline' | 'live';
  /** Delete orphaned stacks (`--prune`, or a whole-cluster input). */
  readonly prune: boolean;
  /** `ns/name` of every Gateway in the input, with or without a stack: never orphans. */
  readonly inputGateways: readonly string[];
  /**
   * `--gateway ns/name`: only this stack is in scope; or a set of them (a watch round narrowed to
   * the Gateways a change reached, watch/round-reads.ts). Stacks outside are neither planned nor
   * judged orphans.
   */
  readonly scope?: string | ReadonlySet<string>;
  /** The input had errors (some Gateway got no model). */
  readonly errored: boolean;
  /** Plan the deletion of these owned stacks (Gateway `ns/name`s, or every one) and nothing else. */
  readonly destroy?: DestroyScope;
}

export type DestroyScope = { readonly kind: 'all' } | { readonly kind: 'gateways'; readonly gateways: readonly string[] };

const LB_TYPE_BY_PREFIX: Readonly<Record<string, 'application' | 'network'>> = { 'gateway.k8s.aws.alb': 'application', 'gateway.k8s.aws.nlb': 'network' };

/**
 * The plan entries of one stack's changes. The address of a `$ref` is looked up once per stack:
 * every rule of a listener refers to it, and most rules to a target group another rule also uses.
 */
function toResourceChanges(stack: string, drafts: readonly DraftChange[]): ResourceChange[] {
  const address = stackAddresses(stack);
  const refAddresses = new Map<string, string | undefined>();
  const refAddress = (ref: string): string | undefined => {
    if (refAddresses.has(ref)) return refAddresses.get(ref);
    const p = parseRef(ref);
    const a = p && (KIND_BY_TYPE as Record<string, string>)[p.type] ? address(p.type as PlanResourceType, p.id) : undefined;
    refAddresses.set(ref, a);
    return a;
  };
  return drafts.map((c) => toResourceChange(stack, c, address(c.type, c.id), refAddress));
}

function toResourceChange(stack: string, c: DraftChange, address: string, refAddress: (ref: string) => string | undefined): ResourceChange {
  const before = toPlanJson(c.before);
  const after = toPlanJson(c.after, refAddress);
  const change = {
    actions: c.actions,
    before: before.value,
    after: after.value,
    after_unknown: after.unknown,
    before_sensitive: before.sensitive,
    after_sensitive: after.sensitive,
    after_references: after.references,
    replace_paths: c.replacePaths,
  };
  // A create (every change of an offline plan) has no ARN and no reason: a plain literal, not the
  // spreads below, which V8 builds member by member.
  if (!c.arn && !c.reason) return { address, stack, type: c.type, id: c.id, change };
  return {
    address,
    stack,
    type: c.type,
    id: c.id,
    ...(c.deposed && c.arn ? { deposed: c.arn } : {}),
    ...(c.arn ? { arn: c.arn } : {}),
    change,
    ...(c.reason ? { action_reason: c.reason } : {}),
  };
}

/** A create that needs a name an untracked resource already holds would fail in AWS. */
function collisions(changes: readonly ResourceChange[], foreign: readonly ForeignResource[]): UntrackedResource[] {
  const out: UntrackedResource[] = [];
  for (const f of foreign) {
    const hit = changes.find((rc) => {
      if (rc.type !== f.type || !(rc.change.actions as readonly string[]).includes('create')) return false;
      const after = rc.change.after as Record<string, unknown> | null;
      return after !== null && (after['name'] === f.name || after['groupName'] === f.name);
    });
    const reason = hit ? 'name-collision' : f.tags['elbv2.k8s.aws/cluster'] !== undefined ? 'other-cluster' : 'missing-tracking-tags';
    out.push({ type: f.type, arn: f.arn, name: f.name, reason, ...(hit ? { address: hit.address } : {}) });
  }
  return out;
}

/** The stack's Service ports without a nodePort, once each, sorted. */
function pendingNodePorts(d: Stack): PendingNodePortRef[] {
  const seen = new Map<string, PendingNodePortRef>();
  for (const p of d.extras.pendingNodePorts ?? []) seen.set(`${p.service}:${p.port}`, { service: p.service, port: p.port });
  return [...seen.values()].sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : a.port - b.port));
}

export function buildPlan(input: PlanInput): Plan {
  const s = input.settings;
  const ctx: StackPlanContext = {
    cluster: s.clusterName,
    policy: { cluster: s.clusterName, externalManagedTags: s.externalManagedTags },
    gates: s.featureGates,
    ...(input.observed.shieldSubscribed !== undefined ? { shieldSubscribed: input.observed.shieldSubscribed } : {}),
  };
  const scope = input.scope;
  const inScope = (id: string) => scope === undefined || (typeof scope === 'string' ? scope === id : scope.has(id));
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const desired = deployableStacks(input.desired, s.featureGates).filter((d) => inScope(d.id)).sort(byId);
  const inputGateways = new Set(input.inputGateways);
  const observedKey = (o: ObservedStack) => `${o.tagPrefix} ${o.id}`;
  // Pruning needs a readable input that names at least one Gateway: an empty, unreadable or
  // errored input never deletes anything (the CLI refuses such a --prune outright).
  const prune = input.prune && input.inputGateways.length > 0 && !input.errored;
  const observed = new Map(input.observed.stacks.filter((o) => inScope(o.id)).map((o) => [observedKey(o), o]));

  // LBC's ownership abort: a stack (of either controller) holding an owned resource without its
  // resource tag is neither planned nor pruned, and the plan fails (ownership.ts).
  const desiredById = new Map(desired.map((d) => [d.id, d]));
  const aborts = new Map<string, OwnershipAbort[]>();
  for (const o of observed.values()) {
    const found = ownershipAborts(o, s.clusterName, desiredById.get(o.id));
    if (found.length > 0) aborts.set(o.id, [...(aborts.get(o.id) ?? []), ...found]);
  }

  const stacks: PlannedStack[] = [];
  const changes: ResourceChange[] = [];
  const untracked: UntrackedResource[] = [];
  const add = (stack: string, r: { changes: DraftChange[]; untracked: UntrackedResource[] }) => {
    for (const c of toResourceChanges(stack, r.changes)) changes.push(c);
    untracked.push(...r.untracked);
  };

  if (input.destroy) {
    const named = input.destroy.kind === 'all' ? undefined : new Set(input.destroy.gateways);
    for (const o of [...observed.values()].sort(byId)) {
      if (named && !named.has(o.id)) continue;
      const lbType = LB_TYPE_BY_PREFIX[o.tagPrefix] ?? 'application';
      const aborted = aborts.get(o.id);
      if (aborted) {
        if (!stacks.some((x) => x.id === o.id)) stacks.push({ id: o.id, load_balancer_type: lbType, status: 'aborted', aborts: aborted });
        continue;
      }
      add(o.id, planStack(undefined, o, ctx, 'delete_because_destroy'));
      if (!stacks.some((x) => x.id === o.id)) stacks.push({ id: o.id, load_balancer_type: lbType, status: 'destroyed' });
    }
    observed.clear();
  }
  for (const d of input.destroy ? [] : desired) {
    const key = `${d.extras.tagPrefix} ${d.id}`;
    const aborted = aborts.get(d.id);
    if (aborted) {
      stacks.push({ id: d.id, load_balancer_type: d.extras.loadBalancerType, status: 'aborted', aborts: aborted });
      continue;
    }
    const planned = planStack(d, observed.get(key), ctx, 'delete_because_no_resource_config');
    add(d.id, planned);
    observed.delete(key);
    const pending = pendingNodePorts(d);
    const unmanaged = planned.unmanagedTargets;
    stacks.push({
      id: d.id,
      load_balancer_type: d.extras.loadBalancerType,
      status: 'planned',
      ...(pending.length > 0 ? { pending_node_ports: pending } : {}),
      uid_source: d.extras.uid.kind,
      uid: d.extras.uid.uid,
      ...(unmanaged.length > 0 ? { unmanaged_targets: unmanaged } : {}),
    });
  }
  const desiredIds = new Set(desired.map((d) => d.id));
  for (const o of [...observed.values()].sort(byId)) {
    const lbType = LB_TYPE_BY_PREFIX[o.tagPrefix] ?? 'application';
    const aborted = aborts.get(o.id);
    if (aborted) {
      // Reported once per Gateway: under its desired stack above, or here for an orphan.
      if (!desiredIds.has(o.id) && !stacks.some((x) => x.id === o.id)) stacks.push({ id: o.id, load_balancer_type: lbType, status: 'aborted', aborts: aborted });
    } else if (desiredIds.has(o.id)) {
      // The Gateway moved to the other controller (ALB ↔ NLB): the old controller's stack goes.
      add(o.id, planStack(undefined, o, ctx, 'delete_because_no_resource_config'));
    } else if (inputGateways.has(o.id)) {
      stacks.push({ id: o.id, load_balancer_type: lbType, status: 'model-failed' });
    } else {
      stacks.push({ id: o.id, load_balancer_type: lbType, status: 'orphaned' });
      if (prune) add(o.id, planStack(undefined, o, ctx, 'delete_because_orphaned_stack'));
    }
  }
  // The shared backend SG: created before every stack that needs it, deleted after every stack.
  // A stack apply refuses (a nodePort pending) does not make it needed: apply would create it alone.
  const refused = new Set(refusedStacks({ stacks }).map((x) => x.id));
  const plannedIds = new Set(stacks.filter((x) => x.status === 'planned' && !refused.has(x.id)).map((x) => x.id));
  // Node/pod ENI SG rules (LBC's TGB controller, after the stacks deploy): after every stack change.
  const rules = nodeRulesOfPlan({
    desired: deployableStacks(input.desired, s.featureGates),
    observed: input.observed,
    settings: s,
    stacks,
    refused,
    scoped: input.scope !== undefined,
    errored: input.errored,
    prune,
    destroy: input.destroy ? (input.destroy.kind === 'all' ? 'all' : 'some') : undefined,
  });
  const backendId = input.observed.backendSecurityGroup?.groupID;
  const network = input.observed.nodeNetwork;
  const referencedBy =
    rules && backendId && network ? [...new Set([...input.observed.backendSecurityGroup!.referencedBy.filter((g) => !network.groups.some((x) => x.groupID === g)), ...rules.referencing(backendId)])] : undefined;
  changes.push(...(rules?.changes ?? []));
  const backend = planBackendSecurityGroup({
    planned: desired.filter((d) => plannedIds.has(d.id)),
    desired: input.destroy ? [] : input.desired,
    observed: input.observed,
    settings: s,
    deletesStacks: prune || input.destroy !== undefined,
    changes,
    ...(referencedBy ? { referencedBy } : {}),
  });
  if (backend) {
    if (backend.change.actions[0] === 'create') changes.unshift(backend);
    else changes.push(backend);
  }
  const foreign = collisions(changes, input.observed.foreign);
  const all = [...untracked, ...foreign];
  const resent = writeOnlyResent(desired, changes);
  return {
    format_version: PLAN_FORMAT_VERSION,
    cluster: s.clusterName,
    mode: input.mode,
    applyable: !input.errored && !all.some((u) => u.reason === 'name-collision'),
    errored: input.errored,
    prune,
    ...(input.destroy ? { destroy: true } : {}),
    stacks,
    resource_changes: changes,
    untracked: all,
    ...(resent.length > 0 ? { write_only_resent: resent } : {}),
    ...(rules && rules.problems.length > 0 ? { node_security_group_problems: rules.problems } : {}),
    ...(rules && rules.kept.length > 0 ? { node_security_group_rules_kept: rules.kept } : {}),
  };
}
