/**
 * Loading a route's rules once per reconcile (pkg/gateway/routeutils/backend.go and the
 * backend_*.go loaders): the ListenerRuleConfiguration of each rule and its backends. Problems
 * become route-status warnings; weight > 999 and an unprogrammed chained Gateway are fatal.
 */
import { GATEWAY_GROUP, type BackendRef, type Gateway, type Route } from '../source/gateway-api.js';
import { LBC_GROUP, type ListenerRuleConfiguration } from '../source/lbc-crds.js';
import { isReferenceAllowed } from './reference-grants.js';
import type { SnapshotIndex } from './snapshot-index.js';
import type { LoadedBackend, LoadedRule } from './types.js';

/** A problem LBC reports in route status (the reason decides which condition goes False). */
export interface RuleWarning {
  readonly reason: 'IncompatibleFilters' | 'RefNotPermitted' | 'InvalidKind' | 'BackendNotFound' | 'UnsupportedValue';
  readonly message: string;
  /** Field path inside the route, for gwlb's own diagnostics. */
  readonly path: readonly (string | number)[];
}

export type RouteLoad =
  | { readonly ok: true; readonly rules: readonly LoadedRule[]; readonly warnings: readonly RuleWarning[] }
  | {
      readonly ok: false;
      readonly fatal: 'silent' | 'loader';
      readonly message: string;
      readonly path: readonly (string | number)[];
      /**
       * The route's problems up to and including the fatal one, as LBC still submits them
       * (loader.go 197–236): a `loader` fatal is a LoaderError and so a route status itself
       * (e.g. BackendNotFound for a chained Gateway without an ARN); a `silent` one is not.
       */
      readonly warnings: readonly RuleWarning[];
    };

interface RuleView {
  readonly filters: readonly { type: string; extensionRef?: { group: string; kind: string; name: string } }[];
  readonly backendRefs: readonly BackendRef[];
}

function ruleViews(route: Route): RuleView[] {
  switch (route.kind) {
    case 'HTTPRoute':
      return route.spec.rules.map((r) => ({ filters: r.filters ?? [], backendRefs: r.backendRefs ?? [] }));
    case 'GRPCRoute':
      return route.spec.rules.map((r) => ({ filters: r.filters ?? [], backendRefs: r.backendRefs ?? [] }));
    case 'TCPRoute':
    case 'UDPRoute':
    case 'TLSRoute':
      return route.spec.rules.map((r) => ({ filters: [], backendRefs: r.backendRefs }));
  }
}

type LrcLoad = { lrc?: ListenerRuleConfiguration; warning?: string; failed: boolean };

function loadListenerRuleConfig(route: Route, view: RuleView, index: SnapshotIndex): LrcLoad {
  const refs = view.filters.filter(
    (f) => f.type === 'ExtensionRef' && f.extensionRef?.group === LBC_GROUP && f.extensionRef.kind === 'ListenerRuleConfiguration',
  );
  if (refs.length === 0) return { failed: false };
  if (refs.length > 1) {
    return { failed: true, warning: 'Only one listener rule config can be referenced per route rule, found multiple' };
  }
  const ns = route.metadata.namespace;
  const name = refs[0]!.extensionRef!.name;
  const lrc = index.listenerRuleConfig(ns, name);
  // The stray `)` and the double space below are in LBC's messages (docs §9 item 14).
  if (!lrc) return { failed: true, warning: `ListenerRuleConfiguration [${ns}/${name}] not found)` };
  const acceptance = listenerRuleConfigAcceptance(lrc, index);
  if (!acceptance.accepted) {
    return { failed: true, warning: `ListenerRuleConfiguration [${ns}/${name}] is not accepted. Reason:  ${acceptance.message})` };
  }
  return { failed: false, lrc };
}

/**
 * What LBC's LRC controller writes (listenerrule_configuration_controller.go): accepted unless an
 * authenticate-oidc action names a Secret that does not exist. A status in the input (read from a
 * cluster) wins; manifests rarely carry Secrets, so when the input has none gwlb assumes they exist.
 */
export function listenerRuleConfigAcceptance(lrc: ListenerRuleConfiguration, index: SnapshotIndex): { accepted: boolean; message: string } {
  if (lrc.status?.accepted !== undefined) {
    return { accepted: lrc.status.accepted, message: lrc.status.message || 'status unknown' };
  }
  if (index.snapshot.secrets.length === 0) return { accepted: true, message: 'Accepted' };
  for (const action of lrc.spec.actions ?? []) {
    if (action.type !== 'authenticate-oidc') continue;
    const secretName = action.authenticateOIDCConfig.secret.name;
    const exists = index.secretExists(lrc.metadata.namespace, secretName);
    if (!exists) return { accepted: false, message: `secret [${lrc.metadata.namespace}/${secretName}] not found` };
  }
  return { accepted: true, message: 'Accepted' };
}

type BackendLoad = {
  backend?: LoadedBackend;
  warning?: Omit<RuleWarning, 'path'>;
  fatal?: { kind: 'silent'; message: string } | { kind: 'loader'; message: string; reason: RuleWarning['reason'] };
};

function crossNamespaceDenied(route: Route, index: SnapshotIndex, targetNs: string, toGroup: string, toKind: string, toName: string): boolean {
  if (targetNs === route.metadata.namespace) return false;
  const ref = { fromKind: route.kind, fromNamespace: route.metadata.namespace, toGroup, toKind, toNamespace: targetNs, toName };
  return !isReferenceAllowed(index.referenceGrantsIn(targetNs), ref);
}

