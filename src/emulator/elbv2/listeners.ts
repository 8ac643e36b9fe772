/**
 * CreateListener, DescribeListeners, ModifyListener and DeleteListener (aws-api-facts.md §2.3
 * "Listeners"). A listener owns its default rule, created and deleted with it; the default rule's
 * actions are the listener's DefaultActions.
 */
import { QUOTAS, TOO_MANY_LISTENERS_MESSAGE } from '../../aws-rules/quotas.js';
import { AwsError, enumError, validationError } from '../errors.js';
import type { QueryInput } from '../wire/query-input.js';
import { newListenerArn, newRuleArn, requireListener, requireLoadBalancer } from './arns.js';
import { readActions } from './actions.js';
import { listenerAttributeDefaults } from './attribute-defaults.js';
import type { HandlerContext } from './context.js';
import { readCertificateArns, requireCertificate } from './listener-certificates.js';
import { paginate } from './pagination.js';
import type { ListenerRecord, LoadBalancerRecord } from './records.js';
import { listenersOf, rulesOf } from './references.js';
import { listenerShape } from './serialize.js';
import { DEFAULT_SSL_POLICY, requireSslPolicy } from './ssl-policies.js';
import { readTags } from './validation.js';

const ALL_PROTOCOLS = ['HTTP', 'HTTPS', 'TCP', 'TLS', 'UDP', 'TCP_UDP', 'GENEVE', 'QUIC', 'TCP_QUIC'] as const;
const ALPN_POLICIES = ['HTTP1Only', 'HTTP2Only', 'HTTP2Optional', 'HTTP2Preferred', 'None'];

/** The protocol/port/TLS settings of a create or modify request, checked against the LB type. */
interface ListenerSettings {
  port?: number;
  protocol?: string;
  defaultCertificate?: string;
  sslPolicy?: string;
  alpnPolicy?: string[];
  mutualAuthentication?: ListenerRecord['mutualAuthentication'];
}

function checkProtocol(lb: LoadBalancerRecord, protocol: string | undefined, port: number | undefined): void {
  if (lb.type === 'gateway') {
    if (protocol !== undefined || port !== undefined) throw validationError('Protocol and port cannot be specified for Gateway Load Balancer listeners');
    return;
  }
  if (port === undefined) throw validationError('A listener port must be specified');
  if (protocol === undefined) throw validationError('A listener protocol must be specified');
  const allowed = lb.type === 'application' ? ['HTTP', 'HTTPS'] : ['TCP', 'TLS', 'UDP', 'TCP_UDP', 'QUIC', 'TCP_QUIC'];
  if (!allowed.includes(protocol)) throw new AwsError('UnsupportedProtocol', `Protocol '${protocol}' is not supported for ${lb.type} load balancers; use one of [${allowed.join(', ')}]`);
  if (lb.type === 'network' && lb.ipAddressType !== 'ipv4' && ['UDP', 'TCP_UDP', 'QUIC', 'TCP_QUIC'].includes(protocol)) {
    throw new AwsError('UnsupportedProtocol', `Protocol '${protocol}' is not supported on a dual-stack Network Load Balancer`);
  }
}

/** TLS settings apply to HTTPS/TLS only; switching to HTTP/TCP drops them (§2.3 ModifyListener). */
function checkTls(settings: ListenerSettings, ctx: HandlerContext): ListenerSettings {
  const secure = settings.protocol === 'HTTPS' || settings.protocol === 'TLS';
  if (!secure) {
    if (settings.alpnPolicy) throw validationError('An ALPN policy can only be specified for TLS listeners');
    if (settings.mutualAuthentication) throw validationError('Mutual authentication can only be configured on HTTPS listeners');
    return { ...settings, defaultCertificate: undefined, sslPolicy: undefined };
  }
  if (settings.defaultCertificate === undefined) {
    throw new AwsError('InvalidConfigurationRequest', `You must provide a list containing exactly one certificate if the listener protocol is ${settings.protocol}.`);
  }
  requireCertificate(ctx.store.state, settings.defaultCertificate, ctx.now);
  if (settings.alpnPolicy && settings.protocol !== 'TLS') throw validationError('An ALPN policy can only be specified for TLS listeners');
  if (settings.mutualAuthentication && settings.protocol !== 'HTTPS') throw validationError('Mutual authentication can only be configured on HTTPS listeners');
  return { ...settings, sslPolicy: requireSslPolicy(settings.sslPolicy ?? DEFAULT_SSL_POLICY) };
}

