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
import type { TargetGroupSpec } from './stack.js';

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

export function checkTargetGroup(ctx: BuildContext, tg: TargetGroupSpec, push: (f: Finding) => void): void {
  const reject = (code: Finding['code'], awsMessage: string, fix: string, at: At, awsCode = 'ValidationError'): void => push({ code, call: 'CreateTargetGroup', awsCode, awsMessage, fix, at });
  const name = tg.name;
  const nameFix = 'Change targetGroupName in the TargetGroupConfiguration (letters, digits and single hyphens, not at either end).';
  // A name that hashes a nodePort the API server has not assigned yet is checked once known.
  const nameProblem = typeof name === 'string' ? targetGroupNameError(name) : undefined;
  if (nameProblem) reject(C.name, nameProblem, nameFix, tgcAt(ctx, (p) => (p.targetGroupName === name ? ['targetGroupName'] : undefined)));

  const hc = tg.healthCheckConfig;
  if (hc) {
    const hcFix = (what: string): string => `Change ${what} in the healthCheckConfig of the TargetGroupConfiguration.`;
    const protocolProblem = hc.protocol !== undefined ? healthCheckProtocolError(hc.protocol, tg.protocol) : undefined;
    if (protocolProblem) reject(C.healthCheck, protocolProblem, hcFix('healthCheckProtocol to HTTP or HTTPS'), hcAt(ctx, 'healthCheckProtocol', 'TCP'));
    const port = hc.port;
    const portProblem = port !== undefined ? healthCheckPortError(String(port)) : undefined;
    if (portProblem) reject(C.healthCheck, portProblem, hcFix('healthCheckPort'), hcAt(ctx, 'healthCheckPort', port));
    const numbers: [number | undefined, string, number, number, HcField][] = [
      [hc.intervalSeconds, 'healthCheckIntervalSeconds', 5, 300, 'healthCheckInterval'],
      [hc.timeoutSeconds, 'healthCheckTimeoutSeconds', 2, 120, 'healthCheckTimeout'],
      [hc.healthyThresholdCount, 'healthyThresholdCount', 2, 10, 'healthyThresholdCount'],
      [hc.unhealthyThresholdCount, 'unhealthyThresholdCount', 2, 10, 'unhealthyThresholdCount'],
    ];
    for (const [v, member, low, high, field] of numbers) {
      const message = v === undefined ? undefined : range(v, member, low, high);
      if (message) reject(C.healthCheck, message, hcFix(`${field} to a value between ${low} and ${high}`), hcAt(ctx, field, v));
    }
    const pathProblem = hc.path !== undefined ? healthCheckPathError(hc.path) : undefined;
    if (pathProblem) reject(C.healthCheck, pathProblem, hcFix('healthCheckPath'), hcAt(ctx, 'healthCheckPath', hc.path));
    const albStyle = isAlbProtocol(tg.protocol);
    const http = hc.matcher?.httpCode;
    const [low, high] = albStyle ? [200, 499] : [200, 599];
    const matcherAt = (v: string, k: 'httpCode' | 'grpcCode'): At => tgcAt(ctx, (p) => (p.healthCheckConfig?.matcher?.[k] === v ? ['healthCheckConfig', 'matcher', k] : undefined));
    const httpProblem = http !== undefined ? httpCodesError(http, low, high) : undefined;
    if (httpProblem) reject(C.healthCheck, httpProblem, hcFix('matcher.httpCode'), matcherAt(http!, 'httpCode'));
    const grpc = hc.matcher?.grpcCode;
    const grpcProblem = grpc !== undefined ? grpcCodesError(grpc) : undefined;
    if (grpcProblem) reject(C.healthCheck, grpcProblem, hcFix('matcher.grpcCode'), matcherAt(grpc!, 'grpcCode'));
    const { intervalSeconds: interval, timeoutSeconds: timeout } = hc;
    const timeoutProblem = interval !== undefined && timeout !== undefined ? healthCheckTimeoutError(timeout, interval, tg.protocol) : undefined;
    if (timeoutProblem) reject(C.healthCheck, timeoutProblem, hcFix('healthCheckTimeout or healthCheckInterval'), hcAt(ctx, 'healthCheckTimeout', timeout));
  }
  checkTargetGroupAttributes(ctx, tg, push);
  checkTags(ctx, 'CreateTargetGroup', tg.tags, push, (key) => tgcAt(ctx, (p) => (p.tags && key in p.tags ? ['tags', key] : undefined)));
}

function checkTargetGroupAttributes(ctx: BuildContext, tg: TargetGroupSpec, push: (f: Finding) => void): void {
  const attrs = tg.targetGroupAttributes ?? [];
  const value = (k: string): string | undefined => attrs.find((a) => a.key === k)?.value;
  const at = (k: string): At =>
    tgcAt(ctx, (p) => {
      const i = p.targetGroupAttributes?.findIndex((a) => a.key === k) ?? -1;
      return i >= 0 ? ['targetGroupAttributes', i, 'value'] : undefined;
    });
  const reject = (key: string, awsCode: string, awsMessage: string, atKey = key): void =>
    push({ code: C.attribute, call: 'ModifyTargetGroupAttributes', awsCode, awsMessage, fix: `Fix ${key} in the targetGroupAttributes of the TargetGroupConfiguration.`, at: at(atKey) });
  for (const a of attrs) {
    const message = attributeValueError(a.key, a.value);
    if (message) reject(a.key, 'ValidationError', message);
  }
  const stickiness = value('stickiness.type');
  if (stickiness !== undefined) {
    const typeProblem = stickinessTypeError(stickiness, tg.protocol);
    if (typeProblem) {
      reject('stickiness.type', 'InvalidConfigurationRequest', typeProblem);
    } else if (value('stickiness.enabled') === 'true' && stickiness === 'app_cookie' && !value('stickiness.app_cookie.cookie_name')) {
      reject('stickiness.app_cookie.cookie_name', 'InvalidConfigurationRequest', APP_COOKIE_NAME_MESSAGE, 'stickiness.type');
    }
  }
  const slowStart = value('slow_start.duration_seconds');
  // A non-number is already reported by attributeValueError.
  const slowStartProblem = slowStart !== undefined && /^\d+$/.test(slowStart) ? slowStartError(slowStart) : undefined;
  if (slowStartProblem) reject('slow_start.duration_seconds', 'ValidationError', slowStartProblem);
}
