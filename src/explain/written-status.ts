/**
 * The status LBC wrote (read from the cluster) beside the status gwlb computes, per Gateway,
 * ListenerSet and route of LBC's classes → findings: not written, written by another controller,
 * stale (`observedGeneration` behind `metadata.generation`), a type or reason LBC v3.5.0 never
 * writes, and conditions that differ (status or reason; messages carry ARNs and may be truncated).
 */
import type { ObjectRef } from '../diagnostics.js';
import type { ControllerNames, ObjectStatus, Resolution, RouteParentStatus } from '../resolve/types.js';
import { refOf, type Condition } from '../source/kube.js';
import type { Snapshot } from '../source/snapshot.js';
import { conditionsIn, isApiServerDefault, listenersIn, parentsIn } from './conditions.js';
import type { Finding, FindingScope } from './findings.js';
import { lbcWrites } from './lbc-vocabulary.js';

/** LBC's Gateway finalizers (pkg/shared_constants/finalizers.go `ALBGatewayFinalizer`, `NLBGatewayFinalizer`). */
export const LBC_GATEWAY_FINALIZERS: readonly string[] = ['gateway.k8s.aws/alb', 'gateway.k8s.aws/nlb'];
/** pkg/shared_constants/finalizers.go `GatewayClassFinalizer`, added by gateway_class_controller.go. */
const LBC_CLASS_FINALIZER = 'gateway.k8s.aws/gatewayclass';

const key = (r: ObjectRef) => `${r.kind}/${r.namespace}/${r.name}`;

/** One scope's written conditions against the computed ones. */
function compareConditions(object: ObjectRef, scope: FindingScope, generation: number, written: readonly Condition[], computed: readonly Condition[]): Finding[] {
  const out: Finding[] = [];
  const lbcKind = object.kind === 'ListenerSet' ? 'ListenerSet' : object.kind === 'Gateway' ? 'Gateway' : 'Route';
  const stale = written.filter((c) => c.observedGeneration !== undefined && c.observedGeneration < generation);
  if (stale.length > 0) {
    // A stale status differs for that reason alone: say so, and compare nothing else here.
    return [{ kind: 'status-stale', object, scope, observedGeneration: Math.min(...stale.map((c) => c.observedGeneration!)), generation }];
  }
  for (const w of written) {
    const known = lbcWrites(lbcKind, scope, w.type, w.reason);
    if (!known.type) out.push({ kind: 'status-unknown', object, scope, type: w.type });
    else if (!known.reason) out.push({ kind: 'status-unknown', object, scope, type: w.type, reason: w.reason });
  }
  const types = [...new Set([...computed.map((c) => c.type), ...written.map((c) => c.type)])];
  for (const type of types) {
    const w = written.find((c) => c.type === type);
    const c = computed.find((x) => x.type === type);
    // A type or reason LBC v3.5.0 never writes is reported above; comparing it adds nothing.
    if (w && !lbcWrites(lbcKind, scope, w.type, w.reason).reason) continue;
    if (w && c && w.status === c.status && w.reason === c.reason) continue;
    out.push({
      kind: 'status-differs',
      object,
      scope,
      type,
      ...(w ? { lbc: { status: w.status, reason: w.reason, message: w.message } } : {}),
      ...(c ? { gwlb: { status: c.status, reason: c.reason, message: c.message } } : {}),
    });
  }
  return out;
}

/** A Gateway's or ListenerSet's conditions and listeners. */
function compareWithListeners(
  object: ObjectRef,
  generation: number,
  written: unknown,
  conditions: readonly Condition[],
  listeners: readonly { name: string; conditions: readonly Condition[] }[] | undefined,
  finalizer?: string,
): Finding[] {
  const writtenConditions = conditionsIn(written);
  if (writtenConditions.every(isApiServerDefault)) {
    // LBC wrote nothing; a finding only when LBC would (not on dry-run or a silent failure).
    return conditions.every(isApiServerDefault) ? [] : [{ kind: 'status-not-written', object, ...(finalizer ? { finalizer } : {}) }];
  }
  const out = compareConditions(object, { at: 'object' }, generation, writtenConditions, conditions);
  // On its failure paths LBC leaves the listener statuses as they were: nothing to compare them with.
  if (listeners === undefined) return out;
  const writtenListeners = listenersIn(written);
  for (const l of listeners) {
    const scope: FindingScope = { at: 'listener', name: l.name };
    const w = writtenListeners.get(l.name);
    if (w === undefined) out.push({ kind: 'status-entry-missing', object, scope, side: 'lbc' });
    else out.push(...compareConditions(object, scope, generation, conditionsIn(w), l.conditions));
  }
  for (const name of writtenListeners.keys()) {
    if (!listeners.some((l) => l.name === name)) out.push({ kind: 'status-entry-missing', object, scope: { at: 'listener', name }, side: 'gwlb' });
  }
  return out;
}

