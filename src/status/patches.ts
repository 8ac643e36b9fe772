/**
 * The status patches gwlb writes as the acting controller: for each status resolve computed
 * (Resolution.statuses, with the load balancer's state from AWS folded in through
 * ResolveOptions.loadBalancerStates), the JSON merge patch on `/status` that brings the object as
 * read from the cluster to what LBC would leave there — or none when that is what it holds.
 *
 * Which fields, per kind (LBC's updaters, controllers/gateway/):
 *   GatewayClass  `Accepted` only, and only when the class has one (utils.go updateGatewayClassAcceptedCondition)
 *   Gateway       conditions type by type (prepareGatewayConditionUpdate), `addresses`, `listeners`,
 *                 `attachedListenerSets` when computed (gateway_controller.go updateGatewayStatusSuccess)
 *   ListenerSet   conditions and listeners, rebuilt (listenerset_status_reconciler.go doStatusUpdate)
 *   routes        `parents`: only our controllers' entries (status/merge.ts mergeRouteParents)
 * Every patch carries `metadata.resourceVersion`, so a write over a newer object fails with 409
 * and the writer re-reads it. Pure: no clock (`now` is given), no I/O.
 */
import type { ObjectRef } from '../diagnostics.js';
import type { ControllerNames, ListenerStatus, ObjectStatus } from '../resolve/types.js';
import { liveConditions, mergeRouteParents, parentKey, replaceConditions, upsertConditions } from './merge.js';

/** An object as the API server returned it (JSON), as far as status writing needs it. */
export interface LiveObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly resourceVersion?: string; readonly generation?: number };
  readonly spec?: unknown;
  readonly status?: unknown;
}

export interface StatusPatch {
  readonly object: ObjectRef;
  readonly apiVersion: string;
  /** The merge patch body: the resourceVersion precondition and the status fields gwlb owns. */
  readonly body: { readonly metadata: { readonly resourceVersion: string }; readonly status: Readonly<Record<string, unknown>> };
}

export interface StatusPatchInput {
  readonly statuses: readonly ObjectStatus[];
  /** The objects as read, by `liveKey`. A status whose object is gone gets no patch. */
  readonly live: ReadonlyMap<string, LiveObject>;
  readonly controllerNames: ControllerNames;
  /**
   * `liveKey`s of Gateways, ListenerSets and GatewayClasses gwlb does not act for (an in-cluster
   * LBC manages them, or they are out of `--gateway`'s scope): no patch for them, and no route
   * parent entry that names one of them.
   */
  readonly skip?: ReadonlySet<string>;
  /** RFC 3339 time of this write, for conditions whose status changes. */
  readonly now: string;
}

export function liveKey(ref: ObjectRef): string {
  return `${ref.kind}/${ref.namespace}/${ref.name}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** JSON with object keys sorted: a status read back compares equal to the one written. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (isRecord(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}

function listenerEntries(computed: readonly ListenerStatus[], before: unknown, now: string): Record<string, unknown>[] {
  const prior = Array.isArray(before) ? before.filter(isRecord) : [];
  return computed.map((l) => {
    const old = prior.find((p) => p['name'] === l.name);
    return { name: l.name, supportedKinds: l.supportedKinds.map((k) => ({ ...k })), attachedRoutes: l.attachedRoutes, conditions: replaceConditions(l.conditions, liveConditions(old?.['conditions']), now) };
  });
}

/** The status fields gwlb would write for one object; undefined when it writes none. */
function nextStatus(s: ObjectStatus, live: LiveObject, input: StatusPatchInput, ours: ReadonlySet<string>): Record<string, unknown> | undefined {
  const before = isRecord(live.status) ? live.status : {};
  const conditions = liveConditions(before['conditions']);
  const { now } = input;
  const st = s.status;
  switch (st.kind) {
    case 'GatewayClass':
      return { conditions: upsertConditions(st.conditions, conditions, now, true) };
    case 'Gateway':
      return {
        conditions: upsertConditions(st.conditions, conditions, now),
        ...(st.addresses ? { addresses: st.addresses.map((a) => ({ ...a })) } : {}),
        ...(st.listeners ? { listeners: listenerEntries(st.listeners, before['listeners'], now) } : {}),
        ...(st.attachedListenerSets !== undefined ? { attachedListenerSets: st.attachedListenerSets } : {}),
      };
    case 'ListenerSet':
      return { conditions: replaceConditions(st.conditions, conditions, now), listeners: listenerEntries(st.listeners, before['listeners'], now) };
    case 'Route': {
      const namespace = s.object.namespace;
      const skip = input.skip ?? new Set<string>();
      const computed = st.parents.filter((p) => {
        const ref = p.parentRef;
        return !skip.has(liveKey({ kind: ref.kind ?? 'Gateway', namespace: ref.namespace ?? namespace, name: ref.name }));
      });
      const specRefs = isRecord(live.spec) && Array.isArray(live.spec['parentRefs']) ? live.spec['parentRefs'] : [];
      const parents = mergeRouteParents({
        computed,
        before: Array.isArray(before['parents']) ? before['parents'].filter(isRecord) : [],
        specParentKeys: new Set(specRefs.map((r) => parentKey(r, namespace))),
        ours,
        routeNamespace: namespace,
        generation: live.metadata.generation ?? 1,
        now,
      });
      return { parents };
    }
  }
}

/** The patch for one status, or undefined when the object is gone, skipped, or already holds it. */
export function statusPatch(s: ObjectStatus, input: StatusPatchInput): StatusPatch | undefined {
  const key = liveKey(s.object);
  if (s.status.kind !== 'Route' && input.skip?.has(key)) return undefined;
  const live = input.live.get(key);
  if (!live) return undefined;
  const ours = new Set([input.controllerNames.alb, input.controllerNames.nlb]);
  const next = nextStatus(s, live, input, ours);
  if (!next) return undefined;
  const before = isRecord(live.status) ? live.status : {};
  const changed = Object.entries(next).some(([field, value]) => canonical(value) !== canonical(before[field] ?? (field === 'conditions' || field === 'parents' ? [] : undefined)));
  if (!changed) return undefined;
  return { object: s.object, apiVersion: s.apiVersion, body: { metadata: { resourceVersion: live.metadata.resourceVersion ?? '' }, status: next } };
}

/** Every patch gwlb writes for these statuses, in their order (GatewayClasses, Gateways, ListenerSets, routes). */
export function statusPatches(input: StatusPatchInput): StatusPatch[] {
  return input.statuses.flatMap((s) => {
    const p = statusPatch(s, input);
    return p ? [p] : [];
  });
}
