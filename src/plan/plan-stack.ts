/**
 * Plans one stack: pairs desired with observed resources (match.ts), and for each pair decides
 * no-op, update or replace (replacement.ts), predicting the after-state with `overlay` and the
 * tag reconciliation. Types are processed in dependency order so a `$ref` to a resource that
 * exists and stays resolves to its observed ARN, and a reference to a created or replaced one
 * stays unknown — `(known after apply)`.
 */
import type { FeatureGates } from '../model/settings.js';
import { isResourceRef, type Stack, type StackResource, type StatusField } from '../model/stack.js';
import { CLUSTER_TAG, desiredTags } from '../model/tags.js';
import { deletable, desiresNothing, isAddon } from './addons.js';
import { diffValues } from './diff.js';
import { matchByKey, matchRules, type Pairing } from './match.js';
import type { ObservedResource, ObservedStack } from './observed.js';
import { orderChanges } from './order.js';
import { taggedForStack } from './ownership.js';
import { replacePaths } from './replacement.js';
import { reconciledTags, sortTags, type TagPolicy } from './tags.js';
import { TYPE_ORDER, type ActionReason, type Actions, type Path, type PlanResourceType, type UnmanagedTargets, type UntrackedResource } from './types.js';
import { resolveRefs } from './values.js';
import { planTargets } from './targets.js';
import { overlay, replacementView, viewOf, type View } from './views.js';

export interface StackPlanContext {
  readonly cluster: string;
  readonly policy: TagPolicy;
  readonly gates: Pick<FeatureGates, 'NLBHealthCheckAdvancedConfig' | 'ListenerRulesTagging'>;
  /** False: no Shield Advanced subscription, so LBC leaves Shield alone (plan/addons.ts). */
  readonly shieldSubscribed?: boolean;
}

export interface DraftChange {
  readonly type: PlanResourceType;
  readonly id: string;
  readonly actions: Actions;
  readonly before?: View;
  readonly after?: View;
  readonly replacePaths: readonly Path[];
  readonly reason?: ActionReason;
  readonly arn?: string;
  /** A delete whose address a desired resource of this stack also uses. */
  readonly deposed?: boolean;
}

type Desired = Extract<StackResource, { type: PlanResourceType }>;
const PLAN_TYPES = new Set<string>(TYPE_ORDER);
const isPlanned = (r: StackResource): r is Desired => PLAN_TYPES.has(r.type);

export function parseRef(ref: string): { type: string; id: string; field: string } | undefined {
  const body = ref.startsWith('#/resources/') ? ref.slice('#/resources/'.length) : undefined;
  const slash = body?.indexOf('/') ?? -1;
  const status = body?.lastIndexOf('/status/') ?? -1;
  if (body === undefined || slash < 0 || status < slash) return undefined;
  return { type: body.slice(0, slash), id: body.slice(slash + 1, status), field: body.slice(status + '/status/'.length) };
}

/**
 * LBC's ownership (tracking/provider.go, §3.3): SG/LB/TG need our cluster tag (or the legacy one)
 * and this stack's tag; listeners, rules and addons are owned through the owned LB. Anything
 * else observe/ handed over is reported and never touched.
 */
