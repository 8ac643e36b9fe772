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

/** Shared by every rule without filters or backendRefs (most have no filters): not one new array each. */
const NO_FILTERS: RuleView['filters'] = [];
const NO_BACKENDS: RuleView['backendRefs'] = [];

/**
 * Rule `i` of the route, seen alike for every kind. Built per rule rather than as an array of views
 * from `map`: arrays returned by the builtin come in different element kinds depending on the tier
 * that ran it, and loadRouteRules deoptimized reading their length ("wrong map").
 */
function ruleView(route: Route, i: number): RuleView {
  switch (route.kind) {
    case 'HTTPRoute': {
      const r = route.spec.rules[i]!;
      return { filters: r.filters ?? NO_FILTERS, backendRefs: r.backendRefs ?? NO_BACKENDS };
    }
    case 'GRPCRoute': {
      const r = route.spec.rules[i]!;
      return { filters: r.filters ?? NO_FILTERS, backendRefs: r.backendRefs ?? NO_BACKENDS };
    }
    case 'TCPRoute':
    case 'UDPRoute':
    case 'TLSRoute':
      return { filters: NO_FILTERS, backendRefs: route.spec.rules[i]!.backendRefs };
  }
}

/** Every field present on every outcome: one object shape for the loop that reads it. */
type LrcLoad = { readonly lrc: ListenerRuleConfiguration | undefined; readonly warning: string | undefined; readonly failed: boolean };

const NO_LRC: LrcLoad = { lrc: undefined, warning: undefined, failed: false };
const lrcFailure = (warning: string): LrcLoad => ({ lrc: undefined, warning, failed: true });

