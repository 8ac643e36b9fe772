/** Collects the status of every Gateway, ListenerSet and route from the per-Gateway work. */
import type { Gateway, ListenerSet, ParentReference, Route } from '../source/gateway-api.js';
import { nsName, refOf } from '../source/kube.js';
import type { Snapshot } from '../source/snapshot.js';
import type { ParentOutcome } from './attachment.js';
import type { GatewayWork, LoadedRoute } from './gateway.js';
import {
  gatewayFailureConditions,
  gatewaySuccessConditions,
  listenerSetConditions,
  listenerStatuses,
  rejectedListenerSetConditions,
  routeConditions,
  untouchedConditions,
} from './status.js';
import type { GatewayFatal, ObjectStatus, Resolution, ResolveOptions, RouteParentStatus } from './types.js';

/** What a parentRef's status reports: a problem, or `undefined` for Accepted/ResolvedRefs. */
type ParentReport = { readonly reason: string; readonly message: string } | undefined;

/** A parentRef LBC writes no status for. */
const NO_STATUS = 'none';

function parentReport(outcome: ParentOutcome, loaded: LoadedRoute, fatal: GatewayFatal | undefined): ParentReport | typeof NO_STATUS {
  switch (outcome.kind) {
    case 'ignored':
      return NO_STATUS;
    case 'failed':
      return outcome;
    case 'attached':
      // LBC writes statuses only for routes it loads, i.e. attached to some valid listener;
      // then every matched parentRef gets one, even one that reached only invalid listeners
      // (route_listener_mapper.go records matchedParentRefs before validity is considered).
      // After a fatal load error only failures are submitted (loader.go 153–154): the
      // routes loaded before it, and the failing one, keep their first problem.
      if (!loaded.attachment.onValidListener) return NO_STATUS;
      if (loaded.warnings[0]) return loaded.warnings[0];
      return fatal ? NO_STATUS : undefined;
  }
}

function parentStatus(ref: ParentReference, controllerName: string, report: ParentReport, generation: number): RouteParentStatus {
  return {
    parentRef: { group: ref.group, kind: ref.kind, ...(ref.namespace !== undefined ? { namespace: ref.namespace } : {}), name: ref.name, ...(ref.sectionName !== undefined ? { sectionName: ref.sectionName } : {}), ...(ref.port !== undefined ? { port: ref.port } : {}) },
    controllerName,
    conditions: routeConditions(report?.reason, report?.message ?? '', generation),
  };
}

/**
 * Per route, the status of each parentRef by its index (a hole where LBC writes none). An array,
 * not a Map sorted afterwards: the statuses come out in parentRef order for free.
 */
function routeParentStatuses(works: readonly GatewayWork[]): Map<Route, (RouteParentStatus | undefined)[]> {
  const byRoute = new Map<Route, (RouteParentStatus | undefined)[]>();
  for (const work of works) {
    const { fatal, controllerName } = work.resolution;
    // Config errors stop LBC before routes are loaded; loader errors still submit the
    // attachment failures found so far, but no success.
    if (fatal?.kind === 'config') continue;
    for (const loaded of work.routes) {
      const { route, parents } = loaded.attachment;
      for (let i = 0; i < parents.length; i++) {
        const report = parentReport(parents[i]!, loaded, fatal);
        if (report === NO_STATUS) continue;
        let entries = byRoute.get(route);
        if (!entries) byRoute.set(route, (entries = []));
        entries[i] = parentStatus(route.spec.parentRefs[i]!, controllerName, report, route.metadata.generation);
      }
    }
  }
  return byRoute;
}

/**
 * Dry-run (controllers/gateway/dryrun.go): annotation exactly "true" on a Gateway LBC never
 * provisioned (no finalizer) and that is not being deleted.
 */
export function isDryRun(gateway: Gateway, controllerFinalizer: string): boolean {
  const m = gateway.metadata;
  return m.annotations['gateway.k8s.aws/dry-run'] === 'true' && !m.finalizers.includes(controllerFinalizer) && m.deletionTimestamp === undefined;
}

