/**
 * Resolution of one Gateway of our classes, in LBC's reconcile order (docs §0): configuration,
 * ListenerSets, listener validation, route attachment, rule loading, per-port grouping.
 */
import type { Gateway, GatewayClass, ListenerSet, Route } from '../source/gateway-api.js';
import { creationMillis, nsName } from '../source/kube.js';
import { attachRoutes, validOnPort, type RouteAttachment } from './attachment.js';
import { classLbConfig, resolveGatewayConfig } from './config.js';
import { partitionListenerSets } from './listener-sets.js';
import { toResolvedListener, validateListeners, type ListenerCandidate } from './listeners.js';
import { loadRouteRules, type RuleWarning } from './rule-loading.js';
import type { Snapshot } from '../source/snapshot.js';
import type { SnapshotIndex } from './snapshot-index.js';
import type { AttachedRoute, GatewayFatal, GatewayResolution, LoadBalancerType, LoadedRule, PortResolution, ResolvedListener } from './types.js';

export interface LoadedRoute {
  readonly attachment: RouteAttachment;
  readonly rules: readonly LoadedRule[];
  readonly warnings: readonly RuleWarning[];
}

export interface GatewayWork {
  readonly resolution: GatewayResolution;
  /** Routes with at least one parentRef of this Gateway; `rules` only for routes on a valid listener. */
  readonly routes: readonly LoadedRoute[];
  /** Where a fatal error came from, for its diagnostic. */
  readonly fatalAt?: { readonly object: Route | Gateway | ListenerSet; readonly path: readonly (string | number)[] };
}

const ROUTE_KINDS: Record<LoadBalancerType, readonly string[]> = {
  application: ['HTTPRoute', 'GRPCRoute'],
  network: ['TCPRoute', 'UDPRoute', 'TLSRoute'],
};

/** Routes of this controller's kinds naming the Gateway or one of its accepted ListenerSets, in input order. */
function routesFor(gateway: Gateway, sets: readonly ListenerSet[], lbType: LoadBalancerType, index: SnapshotIndex): Route[] {
  const direct = index.routesReferencing('Gateway', gateway.metadata.namespace, gateway.metadata.name);
  // The index lists each parent's routes once, in input order: only ListenerSets' routes need merging.
  if (sets.length === 0) return direct.filter((r) => ROUTE_KINDS[lbType].includes(r.kind));
  const found = new Set<Route>(direct);
  for (const set of sets) for (const r of index.routesReferencing('ListenerSet', set.metadata.namespace, set.metadata.name)) found.add(r);
  return [...found].filter((r) => ROUTE_KINDS[lbType].includes(r.kind)).sort((a, b) => index.inputOrder(a) - index.inputOrder(b));
}

/** pickOneL4Route (model_build_listener.go): oldest by creation time in ms, then `namespace/name`. */
function pickL4Route(routes: readonly AttachedRoute[]): AttachedRoute | undefined {
  return [...routes].sort((a, b) => {
    const diff = creationMillis(a.route) - creationMillis(b.route);
    if (diff !== 0) return diff;
    const ka = nsName(a.route);
    const kb = nsName(b.route);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  })[0];
}

/** What the configuration step settles; every field present (undefined when absent): one object shape. */
interface Configured {
  readonly gateway: Gateway;
  readonly gatewayClass: GatewayClass;
  readonly loadBalancerType: LoadBalancerType;
  readonly controllerName: string;
  readonly loadBalancerConfig: GatewayResolution['loadBalancerConfig'];
  readonly loadBalancerConfigSources: GatewayResolution['loadBalancerConfigSources'];
  readonly defaultTargetGroupConfig: GatewayResolution['defaultTargetGroupConfig'];
}

type Later = Pick<GatewayResolution, 'fatal' | 'listeners' | 'acceptedListenerSets' | 'rejectedListenerSets' | 'ports'>;

const NOTHING_LATER: Later = { fatal: undefined, listeners: [], acceptedListenerSets: [], rejectedListenerSets: [], ports: [] };

