/**
 * Manifests for the target-group ports (model_build_target_group_test.go, tg_config_constructor_test.go,
 * backend_service_test.go, backend_gateway_test.go): LBC's fixture of a Gateway `my-gw-ns/my-gw`, a
 * route `my-route-ns/my-route` and a Service `my-svc-ns/my-svc`, each in its own namespace (with
 * the ReferenceGrant that allows it), so the names and hashes are LBC's own.
 */
import { it } from 'vitest';
import type { KnownDiscoveryFacts } from '../../src/model/index.js';
import type { LbcCaseOptions, LbcCaseResult, LbcStackJson } from './harness.js';
import { ALB_CLASS, knownFacts, lbcCase, specOf, subnet } from './harness.js';

export type RouteKind = 'HTTPRoute' | 'GRPCRoute' | 'TCPRoute' | 'UDPRoute' | 'TLSRoute';

export interface TgFixture {
  readonly lb?: 'alb' | 'nlb';
  /** Gateway listeners, YAML flow sequence items; default one listener for the route kind on port 80. */
  readonly listeners?: string;
  readonly routeKind?: RouteKind;
  /** Service spec (YAML flow mapping); default a NodePort Service 80 → 80, nodePort 8080. */
  readonly service?: string;
  /** Service port the route references. */
  readonly backendPort?: number;
  /** Spec of a TargetGroupConfiguration whose targetReference is the Service (YAML, indented 2). */
  readonly tgc?: string;
  /** Gateway `spec.infrastructure` (YAML flow mapping). */
  readonly infrastructure?: string;
  /** Further documents. */
  readonly extra?: string;
  readonly options?: LbcCaseOptions;
}

const VERSION: Record<RouteKind, string> = { HTTPRoute: 'v1', GRPCRoute: 'v1', TCPRoute: 'v1alpha2', UDPRoute: 'v1alpha2', TLSRoute: 'v1alpha2' };
const LISTENER: Record<RouteKind, string> = { HTTPRoute: 'HTTP', GRPCRoute: 'HTTPS', TCPRoute: 'TCP', UDPRoute: 'UDP', TLSRoute: 'TLS' };

/** A certificate for `*.example.com`, for HTTPS / TLS listeners with hostname `app.example.com`. */
export const CERT_FACTS: KnownDiscoveryFacts = knownFacts({ certificates: [{ arn: 'arn:aws:acm:us-east-1:1:certificate/c', domains: ['*.example.com'], status: 'ISSUED' }] });

/** Subnets with IPv6 CIDRs, for dual-stack LBs. */
export const DUALSTACK_FACTS: KnownDiscoveryFacts = knownFacts({
  vpc: { id: 'vpc-1', ipv4Cidrs: ['10.0.0.0/16'], ipv6Cidrs: ['2600::/56'] },
  subnets: [subnet('subnet-a', 'us-east-1a', '10.0.1.0/24', { ipv6Cidrs: ['2600:0:0:1::/64'] }), subnet('subnet-b', 'us-east-1b', '10.0.2.0/24', { ipv6Cidrs: ['2600:0:0:2::/64'] })],
});

export function listener(protocol: string, port = 80, extra = ''): string {
  const tls = protocol === 'HTTPS' ? ', hostname: app.example.com' : protocol === 'TLS' ? ', hostname: app.example.com, tls: {mode: Terminate, options: {example.com/unused: x}}' : '';
  return `{name: l${protocol.toLowerCase()}${port}, port: ${port}, protocol: ${protocol}${tls}, allowedRoutes: {namespaces: {from: All}${extra}}}`;
}

