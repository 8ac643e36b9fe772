/**
 * Pre-flight for the load balancer (name, attributes), listener attributes and user tags, as
 * src/emulator/elbv2/validation.ts and attributes.ts validate them. LBC copies these values from
 * the LoadBalancerConfiguration (and TargetGroupConfiguration tags) without checking them
 * (model_build_loadbalancer.go, model_build_listener.go).
 */
import type { At, BuildContext } from './context.js';
import { PREFLIGHT_CODES as C, type AwsCall, type Finding } from './preflight.js';
import type { LoadBalancerConfigurationSpec } from '../source/lbc-crds.js';
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

/** The Gateway's reference to its LoadBalancerConfiguration: where a value is when no config field holds it. */
export function lbConfigAt(ctx: BuildContext): At {
  return { object: ctx.gw.gateway, path: ctx.gw.gateway.spec.infrastructure?.parametersRef ? ['spec', 'infrastructure', 'parametersRef'] : [] };
}

/** The LoadBalancerConfiguration field `field` finds (the merge's winner first), else the Gateway's parametersRef. */
export function lbcFieldAt(ctx: BuildContext, field: (spec: LoadBalancerConfigurationSpec) => readonly (string | number)[] | undefined): At {
  for (const cfg of ctx.gw.loadBalancerConfigSources ?? []) {
    const path = field(cfg.spec);
    if (path) return { object: cfg, path: ['spec', ...path] };
  }
  return lbConfigAt(ctx);
}

function attributeAt(ctx: BuildContext, key: string): At {
  return lbcFieldAt(ctx, (spec) => {
    const i = spec.loadBalancerAttributes?.findIndex((a) => a.key === key) ?? -1;
    return i >= 0 ? ['loadBalancerAttributes', i, 'value'] : undefined;
  });
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

export function checkAttributes(attrs: readonly KeyValueAttribute[], call: AwsCall, where: string, at: (key: string) => At, push: (f: Finding) => void): void {
  for (const a of attrs) {
    const message = attributeError(a.key, a.value);
    if (message) push({ code: C.attribute, call, awsCode: 'ValidationError', awsMessage: message, fix: `Fix ${a.key} in ${where}.`, at: at(a.key) });
  }
}

export function checkLoadBalancer(ctx: BuildContext, spec: LoadBalancerSpec, push: (f: Finding) => void): void {
  const name = spec.name;
  const nameAt = lbcFieldAt(ctx, (s) => (s.loadBalancerName === name ? ['loadBalancerName'] : undefined));
  const bad = (awsMessage: string): void =>
    push({ code: C.name, call: 'CreateLoadBalancer', awsCode: 'ValidationError', awsMessage, fix: 'Change loadBalancerName in the LoadBalancerConfiguration.', at: nameAt });
  // The length limit is checked with the other limits (limits.ts).
  if (!/^[A-Za-z0-9-]*$/.test(name)) bad(`Load balancer name '${name}' can only contain characters that are alphanumeric characters or hyphens(-)`);
  else if (name.startsWith('-') || name.endsWith('-')) bad(`Load balancer name '${name}' cannot begin or end with '-'`);
  else if (name.toLowerCase().startsWith('internal-')) bad(`Load balancer name '${name}' cannot begin with 'internal-'`);
  const config = (awsMessage: string, fix: string, at: At): void => push({ code: C.attribute, call: 'CreateLoadBalancer', awsCode: 'InvalidConfigurationRequest', awsMessage, fix, at });
  const ipTypeAt = lbcFieldAt(ctx, (s) => (s.ipAddressType !== undefined ? ['ipAddressType'] : undefined));
  if (spec.ipAddressType === 'dualstack-without-public-ipv4' && spec.type !== 'application') {
    config(`IP address type 'dualstack-without-public-ipv4' is only supported by Application Load Balancers`, 'Use ipAddressType ipv4 or dualstack for an NLB Gateway.', ipTypeAt);
  }
  if (spec.enablePrefixForIpv6SourceNat === 'on' && spec.ipAddressType !== 'dualstack') {
    config(
      `EnablePrefixForIpv6SourceNat 'on' needs IP address type 'dualstack', not '${spec.ipAddressType ?? 'ipv4'}'`,
      'Set ipAddressType: dualstack, or drop sourceNatIPv6Prefix from loadBalancerSubnets.',
      lbcFieldAt(ctx, (s) => (s.loadBalancerSubnets ? ['loadBalancerSubnets'] : undefined)),
    );
  }
  const attrs = spec.loadBalancerAttributes ?? [];
  checkAttributes(attrs, 'ModifyLoadBalancerAttributes', 'loadBalancerAttributes of the LoadBalancerConfiguration', (k) => attributeAt(ctx, k), push);
  const crossZone = attrs.find((a) => a.key === 'load_balancing.cross_zone.enabled');
  if (spec.type === 'application' && crossZone && crossZone.value !== 'true') {
    push({
      code: C.attribute,
      call: 'ModifyLoadBalancerAttributes',
      awsCode: 'InvalidConfigurationRequest',
      awsMessage: 'Cross-zone load balancing is always on for Application Load Balancers; remove load_balancing.cross_zone.enabled from the request',
      fix: 'Remove load_balancing.cross_zone.enabled from loadBalancerAttributes.',
      at: attributeAt(ctx, 'load_balancing.cross_zone.enabled'),
    });
  }
}

export function checkListener(ctx: BuildContext, spec: ListenerSpec, push: (f: Finding) => void): void {
  const attrs = (spec.listenerAttributes ?? []).map((a) => ({ key: a.Key, value: a.Value }));
  const protocolPort = `${spec.protocol}:${spec.port}`;
  const at = (key: string): At =>
    lbcFieldAt(ctx, (s) => {
      const i = s.listenerConfigurations?.findIndex((c) => c.protocolPort === protocolPort) ?? -1;
      const j = i >= 0 ? (s.listenerConfigurations![i]!.listenerAttributes?.findIndex((a) => a.key === key) ?? -1) : -1;
      return j >= 0 ? ['listenerConfigurations', i, 'listenerAttributes', j, 'value'] : undefined;
    });
  checkAttributes(attrs, 'ModifyListenerAttributes', `listenerConfigurations (${protocolPort}) of the LoadBalancerConfiguration`, at, push);
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

/** `at`: where tag `key` was written; default: the LoadBalancerConfiguration's `tags`. */
export function checkTags(ctx: BuildContext, call: AwsCall, tags: Tags | undefined, push: (f: Finding) => void, at?: (key: string) => At): void {
  const where = at ?? ((key: string) => lbcFieldAt(ctx, (s) => (s.tags && key in s.tags ? ['tags', key] : undefined)));
  for (const [k, v] of Object.entries(tags ?? {})) {
    const message = tagError(k, v);
    if (message) {
      push({ code: C.tag, call, awsCode: 'ValidationError', awsMessage: message, fix: `Fix the tag ${JSON.stringify(k)}: keys of 1–128 and values of up to 256 letters, digits, spaces and _.:/=+-@, no aws: prefix.`, at: where(k) });
    }
  }
}
