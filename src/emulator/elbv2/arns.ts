/**
 * ELBv2 ARNs: building them in AWS's format (aws-api-facts.md §1.8) and resolving request ARNs
 * to records with the real errors: malformed → ValidationError, well-formed but unknown → the
 * resource's NotFound code.
 */
import { AwsError, validationError } from '../errors.js';
import { ELB_ARN_PREFIX, hex } from '../ids.js';
import type { EmulatorState } from '../state.js';
import type { ListenerRecord, LoadBalancerRecord, LoadBalancerType, RuleRecord, TargetGroupRecord } from './records.js';

export type ElbResourceKind = 'loadbalancer' | 'targetgroup' | 'listener' | 'listener-rule' | 'truststore';

const KIND_NOUN: Record<ElbResourceKind, string> = {
  loadbalancer: 'load balancer',
  targetgroup: 'target group',
  listener: 'listener',
  'listener-rule': 'listener rule',
  truststore: 'trust store',
};

export function typeSegment(type: LoadBalancerType): 'app' | 'net' | 'gwy' {
  switch (type) {
    case 'application':
      return 'app';
    case 'network':
      return 'net';
    case 'gateway':
      return 'gwy';
  }
}

export function newLoadBalancerArn(type: LoadBalancerType, name: string): string {
  return `${ELB_ARN_PREFIX}loadbalancer/${typeSegment(type)}/${name}/${hex(16)}`;
}

export function newTargetGroupArn(name: string): string {
  return `${ELB_ARN_PREFIX}targetgroup/${name}/${hex(16)}`;
}

/** `listener/app/<lbname>/<lbid>/<id>`: the LB's path plus a listener id. */
export function newListenerArn(lb: LoadBalancerRecord): string {
  return `${ELB_ARN_PREFIX}listener/${lb.arn.slice(ELB_ARN_PREFIX.length + 'loadbalancer/'.length)}/${hex(16)}`;
}

export function newRuleArn(listenerArn: string): string {
  return `${ELB_ARN_PREFIX}listener-rule/${listenerArn.slice(ELB_ARN_PREFIX.length + 'listener/'.length)}/${hex(16)}`;
}

/** The resource kind named by an ARN, or a ValidationError if it is not an ELBv2 ARN at all. */
export function arnKind(arn: string): ElbResourceKind {
  if (!arn.startsWith('arn:')) throw validationError(`'${arn}' must be in ARN format`);
  const m = /^arn:aws[\w-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:(loadbalancer|targetgroup|listener|listener-rule|truststore)\//.exec(arn);
  if (!m) throw validationError(`'${arn}' is not a valid Elastic Load Balancing resource ARN`);
  return m[1] as ElbResourceKind;
}

/** ValidationError unless `arn` is a well-formed ARN of `kind`. */
export function expectKind(arn: string, kind: ElbResourceKind): void {
  let actual: ElbResourceKind;
  try {
    actual = arnKind(arn);
  } catch (err) {
    if (!arn.startsWith('arn:')) throw err;
    throw validationError(`'${arn}' is not a valid ${KIND_NOUN[kind]} ARN`);
  }
  if (actual !== kind) throw validationError(`'${arn}' is not a valid ${KIND_NOUN[kind]} ARN`);
}

export function findLoadBalancer(state: EmulatorState, arn: string): LoadBalancerRecord | undefined {
  expectKind(arn, 'loadbalancer');
  return state.elbv2.loadBalancers[arn];
}

export function requireLoadBalancer(state: EmulatorState, arn: string): LoadBalancerRecord {
  const lb = findLoadBalancer(state, arn);
  if (!lb) throw new AwsError('LoadBalancerNotFound', `Load balancer '${arn}' not found`);
  return lb;
}

export function requireTargetGroup(state: EmulatorState, arn: string): TargetGroupRecord {
  expectKind(arn, 'targetgroup');
  const tg = state.elbv2.targetGroups[arn];
  if (!tg) throw new AwsError('TargetGroupNotFound', `Target group '${arn}' not found`);
  return tg;
}

export function requireListener(state: EmulatorState, arn: string): ListenerRecord {
  expectKind(arn, 'listener');
  const listener = state.elbv2.listeners[arn];
  if (!listener) throw new AwsError('ListenerNotFound', `Listener '${arn}' not found`);
  return listener;
}

export function requireRule(state: EmulatorState, arn: string): RuleRecord {
  expectKind(arn, 'listener-rule');
  const rule = state.elbv2.rules[arn];
  if (!rule) throw new AwsError('RuleNotFound', `Rule '${arn}' not found`);
  return rule;
}

/** Any taggable resource; unknown ones fail with the NotFound code of their kind (§1.8 DescribeTags). */
export function requireTaggable(state: EmulatorState, arn: string): void {
  const kind = arnKind(arn);
  switch (kind) {
    case 'loadbalancer':
      requireLoadBalancer(state, arn);
      return;
    case 'targetgroup':
      requireTargetGroup(state, arn);
      return;
    case 'listener':
      requireListener(state, arn);
      return;
    case 'listener-rule':
      requireRule(state, arn);
      return;
    case 'truststore':
      // Trust stores are not emulated, so every trust store ARN is unknown (§2.3 Other operations).
      throw new AwsError('TrustStoreNotFound', `Trust store '${arn}' not found`);
  }
}
