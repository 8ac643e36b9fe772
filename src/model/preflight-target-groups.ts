/**
 * Pre-flight for target groups (CreateTargetGroup, ModifyTargetGroupAttributes): name, health
 * check and attributes, as src/emulator/elbv2/validation.ts, health-checks.ts and attributes.ts
 * validate them. LBC copies these from the TargetGroupConfiguration unchecked
 * (model_build_target_group.go `buildTargetGroupHealthCheckConfig`, `buildTargetGroupAttributes`).
 */
import type { TargetGroupConfiguration, TargetGroupProps } from '../source/lbc-crds.js';
import type { At, BuildContext } from './context.js';
import { attributeError, checkTags, lbConfigAt } from './preflight-attributes.js';
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

function httpCodesOk(codes: string, low: number, high: number): boolean {
  return /^\d{3}(-\d{3})?$|^\d{3}(,\d{3})*$/.test(codes) && codes.split(/[,-]/).every((p) => Number(p) >= low && Number(p) <= high);
}

/** CreateTargetGroup's name rules, in the order AWS reports them. */
function targetGroupNameProblem(name: string): string | undefined {
  if (!/^[A-Za-z0-9-]*$/.test(name)) return `Target group name '${name}' can only contain characters that are alphanumeric characters or hyphens(-)`;
  if (name.startsWith('-') || name.endsWith('-')) return `Target group name '${name}' cannot begin or end with '-'`;
  if (name.includes('--')) return `Target group name '${name}' cannot contain two consecutive hyphens ('--')`;
  return undefined;
}

export function checkTargetGroup(ctx: BuildContext, tg: TargetGroupSpec, push: (f: Finding) => void): void {
  const reject = (code: Finding['code'], awsMessage: string, fix: string, at: At, awsCode = 'ValidationError'): void => push({ code, call: 'CreateTargetGroup', awsCode, awsMessage, fix, at });
  const name = tg.name;
  const nameAt = tgcAt(ctx, (p) => (p.targetGroupName === name ? ['targetGroupName'] : undefined));
  const nameFix = 'Change targetGroupName in the TargetGroupConfiguration (letters, digits and single hyphens, not at either end).';
  // A name that hashes a nodePort the API server has not assigned yet is checked once known.
  const nameProblem = typeof name === 'string' ? targetGroupNameProblem(name) : undefined;
  if (nameProblem) reject(C.name, nameProblem, nameFix, nameAt);

  const hc = tg.healthCheckConfig;
  if (hc) {
    const hcFix = (what: string): string => `Change ${what} in the healthCheckConfig of the TargetGroupConfiguration.`;
    if (hc.protocol === 'TCP' && (tg.protocol === 'HTTP' || tg.protocol === 'HTTPS')) {
      reject(C.healthCheck, `Health check protocol 'TCP' is not supported for target groups with the ${tg.protocol} protocol; use HTTP or HTTPS`, hcFix('healthCheckProtocol to HTTP or HTTPS'), hcAt(ctx, 'healthCheckProtocol', 'TCP'));
    }
    const port = hc.port;
    if (port !== undefined && port !== 'traffic-port' && !(/^\d+$/.test(String(port)) && Number(port) >= 1 && Number(port) <= 65535)) {
      reject(C.healthCheck, `Health check port '${port}' must be 'traffic-port' or a number between 1 and 65535`, hcFix('healthCheckPort'), hcAt(ctx, 'healthCheckPort', port));
    }
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
    if (hc.path !== undefined && (hc.path.length < 1 || hc.path.length > 1024 || !hc.path.startsWith('/'))) {
      reject(C.healthCheck, `Health check path '${hc.path}' must start with '/' and be at most 1024 characters`, hcFix('healthCheckPath'), hcAt(ctx, 'healthCheckPath', hc.path));
    }
    const albStyle = tg.protocol === 'HTTP' || tg.protocol === 'HTTPS';
    const http = hc.matcher?.httpCode;
    const [low, high] = albStyle ? [200, 499] : [200, 599];
    const matcherAt = (v: string, k: 'httpCode' | 'grpcCode'): At => tgcAt(ctx, (p) => (p.healthCheckConfig?.matcher?.[k] === v ? ['healthCheckConfig', 'matcher', k] : undefined));
    if (http !== undefined && !httpCodesOk(http, low, high)) {
      reject(C.healthCheck, `Health check matcher HTTP code '${http}' must be a list (200,202) or range (200-299) of codes between ${low} and ${high}`, hcFix('matcher.httpCode'), matcherAt(http, 'httpCode'));
    }
    const grpc = hc.matcher?.grpcCode;
    if (grpc !== undefined && !/^\d{1,2}([,-]\d{1,2})*$/.test(grpc)) {
      reject(C.healthCheck, `Health check matcher gRPC code '${grpc}' must be codes between 0 and 99`, hcFix('matcher.grpcCode'), matcherAt(grpc, 'grpcCode'));
    }
    const { intervalSeconds: interval, timeoutSeconds: timeout } = hc;
    if (interval !== undefined && timeout !== undefined && (albStyle ? timeout >= interval : timeout > interval)) {
      reject(
        C.healthCheck,
        `Health check timeout '${timeout}' must be smaller than ${albStyle ? '' : 'or equal to '}the interval '${interval}'`,
        hcFix('healthCheckTimeout or healthCheckInterval'),
        hcAt(ctx, 'healthCheckTimeout', timeout),
      );
    }
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
    const message = attributeError(a.key, a.value);
    if (message) reject(a.key, 'ValidationError', message);
  }
  const stickiness = value('stickiness.type');
  if (stickiness !== undefined) {
    const albStyle = tg.protocol === 'HTTP' || tg.protocol === 'HTTPS';
    const allowed = albStyle ? ['lb_cookie', 'app_cookie'] : ['source_ip'];
    if (!allowed.includes(stickiness)) {
      reject('stickiness.type', 'InvalidConfigurationRequest', `Stickiness type '${stickiness}' is not supported for target groups with the ${tg.protocol} protocol; use one of [${allowed.join(', ')}]`);
    } else if (value('stickiness.enabled') === 'true' && stickiness === 'app_cookie' && !value('stickiness.app_cookie.cookie_name')) {
      reject('stickiness.app_cookie.cookie_name', 'InvalidConfigurationRequest', "You must set an application cookie name to enable stickiness of type 'app_cookie'", 'stickiness.type');
    }
  }
  const slowStart = value('slow_start.duration_seconds');
  if (slowStart !== undefined && /^\d+$/.test(slowStart) && Number(slowStart) !== 0 && Number(slowStart) < 30) {
    reject('slow_start.duration_seconds', 'ValidationError', `'slow_start.duration_seconds' value '${slowStart}' must be 0 (off) or between '30-900' inclusive`);
  }
}