function loadListenerRuleConfig(route: Route, view: RuleView, index: SnapshotIndex): LrcLoad {
  if (view.filters.length === 0) return NO_LRC;
  const refs = view.filters.filter(
    (f) => f.type === 'ExtensionRef' && f.extensionRef?.group === LBC_GROUP && f.extensionRef.kind === 'ListenerRuleConfiguration',
  );
  if (refs.length === 0) return NO_LRC;
  if (refs.length > 1) return lrcFailure('Only one listener rule config can be referenced per route rule, found multiple');
  const ns = route.metadata.namespace;
  const name = refs[0]!.extensionRef!.name;
  const lrc = index.listenerRuleConfig(ns, name);
  // The stray `)` and the double space below are in LBC's messages (docs §9 item 14).
  if (!lrc) return lrcFailure(`ListenerRuleConfiguration [${ns}/${name}] not found)`);
  const acceptance = listenerRuleConfigAcceptance(lrc, index);
  if (!acceptance.accepted) return lrcFailure(`ListenerRuleConfiguration [${ns}/${name}] is not accepted. Reason:  ${acceptance.message})`);
  return { lrc, warning: undefined, failed: false };
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

type BackendWarning = Omit<RuleWarning, 'path'>;
type BackendFatal = { readonly kind: 'silent'; readonly message: string } | { readonly kind: 'loader'; readonly message: string; readonly reason: RuleWarning['reason'] };

/** Every field present on every outcome (built only by the three helpers below): one object shape for the loop that reads it. */
type BackendLoad = { readonly backend: LoadedBackend | undefined; readonly warning: BackendWarning | undefined; readonly fatal: BackendFatal | undefined };

const loadedAs = (backend: LoadedBackend): BackendLoad => ({ backend, warning: undefined, fatal: undefined });
const warnedWith = (warning: BackendWarning): BackendLoad => ({ backend: undefined, warning, fatal: undefined });
const failedWith = (fatal: BackendFatal): BackendLoad => ({ backend: undefined, warning: undefined, fatal });

function crossNamespaceDenied(route: Route, index: SnapshotIndex, targetNs: string, toGroup: string, toKind: string, toName: string): boolean {
  if (targetNs === route.metadata.namespace) return false;
  const ref = { fromKind: route.kind, fromNamespace: route.metadata.namespace, toGroup, toKind, toNamespace: targetNs, toName };
  return !isReferenceAllowed(index.referenceGrantsIn(targetNs), ref);
}

const REF_NOT_PERMITTED: BackendWarning = { reason: 'RefNotPermitted', message: 'No explicit ReferenceGrant exists to allow the reference.' };
const PORT_REQUIRED: BackendWarning = { reason: 'UnsupportedValue', message: 'Port is required' };

function loadServiceBackend(route: Route, ref: BackendRef, index: SnapshotIndex): BackendLoad {
  if (ref.port === undefined) return warnedWith(PORT_REQUIRED);
  const ns = ref.namespace ?? route.metadata.namespace;
  if (crossNamespaceDenied(route, index, ns, '', 'Service', ref.name)) return warnedWith(REF_NOT_PERMITTED);
  const service = index.service(ns, ref.name);
  if (!service) return warnedWith({ reason: 'BackendNotFound', message: `Service (${ns}:${ref.name}) not found)` });
  const servicePort = service.spec.ports.find((p) => p.port === ref.port);
  if (!servicePort) return warnedWith({ reason: 'BackendNotFound', message: `Unable to find service port for port ${ref.port}` });
  // targetGroupConfig present even when undefined: one shape for every service backend.
  const targetGroupConfig = index.serviceTargetGroupConfig(ns, ref.name);
  return loadedAs({ kind: 'service', ref, weight: ref.weight, service, servicePort, targetGroupConfig });
}

/** The ALB ARN a chained Gateway publishes as its `Programmed=True` condition message. */
function programmedArn(gateway: Gateway): string | undefined {
  const programmed = gateway.status?.conditions?.find((c) => c.type === 'Programmed' && c.status === 'True');
  return programmed?.message || undefined;
}

function loadGatewayBackend(route: Route, ref: BackendRef, index: SnapshotIndex): BackendLoad {
  if (ref.port === undefined) return warnedWith(PORT_REQUIRED);
  const ns = ref.namespace ?? route.metadata.namespace;
  if (crossNamespaceDenied(route, index, ns, GATEWAY_GROUP, 'Gateway', ref.name)) return warnedWith(REF_NOT_PERMITTED);
  const gateway = index.gateway(ns, ref.name);
  if (!gateway) return warnedWith({ reason: 'BackendNotFound', message: `Gateway (${ns}:${ref.name}) not found)` });
  const albArn = programmedArn(gateway);
  if (!albArn) return failedWith({ kind: 'loader', reason: 'BackendNotFound', message: `Gateway (${ns}:${ref.name}) is not usable yet, LB ARN is not provisioned)` });
  if (albArn.split('/')[1] !== 'app') {
    return warnedWith({ reason: 'BackendNotFound', message: `invalid gateway ARN: ${albArn}, the resource type must be application load balancer` });
  }
  const targetGroupConfig = index.gatewayTargetGroupConfig(ns, ref.name);
  return loadedAs({ kind: 'gateway', ref, weight: ref.weight, gateway, port: ref.port, albArn, targetGroupConfig });
}

function loadBackendOfKind(route: Route, ref: BackendRef, index: SnapshotIndex): BackendLoad {
  switch (ref.kind) {
    case '':
    case 'Service':
      return loadServiceBackend(route, ref, index);
    case 'TargetGroupName':
      return loadedAs({ kind: 'targetGroupName', ref, weight: ref.weight, name: ref.name });
    case 'Gateway':
      return loadGatewayBackend(route, ref, index);
    default:
      return warnedWith({ reason: 'InvalidKind', message: 'Unknown backend reference kind' });
  }
}

/** commonBackendLoader (backend.go 131–182): the weight is checked only once the backend loaded. */
function loadBackend(route: Route, ref: BackendRef, index: SnapshotIndex): BackendLoad {
  const loaded = loadBackendOfKind(route, ref, index);
  if (loaded.backend && ref.weight > 999) return failedWith({ kind: 'silent', message: `Weight [${ref.weight}] must be less than or equal to 999` });
  return loaded;
}

/** Built only for a problem to report: most backendRefs load without one. */
function backendPath(rule: number, backend: number): (string | number)[] {
  return ['spec', 'rules', rule, 'backendRefs', backend];
}

export function loadRouteRules(route: Route, index: SnapshotIndex): RouteLoad {
  const rules: LoadedRule[] = [];
  const warnings: RuleWarning[] = [];
  for (let i = 0; i < route.spec.rules.length; i++) {
    const view = ruleView(route, i);
    const lrc = loadListenerRuleConfig(route, view, index);
    if (lrc.warning) warnings.push({ reason: 'IncompatibleFilters', message: lrc.warning, path: ['spec', 'rules', i, 'filters'] });
    // listenerRuleConfig present even when undefined: one shape for every loaded rule.
    if (lrc.failed) {
      rules.push({ index: i, backends: [], listenerRuleConfig: undefined });
      continue;
    }
    const backends: LoadedBackend[] = [];
    for (let b = 0; b < view.backendRefs.length; b++) {
      const loaded = loadBackend(route, view.backendRefs[b]!, index);
      const { fatal, warning } = loaded;
      if (fatal) {
        const path = backendPath(i, b);
        const all = fatal.kind === 'loader' ? [...warnings, { reason: fatal.reason, message: fatal.message, path }] : warnings;
        return { ok: false, fatal: fatal.kind, message: fatal.message, path, warnings: all };
      }
      if (warning) warnings.push({ reason: warning.reason, message: warning.message, path: backendPath(i, b) });
      if (loaded.backend) backends.push(loaded.backend);
    }
    rules.push({ index: i, backends, listenerRuleConfig: lrc.lrc });
  }
  return { ok: true, rules, warnings };
}
