/**
 * AWS's documented validation rules, pure data and functions; used by the emulator (which plays
 * AWS) and by the model's pre-flight (which predicts AWS). Keeping one copy means the prediction
 * cannot drift from what the emulator enforces.
 *
 * This file: attribute values of load balancers, listeners and target groups
 * (aws-api-facts.md §2.3, §3.7). Each check returns AWS's message, or undefined when AWS takes it.
 */

/** Numeric attributes and their inclusive bounds. */
export const ATTRIBUTE_RANGES: Readonly<Record<string, readonly [number, number]>> = {
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

/** Attributes that take one of a fixed set of words. */
export const ATTRIBUTE_ENUMS: Readonly<Record<string, readonly string[]>> = {
  'routing.http.desync_mitigation_mode': ['monitor', 'defensive', 'strictest'],
  'routing.http.xff_header_processing.mode': ['append', 'preserve', 'remove'],
  'dns_record.client_routing_policy': ['any_availability_zone', 'availability_zone_affinity', 'partial_availability_zone_affinity'],
  'load_balancing.algorithm.type': ['round_robin', 'least_outstanding_requests', 'weighted_random'],
  'load_balancing.algorithm.anomaly_mitigation': ['on', 'off'],
};

/** AWS's message for a bad attribute value (booleans, ranges, enums), or undefined. */
export function attributeValueError(key: string, value: string): string | undefined {
  // cross_zone on an NLB also takes 'use_load_balancer_configuration', so it is not a plain boolean.
  if (key.endsWith('.enabled') && key !== 'load_balancing.cross_zone.enabled' && value !== 'true' && value !== 'false') {
    return `Attribute '${key}' must be 'true' or 'false', not '${value}'`;
  }
  const range = ATTRIBUTE_RANGES[key];
  if (range && (!/^\d+$/.test(value) || Number(value) < range[0] || Number(value) > range[1])) return `'${key}' value '${value}' must be between '${range[0]}-${range[1]}' inclusive`;
  const allowed = ATTRIBUTE_ENUMS[key];
  if (allowed && !allowed.includes(value)) return `'${key}' value '${value}' must be one of [${allowed.join(', ')}]`;
  return undefined;
}

/** An ALB always balances across zones; AWS refuses to turn it off. */
export const ALB_CROSS_ZONE_MESSAGE = 'Cross-zone load balancing is always on for Application Load Balancers; remove load_balancing.cross_zone.enabled from the request';

/** The stickiness types a target group of `protocol` takes. */
export function stickinessTypesFor(protocol: string | undefined): readonly string[] {
  return protocol === 'HTTP' || protocol === 'HTTPS' ? ['lb_cookie', 'app_cookie'] : protocol === 'GENEVE' ? ['source_ip_dest_ip', 'source_ip_dest_ip_proto'] : ['source_ip'];
}

/** `shown` names the protocol in the message (the emulator falls back to the target type). */
export function stickinessTypeError(type: string, protocol: string | undefined, shown: string | undefined = protocol): string | undefined {
  const allowed = stickinessTypesFor(protocol);
  return allowed.includes(type) ? undefined : `Stickiness type '${type}' is not supported for target groups with the ${shown} protocol; use one of [${allowed.join(', ')}]`;
}

export const APP_COOKIE_NAME_MESSAGE = "You must set an application cookie name to enable stickiness of type 'app_cookie'";

/** Slow start is off (0) or at least 30 seconds; the upper bound is in ATTRIBUTE_RANGES. `seconds` is shown as given. */
export function slowStartError(seconds: number | string): string | undefined {
  return Number(seconds) !== 0 && Number(seconds) < 30 ? `'slow_start.duration_seconds' value '${seconds}' must be 0 (off) or between '30-900' inclusive` : undefined;
}