export function tgManifests(f: TgFixture = {}): string {
  const kind = f.routeKind ?? (f.lb === 'nlb' ? 'TCPRoute' : 'HTTPRoute');
  const lb = f.lb ?? (kind === 'HTTPRoute' || kind === 'GRPCRoute' ? 'alb' : 'nlb');
  const listeners = f.listeners ?? listener(LISTENER[kind]);
  const tgc = f.tgc
    ? `
---
apiVersion: gateway.k8s.aws/v1beta1
kind: TargetGroupConfiguration
metadata: {name: my-tgc, namespace: my-svc-ns}
spec:
  targetReference: {kind: Service, name: my-svc}
${f.tgc}`
    : '';
  return `${ALB_CLASS}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: my-gw, namespace: my-gw-ns}
spec:
  gatewayClassName: ${lb}
  listeners: [${listeners}]${f.infrastructure ? `\n  infrastructure: ${f.infrastructure}` : ''}
---
apiVersion: gateway.networking.k8s.io/${VERSION[kind]}
kind: ${kind}
metadata: {name: my-route, namespace: my-route-ns}
spec:
  parentRefs: [{name: my-gw, namespace: my-gw-ns}]
  rules: [{backendRefs: [{name: my-svc, namespace: my-svc-ns, port: ${f.backendPort ?? 80}}]}]
---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: {name: routes, namespace: my-svc-ns}
spec:
  from: [{group: gateway.networking.k8s.io, kind: ${kind}, namespace: my-route-ns}]
  to: [{group: '', kind: Service}]
---
apiVersion: v1
kind: Service
metadata: {name: my-svc, namespace: my-svc-ns}
spec: ${f.service ?? '{type: NodePort, ports: [{port: 80, targetPort: 80, nodePort: 8080}]}'}${tgc}${f.extra ?? ''}
`;
}

/** The manifests through gwlb, with LBC's test cluster name `my-cluster`. */
export function tgCase(f: TgFixture = {}): LbcCaseResult {
  const o = f.options ?? {};
  return lbcCase(tgManifests(f), { ...o, settings: { clusterName: 'my-cluster', ...(o.settings ?? {}) } });
}

/** The one TG (or TGB) of the stack. */
export function onlyOf(json: LbcStackJson, type: 'TargetGroup' | 'TargetGroupBinding'): Record<string, unknown> {
  const full = type === 'TargetGroup' ? 'AWS::ElasticLoadBalancingV2::TargetGroup' : 'K8S::ElasticLoadBalancingV2::TargetGroupBinding';
  const ids = Object.keys(json.resources[full] ?? {});
  if (ids.length !== 1) throw new Error(`expected one ${type}, have ${ids.join(', ') || 'none'}`);
  return specOf(json, type, ids[0]!);
}

export function tgSpec(r: LbcCaseResult): Record<string, unknown> {
  return onlyOf(r.stackJson('my-gw-ns/my-gw'), 'TargetGroup');
}

export function tgbSpec(r: LbcCaseResult): Record<string, unknown> {
  return onlyOf(r.stackJson('my-gw-ns/my-gw'), 'TargetGroupBinding');
}

/** One `it` per table row, titled `<test>/<row name>` (it.each would quote the name). */
export function cases<T extends { readonly name: string }>(test: string, rows: readonly T[], fn: (row: T) => void): void {
  for (const row of rows) it(`${test}/${row.name}`, () => fn(row));
}

export const ALB_ARN = 'arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/app/test-alb/1234567890123456';

/**
 * LBC's Gateway-backend fixture: an NLB Gateway `test-ns/test-gw` whose TCPRoute `test-ns/test-route`
 * forwards to the ALB Gateway `backend-ns/backend-gw` (Programmed with `arn`) on `port`.
 */
export function gatewayBackendManifests(o: { listeners?: string; port?: number; arn?: string; tgcProps?: string } = {}): string {
  const tgc = o.tgcProps
    ? `
---
apiVersion: gateway.k8s.aws/v1beta1
kind: TargetGroupConfiguration
metadata: {name: backend-tgc, namespace: backend-ns}
spec:
  targetReference: {group: gateway.networking.k8s.io, kind: Gateway, name: backend-gw}
  defaultConfiguration: ${o.tgcProps}`
    : '';
  return `${ALB_CLASS}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: backend-gw, namespace: backend-ns}
spec:
  gatewayClassName: alb
  listeners: [{name: http, port: 8080, protocol: HTTP}]
status:
  conditions: [{type: Programmed, status: 'True', reason: Programmed, message: '${o.arn ?? ALB_ARN}', lastTransitionTime: '2026-01-01T00:00:00Z'}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: test-gw, namespace: test-ns}
spec:
  gatewayClassName: nlb
  listeners: [${o.listeners ?? listener('TCP')}]
---
apiVersion: gateway.networking.k8s.io/v1alpha2
kind: TCPRoute
metadata: {name: test-route, namespace: test-ns}
spec:
  parentRefs: [{name: test-gw}]
  rules: [{backendRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: backend-gw, namespace: backend-ns, port: ${o.port ?? 8080}}]}]
---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: {name: routes, namespace: backend-ns}
spec:
  from: [{group: gateway.networking.k8s.io, kind: TCPRoute, namespace: test-ns}]
  to: [{group: gateway.networking.k8s.io, kind: Gateway}]${tgc}
`;
}