function readSettings(input: QueryInput, base: ListenerSettings): ListenerSettings {
  const out: ListenerSettings = { ...base };
  const port = input.int('Port', { min: 1, max: 65535 });
  if (port !== undefined) out.port = port;
  const protocol = input.enumValue('Protocol', ALL_PROTOCOLS);
  if (protocol !== undefined) out.protocol = protocol;
  const certs = readCertificateArns(input);
  if (certs !== undefined) {
    if (certs.length !== 1) throw new AwsError('InvalidConfigurationRequest', `You must provide a list containing exactly one certificate if the listener protocol is ${out.protocol ?? 'HTTPS'}.`);
    out.defaultCertificate = certs[0];
  }
  const ssl = input.str('SslPolicy');
  if (ssl !== undefined) out.sslPolicy = ssl;
  const alpn = input.memberStrings('AlpnPolicy');
  if (alpn !== undefined) {
    if (alpn.length !== 1 || !ALPN_POLICIES.includes(alpn[0]!)) throw new AwsError('ALPNPolicyNotFound', `ALPN policy '${alpn.join(',')}' not found; use one of [${ALPN_POLICIES.join(', ')}]`);
    out.alpnPolicy = alpn;
  }
  const mtls = input.child('MutualAuthentication');
  if (mtls) {
    const mode = mtls.str('Mode') ?? 'off';
    if (!['off', 'passthrough', 'verify'].includes(mode)) throw enumError(mode, 'mutualAuthentication.mode', ['off', 'passthrough', 'verify']);
    const trustStore = mtls.str('TrustStoreArn');
    // Trust stores are not emulated, so verify mode can never find its trust store.
    if (mode === 'verify' || trustStore !== undefined) throw new AwsError('TrustStoreNotFound', `Trust store '${trustStore ?? ''}' not found`);
    const ignore = mtls.bool('IgnoreClientCertificateExpiry');
    out.mutualAuthentication = { Mode: mode, ...(ignore !== undefined ? { IgnoreClientCertificateExpiry: ignore } : {}) };
  }
  return out;
}

function settingsOf(l: ListenerRecord): ListenerSettings {
  return { port: l.port, protocol: l.protocol, defaultCertificate: l.defaultCertificate, sslPolicy: l.sslPolicy, alpnPolicy: l.alpnPolicy, mutualAuthentication: l.mutualAuthentication };
}