const REF_NOT_PERMITTED = { reason: 'RefNotPermitted', message: 'No explicit ReferenceGrant exists to allow the reference.' } as const;

function loadServiceBackend(route: Route, ref: BackendRef, index: SnapshotIndex): BackendLoad {
  if (ref.port === undefined) return { warning: { reason: 'UnsupportedValue', message: 'Port is required' } };
  const ns = ref.namespace ?? route.metadata.namespace;
  if (crossNamespaceDenied(route, index, ns, '', 'Service', ref.name)) return { warning: REF_NOT_PERMITTED };
  const service = index.service(ns, ref.name);
  if (!service) return { warning: { reason: 'BackendNotFound', message: `Service (${ns}:${ref.name}) not found)` } };
  const servicePort = service.spec.ports.find((p) => p.port === ref.port);
  if (!servicePort) return { warning: { reason: 'BackendNotFound', message: `Unable to find service port for port ${ref.port}` } };
  const targetGroupConfig = index.serviceTargetGroupConfig(ns, ref.name);
  return { backend: { kind: 'service', ref, weight: ref.weight, service, servicePort, ...(targetGroupConfig ? { targetGroupConfig } : {}) } };
}

/** The ALB ARN a chained Gateway publishes as its `Programmed=True` condition message. */
function programmedArn(gateway: Gateway): string | undefined {
  const programmed = gateway.status?.conditions?.find((c) => c.type === 'Programmed' && c.status === 'True');
  return programmed?.message || undefined;
}

function loadGatewayBackend(route: Route, ref: BackendRef, index: SnapshotIndex): BackendLoad {
  if (ref.port === undefined) return { warning: { reason: 'UnsupportedValue', message: 'Port is required' } };
  const ns = ref.namespace ?? route.metadata.namespace;
  if (crossNamespaceDenied(route, index, ns, GATEWAY_GROUP, 'Gateway', ref.name)) return { warning: REF_NOT_PERMITTED };
  const gateway = index.gateway(ns, ref.name);
  if (!gateway) return { warning: { reason: 'BackendNotFound', message: `Gateway (${ns}:${ref.name}) not found)` } };
  const albArn = programmedArn(gateway);
  if (!albArn) return { fatal: { kind: 'loader', reason: 'BackendNotFound', message: `Gateway (${ns}:${ref.name}) is not usable yet, LB ARN is not provisioned)` } };
  if (albArn.split('/')[1] !== 'app') {
    return { warning: { reason: 'BackendNotFound', message: `invalid gateway ARN: ${albArn}, the resource type must be application load balancer` } };
  }
  const targetGroupConfig = index.gatewayTargetGroupConfig(ns, ref.name);
  return { backend: { kind: 'gateway', ref, weight: ref.weight, gateway, port: ref.port, albArn, ...(targetGroupConfig ? { targetGroupConfig } : {}) } };
}

function loadBackendOfKind(route: Route, ref: BackendRef, index: SnapshotIndex): BackendLoad {
  switch (ref.kind) {
    case '':
    case 'Service':
      return loadServiceBackend(route, ref, index);
    case 'TargetGroupName':
      return { backend: { kind: 'targetGroupName', ref, weight: ref.weight, name: ref.name } };
    case 'Gateway':
      return loadGatewayBackend(route, ref, index);
    default:
      return { warning: { reason: 'InvalidKind', message: 'Unknown backend reference kind' } };
  }
}

/** commonBackendLoader (backend.go 131–182): the weight is checked only once the backend loaded. */
function loadBackend(route: Route, ref: BackendRef, index: SnapshotIndex): BackendLoad {
  const loaded = loadBackendOfKind(route, ref, index);
  if (loaded.backend && ref.weight > 999) return { fatal: { kind: 'silent', message: `Weight [${ref.weight}] must be less than or equal to 999` } };
  return loaded;
}

export function loadRouteRules(route: Route, index: SnapshotIndex): RouteLoad {
  const rules: LoadedRule[] = [];
  const warnings: RuleWarning[] = [];
  const views = ruleViews(route);
  for (let i = 0; i < views.length; i++) {
    const view = views[i]!;
    const lrc = loadListenerRuleConfig(route, view, index);
    if (lrc.warning) warnings.push({ reason: 'IncompatibleFilters', message: lrc.warning, path: ['spec', 'rules', i, 'filters'] });
    if (lrc.failed) {
      rules.push({ index: i, backends: [] });
      continue;
    }
    const backends: LoadedBackend[] = [];
    for (let b = 0; b < view.backendRefs.length; b++) {
      const path = ['spec', 'rules', i, 'backendRefs', b];
      const loaded = loadBackend(route, view.backendRefs[b]!, index);
      if (loaded.fatal) {
        const { fatal } = loaded;
        const all = fatal.kind === 'loader' ? [...warnings, { reason: fatal.reason, message: fatal.message, path }] : warnings;
        return { ok: false, fatal: fatal.kind, message: fatal.message, path, warnings: all };
      }
      if (loaded.warning) warnings.push({ ...loaded.warning, path });
      if (loaded.backend) backends.push(loaded.backend);
    }
    rules.push({ index: i, backends, ...(lrc.lrc ? { listenerRuleConfig: lrc.lrc } : {}) });
  }
  return { ok: true, rules, warnings };
}