/** Every GatewayResolution is built here, with all its fields: one shape for `model` to read. */
function resolutionOf(c: Configured, later: Later): GatewayResolution {
  return {
    gateway: c.gateway,
    gatewayClass: c.gatewayClass,
    loadBalancerType: c.loadBalancerType,
    controllerName: c.controllerName,
    loadBalancerConfig: c.loadBalancerConfig,
    loadBalancerConfigSources: c.loadBalancerConfigSources,
    defaultTargetGroupConfig: c.defaultTargetGroupConfig,
    fatal: later.fatal,
    listeners: later.listeners,
    acceptedListenerSets: later.acceptedListenerSets,
    rejectedListenerSets: later.rejectedListenerSets,
    ports: later.ports,
  };
}

/**
 * What LBC still submits when loading fails (loader.go 101–113, 197–236): every attachment
 * failure, and the load failures of the routes loaded so far, the failing one included; no
 * success. gwlb loads routes in input order (LBC's order follows Go map iteration).
 */
function routesAtFatal(attachments: readonly RouteAttachment[], loaded: readonly LoadedRoute[], failing: LoadedRoute): LoadedRoute[] {
  const byRoute = new Map<Route, LoadedRoute>([...loaded, failing].map((r) => [r.attachment.route, r]));
  return attachments
    .filter((a) => a.parents.some((p) => p.kind !== 'ignored'))
    .map((a) => byRoute.get(a.route) ?? { attachment: a, rules: [], warnings: [] });
}

type Step<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly work: GatewayWork };

/** Configuration (config_resolver.go): a GatewayClass or Gateway config that fails stops the Gateway here. */
function configure(gateway: Gateway, gatewayClass: GatewayClass, lbType: LoadBalancerType, controllerName: string, snapshot: Snapshot): Step<Configured> {
  const none = { loadBalancerConfig: undefined, loadBalancerConfigSources: undefined, defaultTargetGroupConfig: undefined };
  const unconfigured: Configured = { gateway, gatewayClass, loadBalancerType: lbType, controllerName, ...none };
  const fail = (message: string, path: readonly string[]): Step<Configured> => ({
    ok: false,
    work: { resolution: resolutionOf(unconfigured, { ...NOTHING_LATER, fatal: { kind: 'config', message } }), routes: [], fatalAt: { object: gateway, path } },
  });
  if (classLbConfig(gatewayClass, snapshot).error) {
    return fail(`Unable to materialize gateway when gateway class [${gatewayClass.metadata.name}] is not accepted`, ['spec', 'gatewayClassName']);
  }
  const config = resolveGatewayConfig(gateway, gatewayClass, snapshot);
  if (!config.ok) return fail(config.message, ['spec', 'infrastructure', 'parametersRef']);
  return {
    ok: true,
    value: {
      gateway,
      gatewayClass,
      loadBalancerType: lbType,
      controllerName,
      loadBalancerConfig: config.loadBalancerConfig,
      loadBalancerConfigSources: config.loadBalancerConfig ? config.loadBalancerConfigSources : undefined,
      defaultTargetGroupConfig: config.defaultTargetGroupConfig,
    },
  };
}

type RoutesLoad =
  | { readonly ok: true; readonly routes: LoadedRoute[] }
  | { readonly ok: false; readonly fatal: GatewayFatal; readonly routes: LoadedRoute[]; readonly at: NonNullable<GatewayWork['fatalAt']> };

/**
 * Rule loading for the routes on a valid listener, in input order (loader.go 153–236). A fatal
 * load error stops the Gateway with what LBC still submits.
 */