export function createListener(input: QueryInput, ctx: HandlerContext) {
  const state = ctx.store.state;
  const lb = requireLoadBalancer(state, input.requiredStr('LoadBalancerArn'));
  const settings = readSettings(input, {});
  checkProtocol(lb, settings.protocol, settings.port);
  const tls = checkTls(settings, ctx);
  const defaultActions = readActions(input, 'DefaultActions', { state, lb, protocol: tls.protocol });
  const tags = readTags(input);
  const siblings = listenersOf(state, lb.arn);
  const existing = siblings.find((l) => l.port === tls.port);
  if (existing) {
    // Same port and same settings returns the existing listener (§0.7).
    const same = canonical(settingsOf(existing)) === canonical(tls) && JSON.stringify(existing.defaultActions) === JSON.stringify(defaultActions);
    if (!same) throw new AwsError('DuplicateListener', `A listener already exists on this port for this load balancer '${lb.arn}'`);
    return { Listeners: [listenerShape(existing)] };
  }
  if (siblings.length >= QUOTAS.listenersPerLoadBalancer) throw new AwsError('TooManyListeners', TOO_MANY_LISTENERS_MESSAGE);
  const arn = newListenerArn(lb);
  const listener: ListenerRecord = {
    arn,
    loadBalancerArn: lb.arn,
    ...stripUndefined(tls),
    certificates: [],
    defaultActions,
    attributes: listenerAttributeDefaults(lb.type, tls.protocol),
    defaultRuleArn: newRuleArn(arn),
  };
  state.elbv2.listeners[arn] = listener;
  state.elbv2.rules[listener.defaultRuleArn] = { arn: listener.defaultRuleArn, listenerArn: arn, priority: 'default', conditions: [], actions: defaultActions, transforms: [] };
  state.elbv2.tags[arn] = tags ?? [];
  state.elbv2.tags[listener.defaultRuleArn] = [];
  ctx.store.changed();
  return { Listeners: [listenerShape(listener)] };
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function canonical(settings: ListenerSettings): string {
  return JSON.stringify(Object.entries(stripUndefined(settings)).sort(([a], [b]) => a.localeCompare(b)));
}

export function describeListeners(input: QueryInput, ctx: HandlerContext) {
  const state = ctx.store.state;
  const lbArn = input.str('LoadBalancerArn');
  const arns = input.memberStrings('ListenerArns');
  const hasArns = arns !== undefined && arns.length > 0;
  if (lbArn === undefined && !hasArns) throw validationError('You must specify either listener ARNs or a load balancer ARN');
  if (lbArn !== undefined && hasArns) throw validationError('Listener ARNs and a load balancer ARN cannot be specified at the same time');
  const selected = lbArn !== undefined ? listenersOf(state, requireLoadBalancer(state, lbArn).arn) : arns!.map((a) => requireListener(state, a));
  const page = paginate(selected, input);
  return { Listeners: page.items.map(listenerShape), NextMarker: page.nextMarker };
}

export function modifyListener(input: QueryInput, ctx: HandlerContext) {
  const state = ctx.store.state;
  const listener = requireListener(state, input.requiredStr('ListenerArn'));
  const lb = requireLoadBalancer(state, listener.loadBalancerArn);
  const settings = readSettings(input, settingsOf(listener));
  checkProtocol(lb, settings.protocol, settings.port);
  const tls = checkTls(settings, ctx);
  if (tls.port !== listener.port && listenersOf(state, lb.arn).some((l) => l.arn !== listener.arn && l.port === tls.port)) {
    throw validationError(`Listener port '${tls.port}' is already in use`);
  }
  const defaultActions = input.has('DefaultActions') ? readActions(input, 'DefaultActions', { state, lb, protocol: tls.protocol }) : listener.defaultActions;
  // Rules written for HTTPS (authenticate actions) must still fit the new protocol.
  if (tls.protocol !== 'HTTPS' && rulesOf(state, listener.arn).some((r) => r.actions.some((a) => a.Type.startsWith('authenticate-')))) {
    throw new AwsError('InvalidLoadBalancerAction', 'Authenticate actions are only supported on HTTPS listeners; remove them from the rules first');
  }
  Object.assign(listener, { port: tls.port, protocol: tls.protocol, defaultCertificate: tls.defaultCertificate, sslPolicy: tls.sslPolicy, alpnPolicy: tls.alpnPolicy, mutualAuthentication: tls.mutualAuthentication, defaultActions });
  for (const k of ['defaultCertificate', 'sslPolicy', 'alpnPolicy', 'mutualAuthentication'] as const) if (listener[k] === undefined) delete listener[k];
  if (tls.protocol !== 'HTTPS' && tls.protocol !== 'TLS') listener.certificates = [];
  const defaultRule = state.elbv2.rules[listener.defaultRuleArn];
  if (defaultRule) defaultRule.actions = defaultActions;
  ctx.store.changed();
  return { Listeners: [listenerShape(listener)] };
}

/** Deletes the listener with all its rules, the default rule included (§2.3). */
export function deleteListener(input: QueryInput, ctx: HandlerContext) {
  const state = ctx.store.state;
  const listener = requireListener(state, input.requiredStr('ListenerArn'));
  for (const rule of rulesOf(state, listener.arn)) {
    delete state.elbv2.rules[rule.arn];
    delete state.elbv2.tags[rule.arn];
  }
  delete state.elbv2.listeners[listener.arn];
  delete state.elbv2.tags[listener.arn];
  ctx.store.changed();
  return {};
}