function gatewayAndSetStatuses(work: GatewayWork, options: ResolveOptions): ObjectStatus[] {
  const { gateway, fatal, listeners, acceptedListenerSets, rejectedListenerSets } = work.resolution;
  const generation = gateway.metadata.generation;
  const gatewayStatus = (status: ObjectStatus['status']): ObjectStatus => ({ object: refOf(gateway), apiVersion: gateway.apiVersion, status });
  const existing = gateway.status?.conditions;
  if (!fatal && isDryRun(gateway, work.resolution.controllerName)) {
    // LBC writes the plan annotation instead of Gateway, listener and ListenerSet status.
    return [gatewayStatus({ kind: 'Gateway', conditions: untouchedConditions(existing) })];
  }
  if (fatal) {
    // No listener or ListenerSet status on any failure path: updateGatewayStatusFailure gets nil
    // loader results, and ListenerSet statuses are submitted only on success.
    switch (fatal.kind) {
      case 'config':
        return [gatewayStatus({ kind: 'Gateway', conditions: gatewayFailureConditions('Invalid', fatal.message, generation, existing) })];
      case 'loader':
        return [gatewayStatus({ kind: 'Gateway', conditions: gatewayFailureConditions('ListenersNotValid', fatal.message, generation, existing) })];
      case 'silent':
        return [gatewayStatus({ kind: 'Gateway', conditions: untouchedConditions(existing) })];
    }
  }
  const state = options.loadBalancerStates?.get(nsName(gateway)) ?? { kind: 'provisioning' as const };
  const programmed = state.kind === 'active';
  const own = listeners.filter((l) => l.owner === gateway);
  const anyValid = listeners.some((l) => l.valid);
  const anyInvalid = listeners.some((l) => !l.valid);
  const setStatuses: ObjectStatus[] = [];
  let attachedListenerSets = 0;
  const setRef = (set: ListenerSet) => ({ object: refOf(set), apiVersion: set.apiVersion });
  for (const set of acceptedListenerSets) {
    const setListeners = listeners.filter((l) => l.owner === set);
    if (setListeners.some((l) => l.valid)) attachedListenerSets++;
    const { conditions, programmed: setProgrammed } = listenerSetConditions(setListeners, programmed, set.metadata.generation);
    setStatuses.push({ ...setRef(set), status: { kind: 'ListenerSet', conditions, listeners: listenerStatuses(setListeners, setProgrammed, set.metadata.generation) } });
  }
  for (const set of rejectedListenerSets) {
    setStatuses.push({ ...setRef(set), status: { kind: 'ListenerSet', conditions: rejectedListenerSetConditions(set.metadata.generation), listeners: [] } });
  }
  const status = gatewayStatus({
    kind: 'Gateway',
    conditions: gatewaySuccessConditions(anyValid, anyInvalid, state, generation),
    ...(state.dnsName !== undefined ? { addresses: [{ type: 'Hostname', value: state.dnsName.toLowerCase() }] } : {}),
    listeners: listenerStatuses(own, programmed, generation),
    ...(options.listenerSets ? { attachedListenerSets } : {}),
  });
  return [status, ...setStatuses];
}

export function collectStatuses(works: readonly GatewayWork[], snapshot: Snapshot, options: ResolveOptions): ObjectStatus[] {
  const out: ObjectStatus[] = works.flatMap((w) => gatewayAndSetStatuses(w, options));
  const byRoute = routeParentStatuses(works);
  const routes: Route[] = [...snapshot.httpRoutes, ...snapshot.grpcRoutes, ...snapshot.tcpRoutes, ...snapshot.udpRoutes, ...snapshot.tlsRoutes];
  for (const route of routes) {
    const entries = byRoute.get(route);
    if (!entries) continue;
    const parents = entries.filter((s) => s !== undefined);
    out.push({ object: refOf(route), apiVersion: route.apiVersion, status: { kind: 'Route', parents } });
  }
  return out;
}

/**
 * A model build or deploy failure (docs §0 step 4, gateway_controller.go `handleReconcileError`):
 * `Accepted=False/Invalid` with LBC's static message and nothing else — `Programmed` and the
 * listener statuses stay as they were, and the Gateway's ListenerSets get no status (they are
 * written only after a successful deploy), so gwlb reports none for them.
 */
export function withBuildFailures(resolution: Resolution, failedGateways: ReadonlySet<string>): Resolution {
  if (failedGateways.size === 0) return resolution;
  const failed = resolution.gateways.filter((g) => failedGateways.has(nsName(g.gateway)));
  const gateways = new Map(failed.map((g) => [nsName(g.gateway), g.gateway]));
  const failedSets = new Set(failed.flatMap((g) => [...g.acceptedListenerSets, ...g.rejectedListenerSets].map((s) => nsName(s))));
  const statuses = resolution.statuses.flatMap((s): ObjectStatus[] => {
    const key = `${s.object.namespace}/${s.object.name}`;
    const gateway = s.status.kind === 'Gateway' ? gateways.get(key) : undefined;
    if (gateway) {
      const conditions = gatewayFailureConditions('Invalid', 'Check Gateway Events for more information.', gateway.metadata.generation, gateway.status?.conditions);
      return [{ ...s, status: { kind: 'Gateway', conditions } }];
    }
    if (s.status.kind === 'ListenerSet' && failedSets.has(key)) return [];
    return [s];
  });
  return { ...resolution, statuses };
}
