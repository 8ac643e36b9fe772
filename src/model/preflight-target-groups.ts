/**
 * Pre-flight for target groups (CreateTargetGroup, ModifyTargetGroupAttributes): name, health
 * check and attributes, by the rules in src/aws-rules/ that the emulator (src/emulator/elbv2/
 * validation.ts, health-checks.ts, attributes.ts) enforces. LBC copies these from the TargetGroupConfiguration unchecked
 * (model_build_target_group.go `buildTargetGroupHealthCheckConfig`, `buildTargetGroupAttributes`).
 */
import type { TargetGroupConfiguration, TargetGroupProps } from '../source/lbc-crds.js';
import { APP_COOKIE_NAME_MESSAGE, attributeValueError, slowStartError, stickinessTypeError } from '../aws-rules/attributes.js';
import { grpcCodesError, healthCheckPathError, healthCheckPortError, healthCheckProtocolError, healthCheckTimeoutError, httpCodesError, isAlbProtocol } from '../aws-rules/health-checks.js';
import { targetGroupNameError } from '../aws-rules/names-and-tags.js';
import type { At, BuildContext } from './context.js';
import { checkTags, lbConfigAt } from './preflight-attributes.js';
import { PREFLIGHT_CODES as C, type Finding } from './preflight.js';
import type { HealthCheckConfig, KeyValueAttribute, TargetGroupSpec } from './stack.js';

function configsOf(ctx: BuildContext): TargetGroupConfiguration[] {
  const out = new Set<TargetGroupConfiguration>();
  if (ctx.gw.defaultTargetGroupConfig) out.add(ctx.gw.defaultTargetGroupConfig);
  for (const port of ctx.gw.ports) {
    for (const a of port.routes) for (const r of a.rules) for (const b of r.backends) if (b.kind !== 'targetGroupName' && b.targetGroupConfig) out.add(b.targetGroupConfig);
  }
  return [...out];
}

/**
 * The TargetGroupConfiguration field that holds `matches`: a TG does not record which config it
 * came from, so the value is looked up where it can have been written (default, then per route).
 */
function tgcAt(ctx: BuildContext, field: (p: TargetGroupProps) => readonly (string | number)[] | undefined): At {
  for (const tgc of configsOf(ctx)) {
    const d = tgc.spec.defaultConfiguration && field(tgc.spec.defaultConfiguration);
    if (d) return { object: tgc, path: ['spec', 'defaultConfiguration', ...d] };
    for (const [i, rc] of (tgc.spec.routeConfigurations ?? []).entries()) {
      const p = field(rc.targetGroupProps);
      if (p) return { object: tgc, path: ['spec', 'routeConfigurations', i, 'targetGroupProps', ...p] };
    }
  }
  return lbConfigAt(ctx);
}

type HcField = 'healthCheckInterval' | 'healthCheckTimeout' | 'healthyThresholdCount' | 'unhealthyThresholdCount' | 'healthCheckPath' | 'healthCheckPort' | 'healthCheckProtocol';

function hcAt(ctx: BuildContext, key: HcField, value: unknown): At {
  return tgcAt(ctx, (p) => (p.healthCheckConfig?.[key] !== undefined && String(p.healthCheckConfig[key]) === String(value) ? ['healthCheckConfig', key] : undefined));
}

function range(v: number, member: string, low: number, high: number): string | undefined {
  const c = (s: string): string => `1 validation error detected: Value '${v}' at '${member}' failed to satisfy constraint: Member must have value ${s}`;
  return v < low ? c(`greater than or equal to ${low}`) : v > high ? c(`less than or equal to ${high}`) : undefined;
}

// Module functions and tables, not closures and tuples built in checkTargetGroup: it runs for
// every target group, and almost every one passes every check.

function reject(push: (f: Finding) => void, code: Finding['code'], awsMessage: string, fix: string, at: At, awsCode = 'ValidationError'): void {
  push({ code, call: 'CreateTargetGroup', awsCode, awsMessage, fix, at });
}

function hcFix(what: string): string {
  return `Change ${what} in the healthCheckConfig of the TargetGroupConfiguration.`;
}

function matcherAt(ctx: BuildContext, v: string, k: 'httpCode' | 'grpcCode'): At {
  return tgcAt(ctx, (p) => (p.healthCheckConfig?.matcher?.[k] === v ? ['healthCheckConfig', 'matcher', k] : undefined));
}

/** The numeric health check members: AWS's member name and bounds, and the TGC field that sets them. */
const HC_NUMBERS: readonly { readonly value: (hc: HealthCheckConfig) => number | undefined; readonly member: string; readonly low: number; readonly high: number; readonly field: HcField }[] = [
  { value: (hc) => hc.intervalSeconds, member: 'healthCheckIntervalSeconds', low: 5, high: 300, field: 'healthCheckInterval' },
  { value: (hc) => hc.timeoutSeconds, member: 'healthCheckTimeoutSeconds', low: 2, high: 120, field: 'healthCheckTimeout' },
  { value: (hc) => hc.healthyThresholdCount, member: 'healthyThresholdCount', low: 2, high: 10, field: 'healthyThresholdCount' },
  { value: (hc) => hc.unhealthyThresholdCount, member: 'unhealthyThresholdCount', low: 2, high: 10, field: 'unhealthyThresholdCount' },
];

