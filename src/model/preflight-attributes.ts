/**
 * Pre-flight for the load balancer (name, attributes), listener attributes and user tags, by the
 * rules in src/aws-rules/ that the emulator (src/emulator/elbv2/validation.ts, attributes.ts) enforces. LBC copies these values from
 * the LoadBalancerConfiguration (and TargetGroupConfiguration tags) without checking them
 * (model_build_loadbalancer.go, model_build_listener.go).
 */
import { ALB_CROSS_ZONE_MESSAGE, attributeValueError } from '../aws-rules/attributes.js';
import { ipAddressTypeError, sourceNatError } from '../aws-rules/load-balancers.js';
import { loadBalancerNameError, tagError } from '../aws-rules/names-and-tags.js';
import type { At, BuildContext } from './context.js';
import { PREFLIGHT_CODES as C, type AwsCall, type Finding } from './preflight.js';
import type { LoadBalancerConfigurationSpec } from '../source/lbc-crds.js';
import type { KeyValueAttribute, ListenerSpec, LoadBalancerSpec, Tags } from './stack.js';

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

export function checkAttributes(attrs: readonly KeyValueAttribute[], call: AwsCall, where: string, at: (key: string) => At, push: (f: Finding) => void): void {
  for (const a of attrs) {
    const message = attributeValueError(a.key, a.value);
    if (message) push({ code: C.attribute, call, awsCode: 'ValidationError', awsMessage: message, fix: `Fix ${a.key} in ${where}.`, at: at(a.key) });
  }
}

export function checkLoadBalancer(ctx: BuildContext, spec: LoadBalancerSpec, push: (f: Finding) => void): void {
  const name = spec.name;
  const nameAt = lbcFieldAt(ctx, (s) => (s.loadBalancerName === name ? ['loadBalancerName'] : undefined));
  const bad = (awsMessage: string): void =>
    push({ code: C.name, call: 'CreateLoadBalancer', awsCode: 'ValidationError', awsMessage, fix: 'Change loadBalancerName in the LoadBalancerConfiguration.', at: nameAt });
  // The length limit is checked with the other limits (limits.ts).
  const nameProblem = loadBalancerNameError(name);
  if (nameProblem) bad(nameProblem);
  const config = (awsMessage: string, fix: string, at: At): void => push({ code: C.attribute, call: 'CreateLoadBalancer', awsCode: 'InvalidConfigurationRequest', awsMessage, fix, at });
  const ipTypeAt = lbcFieldAt(ctx, (s) => (s.ipAddressType !== undefined ? ['ipAddressType'] : undefined));
  const typeProblem = ipAddressTypeError(spec.type, spec.ipAddressType);
  if (typeProblem) config(typeProblem, 'Use ipAddressType ipv4 or dualstack for an NLB Gateway.', ipTypeAt);
  const natProblem = sourceNatError(spec.enablePrefixForIpv6SourceNat, spec.ipAddressType ?? 'ipv4');
  if (natProblem) {
    config(
      natProblem,
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
      awsMessage: ALB_CROSS_ZONE_MESSAGE,
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

/** `at`: where tag `key` was written; default: the LoadBalancerConfiguration's `tags`. */
export function checkTags(ctx: BuildContext, call: AwsCall, tags: Tags | undefined, push: (f: Finding) => void, at?: (key: string) => At): void {
  if (!tags) return;
  for (const k of Object.keys(tags)) {
    // Where the tag lands in LBC's request is not known here; the message names member 1.
    const message = tagError(k, tags[k]!, (member) => `tags.1.member.${member.toLowerCase()}`);
    if (message) {
      const where = at ? at(k) : lbcFieldAt(ctx, (s) => (s.tags && k in s.tags ? ['tags', k] : undefined));
      push({ code: C.tag, call, awsCode: 'ValidationError', awsMessage: message, fix: `Fix the tag ${JSON.stringify(k)}: keys of 1–128 and values of up to 256 letters, digits, spaces and _.:/=+-@, no aws: prefix.`, at: where });
    }
  }
}