function loadRoutes(attachments: readonly RouteAttachment[], index: SnapshotIndex): RoutesLoad {
  const routes: LoadedRoute[] = [];
  for (const routeAttachment of attachments) {
    if (routeAttachment.parents.every((p) => p.kind === 'ignored')) continue;
    if (!routeAttachment.onValidListener) {
      routes.push({ attachment: routeAttachment, rules: [], warnings: [] });
      continue;
    }
    const { route } = routeAttachment;
    const load = loadRouteRules(route, index);
    if (!load.ok) {
      const message =
        load.fatal === 'loader' ? `${load.message}. Invalid data can be found in route (${route.kind}, ${route.metadata.namespace}:${route.metadata.name})` : load.message;
      const failing: LoadedRoute = { attachment: routeAttachment, rules: [], warnings: load.warnings };
      return { ok: false, fatal: { kind: load.fatal, message }, routes: routesAtFatal(attachments, routes, failing), at: { object: route, path: load.path } };
    }
    routes.push({ attachment: routeAttachment, rules: load.rules, warnings: load.warnings });
  }
  return { ok: true, routes };
}

/** Per-port grouping (model_builder.go): one entry per port with a valid listener, ascending. */
function portsOf(listeners: readonly ResolvedListener[], routes: readonly LoadedRoute[], lbType: LoadBalancerType): PortResolution[] {
  const ports: PortResolution[] = [];
  const validPorts = [...new Set(listeners.filter((l) => l.valid).map((l) => l.listener.port))].sort((a, b) => a - b);
  for (const port of validPorts) {
    const attached: AttachedRoute[] = [];
    for (const r of routes) {
      const on = validOnPort(r.attachment, port);
      if (on) attached.push({ route: r.attachment.route, compatibleHostnames: on.compatible, rules: r.rules });
    }
    // l4Route present even when undefined: one shape for every port.
    const l4Route = lbType === 'network' ? pickL4Route(attached) : undefined;
    ports.push({ port, listeners: listeners.filter((l) => l.valid && l.listener.port === port), routes: attached, l4Route });
  }
  return ports;
}

export function resolveGateway(
  gateway: Gateway,
  gatewayClass: GatewayClass,
  lbType: LoadBalancerType,
  controllerName: string,
  index: SnapshotIndex,
  listenerSetsEnabled: boolean,
): GatewayWork {
  const configured = configure(gateway, gatewayClass, lbType, controllerName, index.snapshot);
  if (!configured.ok) return configured.work;
  const c = configured.value;

  const sets = partitionListenerSets(gateway, index, listenerSetsEnabled);
  if (sets.fatal) {
    // loader.go 115–119: nothing is validated, attached or submitted after this error.
    const at = { object: gateway, path: ['spec', 'allowedListeners', 'namespaces', 'selector'] };
    return { resolution: resolutionOf(c, { ...NOTHING_LATER, fatal: { kind: 'loader', message: sets.fatal } }), routes: [], fatalAt: at };
  }
  const candidates: ListenerCandidate[] = [
    ...gateway.spec.listeners.map((listener, index) => ({ listener, owner: gateway, index })),
    ...sets.accepted.flatMap((owner) => owner.spec.listeners.map((listener, index) => ({ listener, owner, index }))),
  ];
  const verdicts = validateListeners(candidates, lbType);
  const valid = verdicts.map((v) => v.reason === 'Accepted');

  const attachment = attachRoutes(gateway, routesFor(gateway, sets.accepted, lbType, index), candidates, valid, sets.accepted, index.snapshot);
  const listeners: ResolvedListener[] = candidates.map((c, i) => toResolvedListener(c, verdicts[i]!, lbType, attachment.attachedCounts[i]!));
  const listened = { listeners, acceptedListenerSets: sets.accepted, rejectedListenerSets: sets.rejected };
  if (attachment.fatal) {
    const { message, candidate, path } = attachment.fatal;
    return { resolution: resolutionOf(c, { ...listened, fatal: { kind: 'loader', message }, ports: [] }), routes: [], fatalAt: { object: candidate.owner, path } };
  }
  const loaded = loadRoutes(attachment.routes, index);
  if (!loaded.ok) return { resolution: resolutionOf(c, { ...listened, fatal: loaded.fatal, ports: [] }), routes: loaded.routes, fatalAt: loaded.at };
  return { resolution: resolutionOf(c, { ...listened, fatal: undefined, ports: portsOf(listeners, loaded.routes, lbType) }), routes: loaded.routes, fatalAt: undefined };
}