export function checkTargetGroup(ctx: BuildContext, tg: TargetGroupSpec, push: (f: Finding) => void): void {
  const name = tg.name;
  // A name that hashes a nodePort the API server has not assigned yet is checked once known.
  const nameProblem = typeof name === 'string' ? targetGroupNameError(name) : undefined;
  if (nameProblem) {
    const nameFix = 'Change targetGroupName in the TargetGroupConfiguration (letters, digits and single hyphens, not at either end).';
    reject(push, C.name, nameProblem, nameFix, tgcAt(ctx, (p) => (p.targetGroupName === name ? ['targetGroupName'] : undefined)));
  }
  const hc = tg.healthCheckConfig;
  if (hc) checkHealthCheck(ctx, tg, hc, push);
  checkTargetGroupAttributes(ctx, tg.targetGroupAttributes ?? [], tg.protocol, push);
  checkTags(ctx, 'CreateTargetGroup', tg.tags, push, (key) => tgcAt(ctx, (p) => (p.tags && key in p.tags ? ['tags', key] : undefined)));
}

function checkHealthCheck(ctx: BuildContext, tg: TargetGroupSpec, hc: HealthCheckConfig, push: (f: Finding) => void): void {
  const protocolProblem = hc.protocol !== undefined ? healthCheckProtocolError(hc.protocol, tg.protocol) : undefined;
  if (protocolProblem) reject(push, C.healthCheck, protocolProblem, hcFix('healthCheckProtocol to HTTP or HTTPS'), hcAt(ctx, 'healthCheckProtocol', 'TCP'));
  const port = hc.port;
  const portProblem = port !== undefined ? healthCheckPortError(String(port)) : undefined;
  if (portProblem) reject(push, C.healthCheck, portProblem, hcFix('healthCheckPort'), hcAt(ctx, 'healthCheckPort', port));
  for (const { value, member, low, high, field } of HC_NUMBERS) {
    const v = value(hc);
    const message = v === undefined ? undefined : range(v, member, low, high);
    if (message) reject(push, C.healthCheck, message, hcFix(`${field} to a value between ${low} and ${high}`), hcAt(ctx, field, v));
  }
  const pathProblem = hc.path !== undefined ? healthCheckPathError(hc.path) : undefined;
  if (pathProblem) reject(push, C.healthCheck, pathProblem, hcFix('healthCheckPath'), hcAt(ctx, 'healthCheckPath', hc.path));
  const http = hc.matcher?.httpCode;
  const albStyle = isAlbProtocol(tg.protocol);
  const httpProblem = http !== undefined ? httpCodesError(http, 200, albStyle ? 499 : 599) : undefined;
  if (httpProblem) reject(push, C.healthCheck, httpProblem, hcFix('matcher.httpCode'), matcherAt(ctx, http!, 'httpCode'));
  const grpc = hc.matcher?.grpcCode;
  const grpcProblem = grpc !== undefined ? grpcCodesError(grpc) : undefined;
  if (grpcProblem) reject(push, C.healthCheck, grpcProblem, hcFix('matcher.grpcCode'), matcherAt(ctx, grpc!, 'grpcCode'));
  const { intervalSeconds: interval, timeoutSeconds: timeout } = hc;
  const timeoutProblem = interval !== undefined && timeout !== undefined ? healthCheckTimeoutError(timeout, interval, tg.protocol) : undefined;
  if (timeoutProblem) reject(push, C.healthCheck, timeoutProblem, hcFix('healthCheckTimeout or healthCheckInterval'), hcAt(ctx, 'healthCheckTimeout', timeout));
}

function attributeValue(attrs: readonly KeyValueAttribute[], key: string): string | undefined {
  for (const a of attrs) if (a.key === key) return a.value;
  return undefined;
}

function attributeAt(ctx: BuildContext, key: string): At {
  return tgcAt(ctx, (p) => {
    const i = p.targetGroupAttributes?.findIndex((a) => a.key === key) ?? -1;
    return i >= 0 ? ['targetGroupAttributes', i, 'value'] : undefined;
  });
}

function rejectAttribute(ctx: BuildContext, push: (f: Finding) => void, key: string, awsCode: string, awsMessage: string, atKey = key): void {
  push({ code: C.attribute, call: 'ModifyTargetGroupAttributes', awsCode, awsMessage, fix: `Fix ${key} in the targetGroupAttributes of the TargetGroupConfiguration.`, at: attributeAt(ctx, atKey) });
}

function checkTargetGroupAttributes(ctx: BuildContext, attrs: readonly KeyValueAttribute[], protocol: TargetGroupSpec['protocol'], push: (f: Finding) => void): void {
  for (const a of attrs) {
    const message = attributeValueError(a.key, a.value);
    if (message) rejectAttribute(ctx, push, a.key, 'ValidationError', message);
  }
  const stickiness = attributeValue(attrs, 'stickiness.type');
  if (stickiness !== undefined) {
    const typeProblem = stickinessTypeError(stickiness, protocol);
    if (typeProblem) {
      rejectAttribute(ctx, push, 'stickiness.type', 'InvalidConfigurationRequest', typeProblem);
    } else if (attributeValue(attrs, 'stickiness.enabled') === 'true' && stickiness === 'app_cookie' && !attributeValue(attrs, 'stickiness.app_cookie.cookie_name')) {
      rejectAttribute(ctx, push, 'stickiness.app_cookie.cookie_name', 'InvalidConfigurationRequest', APP_COOKIE_NAME_MESSAGE, 'stickiness.type');
    }
  }
  const slowStart = attributeValue(attrs, 'slow_start.duration_seconds');
  // A non-number is already reported by attributeValueError.
  const slowStartProblem = slowStart !== undefined && /^\d+$/.test(slowStart) ? slowStartError(slowStart) : undefined;
  if (slowStartProblem) rejectAttribute(ctx, push, 'slow_start.duration_seconds', 'ValidationError', slowStartProblem);
}