type ParentRef = RouteParentStatus['parentRef'];

function parentKey(ref: ParentRef | Record<string, unknown>, routeNamespace: string): string {
  const r = ref as Record<string, unknown>;
  return [r['kind'] ?? 'Gateway', r['namespace'] ?? routeNamespace, r['name'], r['sectionName'] ?? '', r['port'] ?? ''].join('|');
}

/** `Gateway ns/name`, `…/section` or `…:port`: how a parentRef is named in findings. */
export function parentLabel(ref: ParentRef | Record<string, unknown>, routeNamespace: string): string {
  const r = ref as Record<string, unknown>;
  const base = `${String(r['kind'] ?? 'Gateway')} ${String(r['namespace'] ?? routeNamespace)}/${String(r['name'])}`;
  return r['sectionName'] !== undefined ? `${base}/${String(r['sectionName'])}` : r['port'] !== undefined ? `${base}:${String(r['port'])}` : base;
}

function compareRoute(object: ObjectRef, namespace: string, generation: number, written: unknown, computed: readonly RouteParentStatus[], lbc: ReadonlySet<string>): Finding[] {
  const all = parentsIn(written);
  const ours = all.filter((p) => lbc.has(p.controllerName));
  if (computed.length > 0 && ours.length === 0) {
    const others = [...new Set(all.map((p) => p.controllerName))];
    return others.length > 0 ? [{ kind: 'status-other-controller', object, controllers: others }] : [{ kind: 'status-not-written', object }];
  }
  const out: Finding[] = [];
  for (const p of computed) {
    const scope: FindingScope = { at: 'parent', parent: parentLabel(p.parentRef, namespace) };
    const w = ours.find((x) => parentKey(x.parentRef, namespace) === parentKey(p.parentRef, namespace));
    if (!w) out.push({ kind: 'status-entry-missing', object, scope, side: 'lbc' });
    else out.push(...compareConditions(object, scope, generation, conditionsIn(w.entry), p.conditions));
  }
  for (const w of ours) {
    if (!computed.some((p) => parentKey(p.parentRef, namespace) === parentKey(w.parentRef, namespace))) {
      out.push({ kind: 'status-entry-missing', object, scope: { at: 'parent', parent: parentLabel(w.parentRef, namespace) }, side: 'gwlb' });
    }
  }
  return out;
}

/** Every difference between the statuses written in `snapshot` and those gwlb computes in `resolution`. */
export function writtenStatusFindings(snapshot: Snapshot, resolution: Resolution, controllerNames: ControllerNames): Finding[] {
  const computed = new Map<string, ObjectStatus>(resolution.statuses.map((s) => [key(s.object), s]));
  const out: Finding[] = [];
  // A class LBC has processed carries its finalizer (and Accepted from LBC): without either, LBC is
  // not running, so every Gateway of the class lacks status for one cause, said once here.
  const classes = new Map(resolution.gateways.map((g) => [g.gatewayClass.metadata.name, g.gatewayClass]));
  for (const gc of classes.values()) {
    if (!gc.metadata.finalizers.includes(LBC_CLASS_FINALIZER) && conditionsIn(gc.status).every(isApiServerDefault)) out.push({ kind: 'status-not-written', object: refOf(gc) });
  }
  for (const g of resolution.gateways) {
    const gw = g.gateway;
    const s = computed.get(key(refOf(gw)))?.status;
    if (s?.kind !== 'Gateway') continue;
    const finalizer = gw.metadata.finalizers.find((f) => LBC_GATEWAY_FINALIZERS.includes(f));
    out.push(...compareWithListeners(refOf(gw), gw.metadata.generation, gw.status, s.conditions, s.listeners, finalizer));
    for (const set of [...g.acceptedListenerSets, ...g.rejectedListenerSets]) {
      const ss = computed.get(key(refOf(set)))?.status;
      if (ss?.kind === 'ListenerSet') out.push(...compareWithListeners(refOf(set), set.metadata.generation, set.status, ss.conditions, ss.listeners));
    }
  }
  const lbc = new Set([controllerNames.alb, controllerNames.nlb]);
  for (const route of [...snapshot.httpRoutes, ...snapshot.grpcRoutes, ...snapshot.tcpRoutes, ...snapshot.udpRoutes, ...snapshot.tlsRoutes]) {
    const s = computed.get(key(refOf(route)))?.status;
    const parents = s?.kind === 'Route' ? s.parents : [];
    out.push(...compareRoute(refOf(route), route.metadata.namespace, route.metadata.generation, route.status, parents, lbc));
  }
  return out;
}
