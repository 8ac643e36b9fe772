/**
 * Pre-flight for the load balancer (name, attributes), listener attributes and user tags, as
 * src/emulator/elbv2/validation.ts and attributes.ts validate them. LBC copies these values from
 * the LoadBalancerConfiguration (and TargetGroupConfiguration tags) without checking them
 * (model_build_loadbalancer.go, model_build_listener.go).
 */
import type { At, BuildContext } from './context.js';
import { PREFLIGHT_CODES as C, type AwsCall, type Finding } from './preflight.js';
import type { KeyValueAttribute, ListenerSpec, LoadBalancerSpec, Tags } from './stack.js';

const RANGES: Readonly<Record<string, readonly [number, number]>> = {
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

const ENUMS: Readonly<Record<string, readonly string[]>> = {
  'routing.http.desync_mitigation_mode': ['monitor', 'defensive', 'strictest'],
  'routing.http.xff_header_processing.mode': ['append', 'preserve', 'remove'],
  'dns_record.client_routing_policy': ['any_availability_zone', 'availability_zone_affinity', 'partial_availability_zone_affinity'],
  'load_balancing.algorithm.type': ['round_robin', 'least_outstanding_requests', 'weighted_random'],
  'load_balancing.algorithm.anomaly_mitigation': ['on', 'off'],
};

const TAG_PATTERN = /^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u;

/** The LoadBalancerConfiguration the Gateway names: where LB, listener and tag values come from. */
export function lbConfigAt(ctx: BuildContext): At {
  return { object: ctx.gw.gateway, path: ctx.gw.gateway.spec.infrastructure?.parametersRef ? ['spec', 'infrastructure', 'parametersRef'] : [] };
}

/** AWS's message for a bad attribute value, or undefined when AWS takes it. */
export function attributeError(key: string, value: string): string | undefined {
  if (key.endsWith('.enabled') && key !== 'load_balancing.cross_zone.enabled' && value !== 'true' && value !== 'false') {
    return `Attribute '${key}' must be 'true' or 'false', not '${value}'`;
  }
  const range = RANGES[key];
  if (range && (!/^\d+$/.test(value) || Number(value) < range[0] || Number(value) > range[1])) return `'${key}' value '${value}' must be between '${range[0]}-${range[1]}' inclusive`;
  const allowed = ENUMS[key];
  if (allowed && !allowed.includes(value)) return `'${key}' value '${value}' must be one of [${allowed.join(', ')}]`;
  return undefined;
}

export function checkAttributes(attrs: readonly KeyValueAttribute[], call: AwsCall, where: string, at: At, push: (f: Finding) => void): void {
  for (const a of attrs) {
    const message = attributeError(a.key, a.value);
    if (message) push({ code: C.attribute, call, awsCode: 'ValidationError', awsMessage: message, fix: `Fix ${a.key} in ${where}.`, at });
  }
}

export function checkLoadBalancer(ctx: BuildContext, spec: LoadBalancerSpec, push: (f: Finding) => void): void {
  const at = lbConfigAt(ctx);
  const name = spec.name;
  const bad = (awsMessage: string): void =>
    push({ code: C.name, call: 'CreateLoadBalancer', awsCode: 'ValidationError', awsMessage, fix: 'Change loadBalancerName in the LoadBalancerConfiguration.', at });
  // The length limit is checked with the other limits (limits.ts).
  if (!/^[A-Za-z0-9-]*$/.test(name)) bad(`Load balancer name '${name}' can only contain characters that are alphanumeric characters or hyphens(-)`);
  else if (name.startsWith('-') || name.endsWith('-')) bad(`Load balancer name '${name}' cannot begin or end with '-'`);
  else if (name.toLowerCase().startsWith('internal-')) bad(`Load balancer name '${name}' cannot begin with 'internal-'`);
  const attrs = spec.loadBalancerAttributes ?? [];
  checkAttributes(attrs, 'ModifyLoadBalancerAttributes', 'loadBalancerAttributes of the LoadBalancerConfiguration', at, push);
  const crossZone = attrs.find((a) => a.key === 'load_balancing.cross_zone.enabled');
  if (spec.type === 'application' && crossZone && crossZone.value !== 'true') {
    push({
      code: C.attribute,
      call: 'ModifyLoadBalancerAttributes',
      awsCode: 'InvalidConfigurationRequest',
      awsMessage: 'Cross-zone load balancing is always on for Application Load Balancers; remove load_balancing.cross_zone.enabled from the request',
      fix: 'Remove load_balancing.cross_zone.enabled from loadBalancerAttributes.',
      at,
    });
  }
}

export function checkListener(ctx: BuildContext, spec: ListenerSpec, push: (f: Finding) => void): void {
  const attrs = (spec.listenerAttributes ?? []).map((a) => ({ key: a.Key, value: a.Value }));
  checkAttributes(attrs, 'ModifyListenerAttributes', `listenerConfigurations (${spec.protocol}:${spec.port}) of the LoadBalancerConfiguration`, lbConfigAt(ctx), push);
}

/** AWS's message for a bad tag, or undefined. */
export function tagError(key: string, value: string): string | undefined {
  const constraint = (v: string, member: string, c: string): string => `1 validation error detected: Value '${v}' at 'tags.1.member.${member}' failed to satisfy constraint: ${c}`;
  if (key.length < 1 || key.length > 128) return constraint(key, 'key', 'Member must have length less than or equal to 128');
  if (value.length > 256) return constraint(value, 'value', 'Member must have length less than or equal to 256');
  if (!TAG_PATTERN.test(key)) return constraint(key, 'key', 'Member must satisfy regular expression pattern: ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$');
  if (!TAG_PATTERN.test(value)) return constraint(value, 'value', 'Member must satisfy regular expression pattern: ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$');
  if (key.toLowerCase().startsWith('aws:')) return `Tag key '${key}' is invalid: the 'aws:' prefix is reserved for AWS use`;
  return undefined;
}

export function checkTags(ctx: BuildContext, call: AwsCall, tags: Tags | undefined, push: (f: Finding) => void, at: At = lbConfigAt(ctx)): void {
  for (const [k, v] of Object.entries(tags ?? {})) {
    const message = tagError(k, v);
    if (message) push({ code: C.tag, call, awsCode: 'ValidationError', awsMessage: message, fix: `Fix the tag ${JSON.stringify(k)}: keys of 1–128 and values of up to 256 letters, digits, spaces and _.:/=+-@, no aws: prefix.`, at });
  }
}
