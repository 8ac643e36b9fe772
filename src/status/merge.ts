/**
 * Folding a computed status into the one the cluster holds, as LBC's updaters do, with Kubernetes'
 * `lastTransitionTime` rule (apimachinery meta.SetStatusCondition): a condition whose status did
 * not change keeps its time. resolve/ computes statuses without times; the time of this write
 * comes in as `now`. Pure: data in, data out.
 */
import type { Condition } from '../source/kube.js';
import type { RouteParentStatus } from '../resolve/types.js';

/** A condition as the API server holds it: every field set. */
export type LiveCondition = Condition & { readonly lastTransitionTime: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The conditions of a status read from the cluster, typed; entries that are not objects are dropped. */
export function liveConditions(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** `computed` stamped with `now`, or with the time of the same-type condition in `before` when its status is unchanged. */
export function stamp(computed: Condition, before: readonly Record<string, unknown>[], now: string): LiveCondition {
  const prior = before.find((c) => c['type'] === computed.type);
  const kept = prior && prior['status'] === computed.status && typeof prior['lastTransitionTime'] === 'string' ? prior['lastTransitionTime'] : now;
  return { ...computed, lastTransitionTime: kept };
}

/** A whole condition list replaced (listeners, ListenerSets, route parents: LBC rebuilds these lists). */
export function replaceConditions(computed: readonly Condition[], before: readonly Record<string, unknown>[], now: string): LiveCondition[] {
  return computed.map((c) => stamp(c, before, now));
}

/**
 * Conditions updated type by type and the others kept (utils.go `prepareGatewayConditionUpdate`
 * for Gateways: in place, or appended; `updateGatewayClassAcceptedCondition` for GatewayClasses,
 * which writes nothing when the class has no `Accepted` condition — `onlyExisting`).
 */
export function upsertConditions(computed: readonly Condition[], before: readonly Record<string, unknown>[], now: string, onlyExisting = false): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = before.map((c) => ({ ...c }));
  for (const c of computed) {
    const at = out.findIndex((o) => o['type'] === c.type);
    if (at >= 0) out[at] = { ...stamp(c, before, now) };
    else if (!onlyExisting) out.push({ ...stamp(c, before, now) });
  }
  return out;
}

/** Route parentRef identity (route_reconciler.go `getParentStatusKey`), with the API server's defaults filled in. */
export function parentKey(ref: unknown, routeNamespace: string): string {
  const r = isRecord(ref) ? ref : {};
  const str = (v: unknown, dflt: string) => (typeof v === 'string' && v !== '' ? v : dflt);
  const port = typeof r['port'] === 'number' ? String(r['port']) : '';
  return [str(r['group'], 'gateway.networking.k8s.io'), str(r['kind'], 'Gateway'), str(r['namespace'], routeNamespace), str(r['name'], ''), str(r['sectionName'], ''), port].join('|');
}

/**
 * A route's `status.parents` after gwlb's write: entries of other controllers are kept as they
 * are, where they are; our entry for each computed parentRef is replaced (or appended); our
 * entries for parentRefs the spec no longer lists are dropped (LBC rebuilds the list from
 * spec.parentRefs, route_reconciler.go `updateRouteStatus`); our other entries stay. An entry
 * whose conditions were written for a newer generation is never overwritten (the same file:
 * "do not allow backward generation update").
 */
export function mergeRouteParents(input: {
  readonly computed: readonly RouteParentStatus[];
  readonly before: readonly Record<string, unknown>[];
  readonly specParentKeys: ReadonlySet<string>;
  readonly ours: ReadonlySet<string>;
  readonly routeNamespace: string;
  readonly generation: number;
  readonly now: string;
}): Record<string, unknown>[] {
  const { computed, before, ours, routeNamespace, now } = input;
  const keyOf = (ref: unknown) => parentKey(ref, routeNamespace);
  const byKey = new Map(computed.map((c) => [keyOf(c.parentRef), c]));
  const placed = new Set<string>();
  const out: Record<string, unknown>[] = [];
  for (const entry of before) {
    const controller = entry['controllerName'];
    if (typeof controller !== 'string' || !ours.has(controller)) {
      out.push(entry);
      continue;
    }
    const key = keyOf(entry['parentRef']);
    const next = byKey.get(key);
    if (next && next.controllerName === controller && !placed.has(key)) {
      placed.add(key);
      const prior = liveConditions(entry['conditions']);
      const seen = prior[0]?.['observedGeneration'];
      out.push(typeof seen === 'number' && seen > input.generation ? entry : parentEntry(next, prior, now));
    } else if (input.specParentKeys.has(key)) out.push(entry);
  }
  for (const c of computed) {
    const key = keyOf(c.parentRef);
    if (!placed.has(key)) out.push(parentEntry(c, [], now));
  }
  return out;
}

function parentEntry(c: RouteParentStatus, prior: readonly Record<string, unknown>[], now: string): Record<string, unknown> {
  return { parentRef: { ...c.parentRef }, controllerName: c.controllerName, conditions: replaceConditions(c.conditions, prior, now) };
}
