/**
 * Listeners (pkg/gateway/model/model_build_listener.go). Only ports with at least one attached
 * route get a listener, on ALB too: `buildListeners` iterates gateway ports ∩ keys of the routes
 * map, and routeutils/loader.go `loadChildResources` only creates a key when a port's route list
 * is non-empty — the pre-seeding in route_listener_mapper.go does not survive loading. So
 * lbc-model-deploy.md §5.2(5) is right and lbc-l7-routes-status.md §2.4 is not.
 */
import type { PortResolution } from '../resolve/types.js';
import type { ListenerConfiguration } from '../source/lbc-crds.js';
import { routeHostnames } from '../source/gateway-api.js';
import { buildCertificates } from './certificates.js';
import type { BuildContext } from './context.js';
import { CODES } from './context.js';
import { unknown } from './discovery.js';
import { buildListenerRules } from './listener-rules.js';
import { FIXED_404 } from './rule-actions.js';
import { buildTargetGroup } from './target-groups.js';
import type { Action, ListenerSpec, MutualAuthentication, Protocol, StringToken, Tags, TargetGroupTuple } from './stack.js';
import { LOAD_BALANCER_ID, RT, resourceRef } from './stack.js';

export interface PortConfig {
  readonly port: number;
  readonly protocol: Protocol;
  readonly hostnames: ReadonlySet<string>;
}

/** `mergeProtocols`: TCP+UDP → TCP_UDP, TCP+QUIC → TCP_QUIC; anything else is an error. */
export function mergeProtocols(stored: string, proposed: string): string | undefined {
  if (stored === 'TCP_UDP' && (proposed === 'TCP' || proposed === 'UDP')) return 'TCP_UDP';
  if ((stored === 'TCP' && proposed === 'UDP') || (stored === 'UDP' && proposed === 'TCP')) return 'TCP_UDP';
  if (stored === 'TCP_QUIC' && (proposed === 'TCP' || proposed === 'QUIC')) return 'TCP_QUIC';
  if ((stored === 'TCP' && proposed === 'QUIC') || (stored === 'QUIC' && proposed === 'TCP')) return 'TCP_QUIC';
  return undefined;
}

/** `mapGatewayListenerConfigsByPort`; a protocol merge resets the port's hostnames, as in LBC. */
export function portConfig(p: PortResolution): PortConfig | string {
  let protocol: string | undefined;
  let hostnames = new Set<string>();
  // LBC adds the routes' hostnames after every listener; once in the set they stay, so they are
  // added again only after a protocol merge empties it (same set, same order, one pass per merge).
  let routesAdded = false;
  for (const rl of p.listeners) {
    const l = rl.listener;
    let proto: string = l.protocol;
    if (proto === 'TLS' && l.tls?.mode === 'Passthrough') proto = 'TCP';
    if (protocol === undefined) protocol = proto;
    else if (protocol !== proto) {
      const merged = mergeProtocols(protocol, proto);
      if (merged === undefined) return 'invalid listeners on gateway, listeners with same ports cannot have different protocols';
      protocol = merged;
      hostnames = new Set();
      routesAdded = false;
    }
    if (l.hostname !== undefined) hostnames.add(l.hostname);
    if (routesAdded) continue;
    for (const r of p.routes) {
      const hs = r.compatibleHostnames.length > 0 ? r.compatibleHostnames : routeHostnames(r.route);
      for (const h of hs) hostnames.add(h);
    }
    routesAdded = true;
  }
  return { port: p.port, protocol: (protocol ?? 'HTTP') as Protocol, hostnames };
}

/** `mapLoadBalancerListenerConfigsByPort`: case-insensitive `<protocol>:<port>` match. */
export function listenerConfigFor(cfgs: readonly ListenerConfiguration[] | undefined, pc: PortConfig): ListenerConfiguration | undefined {
  const key = `${pc.protocol.toLowerCase()}:${pc.port}`;
  let found: ListenerConfiguration | undefined;
  for (const c of cfgs ?? []) if (c.protocolPort.toLowerCase() === key) found = c;
  return found;
}

