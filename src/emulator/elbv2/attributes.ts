/**
 * Describe/Modify attributes for load balancers, target groups and listeners. Modify returns the
 * full resulting list; keys that do not apply to the resource fail with
 * InvalidConfigurationRequest and bad values with ValidationError (aws-api-facts.md §2.3, §3.7).
 * A modify call is all-or-nothing: everything is checked before anything changes.
 */
import { AwsError, constraintError, validationError } from '../errors.js';
import type { QueryInput } from '../wire/query-input.js';
import { requireListener, requireLoadBalancer, requireTargetGroup } from './arns.js';
import type { HandlerContext } from './context.js';
import { attributesShape } from './serialize.js';

const RANGES: Record<string, [number, number]> = {
  'idle_timeout.timeout_seconds': [1, 4000],
  'client_keep_alive.seconds': [60, 604800],
  'deregistration_delay.timeout_seconds': [0, 3600],
  'stickiness.lb_cookie.duration_seconds': [1, 604800],
  'stickiness.app_cookie.duration_seconds': [1, 604800],
  'slow_start.duration_seconds': [0, 900],
  'tcp.idle_timeout.seconds': [60, 6000],
  'secondary_ips.auto_assigned.per_subnet': [0, 7],
  'target_health_state.unhealthy.draining_interval_seconds': [0, 360000],
};

const ENUMS: Record<string, readonly string[]> = {
  'routing.http.desync_mitigation_mode': ['monitor', 'defensive', 'strictest'],
  'routing.http.xff_header_processing.mode': ['append', 'preserve', 'remove'],
  'dns_record.client_routing_policy': ['any_availability_zone', 'availability_zone_affinity', 'partial_availability_zone_affinity'],
  'load_balancing.algorithm.type': ['round_robin', 'least_outstanding_requests', 'weighted_random'],
  'load_balancing.algorithm.anomaly_mitigation': ['on', 'off'],
};

function readAttributes(input: QueryInput): [string, string][] {
  const members = input.members('Attributes');
  if (members === undefined) throw constraintError(null, 'attributes', 'Member must not be null');
  if (members.length > 20) throw constraintError(`${members.length} attributes`, 'attributes', 'Member must have length less than or equal to 20');
  return members.map((m) => {
    const key = m.requiredStr('Key');
    if (!/^[a-zA-Z0-9._]+$/.test(key) || key.length > 256) throw constraintError(key, m.pathOf('Key'), 'Member must satisfy regular expression pattern: ^[a-zA-Z0-9._]+$');
    return [key, m.str('Value') ?? ''];
  });
}

function checkValue(key: string, value: string, current: Record<string, string>, kind: string): void {
  if (!(key in current)) throw new AwsError('InvalidConfigurationRequest', `Attribute key '${key}' is not valid for this ${kind}; describe its attributes to see the supported keys`);
  if (key.endsWith('.enabled') && key !== 'load_balancing.cross_zone.enabled' && value !== 'true' && value !== 'false') {
    throw validationError(`Attribute '${key}' must be 'true' or 'false', not '${value}'`);
  }
  const range = RANGES[key];
  if (range && (!/^\d+$/.test(value) || Number(value) < range[0] || Number(value) > range[1])) {
    throw validationError(`'${key}' value '${value}' must be between '${range[0]}-${range[1]}' inclusive`);
  }
  const allowed = ENUMS[key];
  if (allowed && !allowed.includes(value)) throw validationError(`'${key}' value '${value}' must be one of [${allowed.join(', ')}]`);
}

function applyAttributes(current: Record<string, string>, changes: [string, string][], kind: string): Record<string, string> {
  const next = { ...current };
  for (const [key, value] of changes) {
    checkValue(key, value, current, kind);
    next[key] = value;
  }
  return next;
}

export function describeLoadBalancerAttributes(input: QueryInput, ctx: HandlerContext) {
  const lb = requireLoadBalancer(ctx.store.state, input.requiredStr('LoadBalancerArn'));
  return { Attributes: attributesShape(lb.attributes) };
}

export function modifyLoadBalancerAttributes(input: QueryInput, ctx: HandlerContext) {
  const lb = requireLoadBalancer(ctx.store.state, input.requiredStr('LoadBalancerArn'));
  const next = applyAttributes(lb.attributes, readAttributes(input), `${lb.type} load balancer`);
  if (lb.type === 'application' && next['load_balancing.cross_zone.enabled'] !== 'true') {
    throw new AwsError('InvalidConfigurationRequest', 'Cross-zone load balancing is always on for Application Load Balancers; remove load_balancing.cross_zone.enabled from the request');
  }
  lb.attributes = next;
  ctx.store.changed();
  return { Attributes: attributesShape(lb.attributes) };
}

export function describeTargetGroupAttributes(input: QueryInput, ctx: HandlerContext) {
  const tg = requireTargetGroup(ctx.store.state, input.requiredStr('TargetGroupArn'));
  return { Attributes: attributesShape(tg.attributes) };
}

export function modifyTargetGroupAttributes(input: QueryInput, ctx: HandlerContext) {
  const tg = requireTargetGroup(ctx.store.state, input.requiredStr('TargetGroupArn'));
  const next = applyAttributes(tg.attributes, readAttributes(input), 'target group');
  const stickinessType = next['stickiness.type'];
  const albStyle = tg.protocol === 'HTTP' || tg.protocol === 'HTTPS';
  if (stickinessType !== undefined) {
    const allowed = albStyle ? ['lb_cookie', 'app_cookie'] : tg.protocol === 'GENEVE' ? ['source_ip_dest_ip', 'source_ip_dest_ip_proto'] : ['source_ip'];
    if (!allowed.includes(stickinessType)) {
      throw new AwsError('InvalidConfigurationRequest', `Stickiness type '${stickinessType}' is not supported for target groups with the ${tg.protocol ?? tg.targetType} protocol; use one of [${allowed.join(', ')}]`);
    }
    if (next['stickiness.enabled'] === 'true' && stickinessType === 'app_cookie' && !next['stickiness.app_cookie.cookie_name']) {
      throw new AwsError('InvalidConfigurationRequest', "You must set an application cookie name to enable stickiness of type 'app_cookie'");
    }
  }
  const slowStart = Number(next['slow_start.duration_seconds'] ?? '0');
  if (slowStart !== 0 && slowStart < 30) throw validationError(`'slow_start.duration_seconds' value '${slowStart}' must be 0 (off) or between '30-900' inclusive`);
  tg.attributes = next;
  ctx.store.changed();
  return { Attributes: attributesShape(tg.attributes) };
}

export function describeListenerAttributes(input: QueryInput, ctx: HandlerContext) {
  const listener = requireListener(ctx.store.state, input.requiredStr('ListenerArn'));
  return { Attributes: attributesShape(listener.attributes) };
}

export function modifyListenerAttributes(input: QueryInput, ctx: HandlerContext) {
  const listener = requireListener(ctx.store.state, input.requiredStr('ListenerArn'));
  listener.attributes = applyAttributes(listener.attributes, readAttributes(input), `${listener.protocol ?? ''} listener`);
  ctx.store.changed();
  return { Attributes: attributesShape(listener.attributes) };
}
