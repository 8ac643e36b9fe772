/**
 * Fixtures for the ports of LBC's subnet and load-balancer tests (model_build_subnet_test.go,
 * subnet/*_mutator_test.go, model_build_loadbalancer_test.go, utilities_test.go): a Gateway of
 * either class whose LoadBalancerConfiguration carries the case's spec, and subnets named like
 * the Go cases' (`foo`, `bar`, `foo1`…) through their `Name` tags.
 */
import type { KnownDiscoveryFacts, SubnetFacts } from '../../src/model/index.js';
import { ALB_CLASS, knownFacts, lbcCase, specOf, subnet } from './harness.js';
import type { LbcCaseOptions, LbcCaseResult } from './harness.js';

export type LbKind = 'alb' | 'nlb';

/** One Gateway `ns/gw` (uid fixed) of class `alb` (HTTP:80) or `nlb` (TCP:80) with this LoadBalancerConfiguration spec. */
export function gatewayYaml(kind: LbKind, lbConfigSpec: Record<string, unknown>, meta: { namespace?: string; name?: string } = {}): string {
  const ns = meta.namespace ?? 'ns';
  const name = meta.name ?? 'gw';
  const listener = kind === 'alb' ? '{name: http, port: 80, protocol: HTTP}' : '{name: tcp, port: 80, protocol: TCP}';
  return `${ALB_CLASS}
---
apiVersion: gateway.k8s.aws/v1beta1
kind: LoadBalancerConfiguration
metadata: {name: cfg, namespace: ${ns}}
spec: ${JSON.stringify(lbConfigSpec)}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: ${name}, namespace: ${ns}, uid: 123e4567-e89b-12d3-a456-426614174000}
spec:
  gatewayClassName: ${kind}
  infrastructure: {parametersRef: {group: gateway.k8s.aws, kind: LoadBalancerConfiguration, name: cfg}}
  listeners: [${listener}]
`;
}

export interface LbOutcome {
  readonly result: LbcCaseResult;
  /** Model errors without the `GWLBnnn Gateway ns/gw: ` prefix. */
  readonly errors: readonly string[];
  /** The LoadBalancer spec, or undefined when the build failed. */
  readonly lb: Record<string, unknown> | undefined;
}

export function buildLb(kind: LbKind, lbConfigSpec: Record<string, unknown>, options: LbcCaseOptions = {}, meta: { namespace?: string; name?: string } = {}): LbOutcome {
  const result = lbcCase(gatewayYaml(kind, lbConfigSpec, meta), options);
  const errors = result.errors.map((e) => e.replace(/^GWLB\d+ Gateway [^:]+: /, ''));
  return { result, errors, lb: result.built.length > 0 ? specOf(result.stackJson(), 'LoadBalancer', 'LoadBalancer') : undefined };
}

/** A subnet known by its `Name` tag, tagged for both LB roles, with one IPv6 /64. */
export function named(name: string, id: string, az: string, ipv4Cidr: string, ipv6Cidr: string, tags: Record<string, string> = { 'kubernetes.io/role/elb': '1', 'kubernetes.io/role/internal-elb': '1' }): SubnetFacts {
  return subnet(id, az, ipv4Cidr, { ipv6Cidrs: [ipv6Cidr], tags: { Name: name, ...tags } });
}

/** The mutator tests' three subnets `foo1`…`foo3` (IDs in the same order), one per AZ. */
export const FOO_SUBNETS: readonly SubnetFacts[] = [1, 2, 3].map((i) => named(`foo${i}`, `subnet-0${i}`, `us-east-1${'abc'[i - 1]}`, `10.0.${i}.0/24`, `2600:1f13:837:850${i}::/64`));

export function factsWith(subnets: readonly SubnetFacts[], extra: Partial<KnownDiscoveryFacts> = {}): KnownDiscoveryFacts {
  return knownFacts({ vpc: { id: 'vpc-1', ipv4Cidrs: ['10.0.0.0/16'], ipv6Cidrs: ['2600:1f13:837:8500::/56'] }, subnets: [...subnets], ...extra });
}

/** `loadBalancerSubnets` entries `{identifier: foo1…foo3, ...field}`, one per FOO subnet. */
export function fooConfigs(field?: string, values?: readonly string[]): Record<string, string>[] {
  return [1, 2, 3].map((i) => ({ identifier: `foo${i}`, ...(field && values ? { [field]: values[i - 1]! } : {}) }));
}

/** The field of each subnet mapping (undefined where unset), for `expectedXxx: []*string` assertions. */
export function mappingField(lb: Record<string, unknown> | undefined, field: string): (string | undefined)[] {
  return ((lb?.['subnetMapping'] ?? []) as Record<string, string>[]).map((m) => m[field]);
}