function mutualAuth(ctx: BuildContext, cfg: ListenerConfiguration | undefined): MutualAuthentication | undefined {
  const m = cfg?.mutualAuthentication;
  if (!m) return undefined;
  let trustStoreArn: StringToken | undefined;
  if (m.mode === 'verify') {
    const ts = m.trustStore ?? '';
    if (ts.startsWith('arn:')) trustStoreArn = ts;
    else if (ctx.facts.kind === 'unknown') trustStoreArn = unknown(`trust store ${ts}`);
    else {
      trustStoreArn = ctx.facts.trustStoreArnsByName?.[ts];
      // LBC looks names up with DescribeTrustStores and fails the whole build when one is
      // missing (pkg/shared_utils/alb_listener_utils.go GetTrustStoreArnFromName).
      if (trustStoreArn === undefined) {
        ctx.error(CODES.trustStore, `failed to resolve trustStore ARN for name ${ts}: couldn't find TrustStore with name ${ts}; create the trust store or give its ARN in mutualAuthentication.trustStore`);
      }
    }
  }
  const ignore = m.ignoreClientCertificateExpiry ?? (m.mode === 'verify' ? false : undefined);
  return {
    mode: m.mode,
    ...(trustStoreArn !== undefined ? { trustStoreArn } : {}),
    ...(ignore !== undefined ? { ignoreClientCertificateExpiry: ignore } : {}),
    // LBC always sets the pointer, so an unset value serialises as "".
    advertiseTrustStoreCaNames: m.advertiseTrustStoreCaNames ?? '',
  };
}

function l4Tuples(ctx: BuildContext, p: PortResolution, protocol: Protocol, lbIpType: NonNullable<ListenerSpec['protocol']> | string): TargetGroupTuple[] | undefined {
  const route = p.l4Route;
  if (!route) return undefined;
  const tuples: TargetGroupTuple[] = [];
  let nonZero = false;
  for (const rule of route.rules) {
    for (const [bi, backend] of rule.backends.entries()) {
      const arn = buildTargetGroup(ctx, {
        port: p.port,
        listenerProtocol: protocol,
        lbIpType: lbIpType as 'ipv4',
        attached: route,
        backend,
        ruleIndex: rule.index,
        backendIndex: bi,
      });
      if (arn === undefined) continue;
      // QUIC tuples carry no weight (buildL4TargetGroupTuples).
      tuples.push(protocol === 'QUIC' || protocol === 'TCP_QUIC' ? { targetGroupARN: arn } : { targetGroupARN: arn, weight: backend.weight });
      if (backend.weight > 0) nonZero = true;
    }
  }
  return tuples.length > 0 && nonZero ? tuples : undefined;
}