export function ownedResources(observed: ObservedStack, cluster: string): { owned: ObservedResource[]; untracked: UntrackedResource[] } {
  const owned: ObservedResource[] = [];
  const untracked: UntrackedResource[] = [];
  const top = (o: ObservedResource) => o.type === 'AWS::EC2::SecurityGroup' || o.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer' || o.type === 'AWS::ElasticLoadBalancingV2::TargetGroup';
  for (const o of observed.resources.filter(top)) {
    if (taggedForStack(o.tags, cluster, observed.tagPrefix, observed.id)) owned.push(o);
    else untracked.push({ type: o.type, arn: o.arn, reason: o.tags[CLUSTER_TAG] !== undefined && o.tags[CLUSTER_TAG] !== cluster ? 'other-cluster' : 'missing-tracking-tags' });
  }
  const lbs = new Set(owned.filter((o) => o.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer').map((o) => o.arn));
  const listeners = new Set<string>();
  for (const o of observed.resources) {
    if (o.type !== 'AWS::ElasticLoadBalancingV2::Listener') continue;
    if (lbs.has(String(o.spec.loadBalancerARN))) {
      owned.push(o);
      listeners.add(o.arn);
    } else untracked.push({ type: o.type, arn: o.arn, reason: 'missing-tracking-tags' });
  }
  for (const o of observed.resources) {
    const parent =
      o.type === 'AWS::ElasticLoadBalancingV2::ListenerRule' ? listeners.has(String(o.spec.listenerARN))
      : o.type === 'AWS::WAFv2::WebACLAssociation' || o.type === 'AWS::Shield::Protection' ? lbs.has(o.spec.resourceARN)
      : undefined;
    if (parent === true) owned.push(o);
    else if (parent === false) untracked.push({ type: o.type, arn: o.arn, reason: 'missing-tracking-tags' });
  }
  return { owned, untracked };
}

export interface StackPlan {
  readonly changes: DraftChange[];
  readonly untracked: UntrackedResource[];
  /** Target groups whose targets stay as they are (targets.ts). */
  readonly unmanagedTargets: UnmanagedTargets[];
}

export function planStack(desired: Stack | undefined, observed: ObservedStack | undefined, ctx: StackPlanContext, deleteReason: ActionReason): StackPlan {
  const stackId = desired?.id ?? observed?.id ?? '';
  const found = observed ? ownedResources(observed, ctx.cluster) : { owned: [], untracked: [] };
  const untracked = found.untracked;
  // A deleted stack's addons go with its load balancer, or stay as LBC leaves them (plan/addons.ts).
  const owned = desired ? found.owned : found.owned.filter((o) => !isAddon(o.type));
  const live = new Map<string, { o: ObservedResource; replaced: boolean }>();
  const key = (type: string, id: string) => `${type}\u0000${id}`;
  const lookup = (ref: string): string | undefined => {
    if (live.size === 0) return undefined;
    const p = parseRef(ref);
    const e = p ? live.get(key(p.type, p.id)) : undefined;
    return e && !e.replaced ? e.o.status[p!.field as StatusField] : undefined;
  };
  const tagCtx = { cluster: ctx.cluster, tagPrefix: desired?.extras.tagPrefix ?? '', stackId, listenerRulesTagging: ctx.gates.ListenerRulesTagging };

  const dView = (d: Desired): View => {
    const tags = desiredTags(d, tagCtx);
    // Nothing observed stays yet (an offline plan, a new stack): no reference can resolve.
    const resolved = live.size === 0 ? d : ({ ...d, spec: resolveRefs(d.spec, lookup) } as Desired);
    return viewOf(resolved, tags ? sortTags(tags) : undefined);
  };
  // Targets are a kind of their own (targets.ts), so a target group's view never shows target churn.
  const oView = (o: ObservedResource): View => viewOf(o, isAddon(o.type) ? undefined : sortTags(o.tags));

  const changes: DraftChange[] = [];
  const unmanagedTargets: UnmanagedTargets[] = [];
  let lbReplaced = false;
  const create = (d: Desired, view?: View) => changes.push({ type: d.type, id: d.id, actions: ['create'], after: view ?? dView(d), replacePaths: [] });
  const remove = (o: ObservedResource) => changes.push({ type: o.type, id: o.id, actions: ['delete'], before: oView(o), replacePaths: [], reason: deleteReason, arn: o.arn });
  const pair = (d: Desired, o: ObservedResource, after: View, parentReplaced: boolean) => {
    const before = oView(o);
    const base = { type: d.type, id: d.id, before, after, arn: o.arn };
    if (parentReplaced) {
      live.set(key(d.type, d.id), { o, replaced: true });
      return changes.push({ ...base, after: replacementView(d.type, after, before), actions: ['delete', 'create'], replacePaths: [], reason: 'replace_because_parent_replaced' });
    }
    const replace = replacePaths(d.type, before, after, ctx.gates);
    live.set(key(d.type, d.id), { o, replaced: replace !== undefined });
    if (replace) {
      if (d.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer') lbReplaced = true;
      const actions: Actions = replace.order === 'delete-create' ? ['delete', 'create'] : ['create', 'delete'];
      return changes.push({ ...base, after: replacementView(d.type, after, before), actions, replacePaths: replace.paths, reason: 'replace_because_cannot_update' });
    }
    const desiredTagSet = after['tags'] as Record<string, string> | undefined;
    const predicted = { ...overlay(d.type, after, before), tags: desiredTagSet ? reconciledTags(d.type, desiredTagSet, o.tags, ctx.policy) : before['tags'] };
    const changed = diffValues(before, predicted).length > 0;
    return changes.push({ ...base, after: predicted, actions: changed ? ['update'] : ['no-op'], replacePaths: [] });
  };
  const apply = (p: Pairing<Desired, ObservedResource>, parentReplaced: boolean) => {
    for (const [d, o] of p.pairs) pair(d, o, dView(d), parentReplaced);
    for (const d of p.desiredOnly) create(d);
    p.observedOnly.forEach(remove);
  };

  const desiredRes = (desired?.resources ?? []).filter(isPlanned).filter((r) => !desiresNothing(r, ctx.shieldSubscribed ?? true));
  for (const type of TYPE_ORDER) {
    const ds = desiredRes.filter((r) => r.type === type);
    const os = owned.filter((o) => o.type === type);
    const lb = live.get(key('AWS::ElasticLoadBalancingV2::LoadBalancer', 'LoadBalancer'))?.o.arn;
    if (type === 'AWS::ElasticLoadBalancingV2::Listener') {
      const underLb = (o: ObservedResource) => o.type === type && o.spec.loadBalancerARN === lb;
      const p = matchByKey(ds, os.filter(underLb), (d) => String(d.type === type ? d.spec.port : ''), (o) => String(o.type === type ? o.spec.port : ''));
      apply({ ...p, observedOnly: [...p.observedOnly, ...os.filter((o) => !underLb(o))] }, lbReplaced);
    } else if (type === 'AWS::ElasticLoadBalancingV2::ListenerRule') {
      planRules(ds, os);
    } else if (type === 'AWS::ElasticLoadBalancingV2::Target') {
      // After the target groups: a target's change depends on its target group's (targets.ts).
      const t = planTargets(stackId, desired?.extras.targets ?? [], changes, owned);
      changes.push(...t.changes);
      unmanagedTargets.push(...t.unmanaged);
    } else if (isAddon(type)) {
      // A replaced LB needs its addons again; a protection LBC did not name is never deleted.
      const p = matchByKey(ds, os, (d) => d.id, (o) => o.id);
      apply({ ...p, observedOnly: p.observedOnly.filter(deletable) }, lbReplaced);
    } else {
      apply(matchByKey(ds, os, (d) => d.id, (o) => o.id), false);
    }
  }

  function planRules(ds: Desired[], os: ObservedResource[]): void {
    const listenerOf = (d: Desired) => (d.type === 'AWS::ElasticLoadBalancingV2::ListenerRule' && isResourceRef(d.spec.listenerARN) ? parseRef(d.spec.listenerARN.$ref)?.id : undefined);
    const claimed = new Set<ObservedResource>();
    // The rules of each listener, listeners in order of their first rule (one pass: a stack has thousands).
    const byListener = new Map<string | undefined, Desired[]>();
    for (const d of ds) {
      const id = listenerOf(d);
      const rules = byListener.get(id);
      if (rules) rules.push(d);
      else byListener.set(id, [d]);
    }
    for (const [listenerId, mine] of byListener) {
      const parent = listenerId === undefined ? undefined : live.get(key('AWS::ElasticLoadBalancingV2::Listener', listenerId))?.o.arn;
      const theirs = os.filter((o) => parent !== undefined && o.type === 'AWS::ElasticLoadBalancingV2::ListenerRule' && o.spec.listenerARN === parent);
      theirs.forEach((o) => claimed.add(o));
      const p = matchRules(
        mine.map((d) => ({ d, view: dView(d) })),
        theirs.map((o) => ({ o, view: oView(o) })),
      );
      for (const [d, o] of p.pairs) pair(d.d, o.o, d.view, lbReplaced);
      // The views matching used: rule views depend on listeners and target groups, not on rules.
      p.desiredOnly.forEach((d) => create(d.d, d.view));
      p.observedOnly.forEach((o) => remove(o.o));
    }
    os.filter((o) => !claimed.has(o)).forEach(remove);
  }

  const deletes = (c: DraftChange) => c.actions.length === 1 && c.actions[0] === 'delete';
  // Without deletes (a new stack, an offline plan) nothing is deposed: no key per change to look up.
  if (!changes.some(deletes)) return { changes: orderChanges(changes), untracked, unmanagedTargets };
  const used = new Set(changes.filter((c) => !deletes(c)).map((c) => key(c.type, c.id)));
  const marked = changes.map((c) => (deletes(c) && used.has(key(c.type, c.id)) ? { ...c, deposed: true } : c));
  return { changes: orderChanges(marked), untracked, unmanagedTargets };
}