export function buildListeners(ctx: BuildContext, lbIpType: string, lbTags: Tags): void {
  const lbc = ctx.gw.loadBalancerConfig;
  const configs: { p: PortResolution; pc: PortConfig }[] = [];
  for (const p of ctx.gw.ports) {
    const pc = portConfig(p);
    if (typeof pc === 'string') {
      ctx.error(CODES.listenerProtocol, pc, { object: ctx.gw.gateway, path: ['spec', 'listeners'] });
      return;
    }
    configs.push({ p, pc });
  }
  for (const { p, pc } of configs) {
    if (p.routes.length === 0) continue;
    const cfg = listenerConfigFor(lbc?.listenerConfigurations, pc);
    const cfgIndex = lbc?.listenerConfigurations?.indexOf(cfg!) ?? -1;
    const at = cfg ? { object: ctx.gw.gateway, path: ['spec', 'infrastructure', 'parametersRef'] } : undefined;
    const secure = pc.protocol === 'HTTPS' || pc.protocol === 'TLS';
    let certificates: { certificateARN: StringToken }[] = [];
    if (secure) {
      const explicit = cfg && (cfg.defaultCertificate !== undefined || (cfg.certificates ?? []).length > 0);
      if (!explicit && pc.hostnames.size === 0) {
        ctx.error(CODES.noHostnamesForCert, `No hostnames found for TLS cert discovery for listener on gateway ${ctx.stackId} with protocol:port ${pc.protocol}:${pc.port}`, listenerAt(ctx, p));
        continue;
      }
      const certs = buildCertificates(cfg, [...pc.hostnames], ctx.facts, ctx.settings.allowedCertificateAuthorityArns);
      if (!certs.ok) {
        ctx.error(CODES.noCertificate, `${certs.message} (listener ${pc.protocol}:${pc.port})`, listenerAt(ctx, p));
        continue;
      }
      certificates = certs.arns.map((a) => ({ certificateARN: a }));
    }
    let protocol: Protocol = pc.protocol;
    if (cfg?.quicEnabled === true) {
      if (protocol === 'UDP') protocol = 'QUIC';
      else if (protocol === 'TCP_UDP') protocol = 'TCP_QUIC';
      else {
        ctx.error(CODES.listenerProtocol, `QUIC protocol upgrade not supported for protocol ${protocol}`, at && cfgIndex >= 0 ? at : listenerAt(ctx, p));
        continue;
      }
    }
    const id = String(p.port);
    const base: ListenerSpec = {
      loadBalancerARN: resourceRef(RT.loadBalancer, LOAD_BALANCER_ID, 'loadBalancerARN'),
      port: p.port,
      protocol,
      ...(certificates.length > 0 ? { certificates } : {}),
      ...(secure ? { sslPolicy: cfg?.sslPolicy ?? ctx.settings.defaultSslPolicy } : {}),
      tags: lbTags,
      ...(cfg?.listenerAttributes && cfg.listenerAttributes.length > 0
        ? { listenerAttributes: cfg.listenerAttributes.map((a) => ({ Key: a.key, Value: a.value })) }
        : {}),
    };
    if (ctx.gw.loadBalancerType === 'application') {
      const mtls = secure ? mutualAuth(ctx, cfg) : undefined;
      ctx.add({ type: RT.listener, id, spec: ordered({ ...base, defaultActions: [FIXED_404], ...(mtls ? { mutualAuthentication: mtls } : {}) }) });
      buildListenerRules(ctx, p, protocol, lbIpType);
    } else {
      const alpn = protocol === 'TLS' ? [cfg?.alpnPolicy ?? 'None'] : undefined;
      const tuples = l4Tuples(ctx, p, protocol, lbIpType);
      if (!tuples) continue; // no backend, or every weight 0: no listener (buildL4ListenerSpec)
      const action: Action = {
        type: 'forward',
        forwardConfig: {
          targetGroups: tuples,
          ...(cfg?.targetGroupStickiness !== undefined ? { targetGroupStickinessConfig: { enabled: cfg.targetGroupStickiness } } : {}),
        },
      };
      ctx.add({ type: RT.listener, id, spec: ordered({ ...base, defaultActions: [action], ...(alpn ? { alpnPolicy: alpn } : {}) }) });
    }
  }
}

/** ListenerSpec fields in LBC's declaration order, so the JSON text matches Go's. */
function ordered(s: ListenerSpec): ListenerSpec {
  const keys: (keyof ListenerSpec)[] = ['loadBalancerARN', 'port', 'protocol', 'defaultActions', 'certificates', 'sslPolicy', 'alpnPolicy', 'mutualAuthentication', 'tags', 'listenerAttributes'];
  const out: Record<string, unknown> = {};
  for (const k of keys) if (s[k] !== undefined) out[k] = s[k];
  return out as unknown as ListenerSpec;
}

function listenerAt(ctx: BuildContext, p: PortResolution): { object: typeof ctx.gw.gateway; path: (string | number)[] } | undefined {
  const first = p.listeners[0];
  if (!first) return undefined;
  return { object: first.owner as typeof ctx.gw.gateway, path: ['spec', 'listeners', first.index] };
}

