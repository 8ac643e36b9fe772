/**
 * Ports of LBC v3.5.0 pkg/backend/endpoint_resolver_test.go (and the small helpers it relies on:
 * endpoint_utils_test.go, pkg/k8s/node_utils_test.go): which targets the TargetGroupBinding
 * controller registers, written as a Gateway + HTTPRoute + Service with Nodes / EndpointSlices,
 * asserted on the stack's target registration (model/targets.ts).
 */
import { describe, expect, it } from 'vitest';
import type { TargetRegistration } from '../../src/model/stack.js';
import { defaultClusterSettings } from '../../src/model/settings.js';
import { ALB_CLASS, CLUSTER, knownFacts, lbcCase, skipCase } from './harness.js';

const GATEWAY = `${ALB_CLASS}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: test-ns, uid: 11111111-2222-3333-4444-555555555555}
spec:
  gatewayClassName: alb
  listeners: [{name: http, port: 80, protocol: HTTP}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: test-ns}
spec:
  parentRefs: [{name: gw}]
  rules: [{backendRefs: [{name: svc-1, port: 80}]}]
`;

function node(n: number, labelA: string, ready: 'True' | 'False' | 'Unknown', extra = ''): string {
  return `apiVersion: v1
kind: Node
metadata: {name: node-${n}, labels: {labelA: ${labelA}}}
spec: {providerID: "aws:///us-west-2b/i-abcdefg${n}"${extra}}
status: {conditions: [{type: Ready, status: "${ready}"}]}
`;
}

// endpoint_resolver_test.go Test_defaultEndpointResolver_ResolveNodePortEndpoints fixtures.
const NODES = [node(1, 'valueA', 'True'), node(2, 'valueB', 'True'), node(3, 'valueA', 'Unknown'), node(4, 'valueB', 'Unknown'), node(5, 'valueA', 'False')];
const SVC1 = `apiVersion: v1
kind: Service
metadata: {name: svc-1, namespace: test-ns}
spec:
  type: NodePort
  ports: [{name: http, port: 80, targetPort: 8080, nodePort: 18080}, {name: https, port: 443, targetPort: 8443, nodePort: 18443}]
`;

function registration(yaml: string, failOpen = true): TargetRegistration {
  const r = lbcCase(yaml, { settings: { featureGates: { ...defaultGates(), EndpointsFailOpen: failOpen } } });
  expect(r.errors).toEqual([]);
  const regs = r.stacks[0]!.extras.targets;
  expect(regs).toHaveLength(1);
  return regs[0]!;
}

const defaultGates = () => defaultClusterSettings(CLUSTER).featureGates;

const managed = (reg: TargetRegistration) => (reg.kind === 'managed' ? reg.targets.map((t) => `${String(t.id)}:${t.port}${t.availabilityZone ? ` ${t.availabilityZone}` : ''}`) : reg);

describe('endpoint_resolver_test.go Test_defaultEndpointResolver_ResolveNodePortEndpoints', () => {
  const T = 'endpoint_resolver_test.go Test_defaultEndpointResolver_ResolveNodePortEndpoints';
  it.each([
    ['[with failOpen] choose every ready node only when there are ready nodes', NODES, true, ['i-abcdefg1:18080', 'i-abcdefg2:18080']],
    ['[without failOpen] choose every ready node only when there are ready nodes', NODES, false, ['i-abcdefg1:18080', 'i-abcdefg2:18080']],
    ['[with failOpen] choose every unknown node when there are no ready nodes', NODES.slice(2), true, ['i-abcdefg3:18080', 'i-abcdefg4:18080']],
    ["[without failOpen] don't choose unknown node when there are no ready nodes", NODES.slice(2), false, []],
  ])(`${T}/%s`, (_name, nodes, failOpen, want) => {
    expect(managed(registration([GATEWAY, SVC1, ...nodes].join('---\n'), failOpen))).toEqual(want);
  });

  it(`${T}/choose every ready node - matches labelSelector`, () => {
    const tgc = `apiVersion: gateway.k8s.aws/v1
kind: TargetGroupConfiguration
metadata: {name: svc-1, namespace: test-ns}
spec:
  targetReference: {name: svc-1}
  defaultConfiguration: {nodeSelector: {matchLabels: {labelA: valueA}}}
`;
    expect(managed(registration([GATEWAY, SVC1, tgc, ...NODES].join('---\n')))).toEqual(['i-abcdefg1:18080']);
  });

  it(`${T}/clusterIP service is not supported`, () => {
    const svc2 = SVC1.replace('type: NodePort', 'type: ClusterIP');
    const r = lbcCase([GATEWAY, svc2, ...NODES].join('---\n'));
    // The Gateway model already refuses instance targets on a ClusterIP Service, or the resolver does.
    const reg = r.stacks[0]?.extras.targets[0];
    if (reg) expect(reg).toMatchObject({ kind: 'unmanaged', reason: expect.stringContaining("service type must be either 'NodePort' or 'LoadBalancer': test-ns/svc-1") });
    else expect(r.errors.length + r.diagnostics.length).toBeGreaterThan(0);
  });

  skipCase(`${T}/no node will be chosen by default`, "the resolver's own default (no selector option → labels.Nothing); a TargetGroupBinding always passes GetTrafficProxyNodeSelector");
  skipCase(`${T}/service not found`, 'a missing Service stops at route resolution (BackendNotFound); no target group is built');
  skipCase(`${T}/service port not found`, 'a missing Service port stops at route resolution; no target group is built');
});

describe('endpoint_utils_test.go', () => {
  it.each([
    ['node without taints', '', ['i-abcdefg1:18080']],
    ['node with ToBeDeletedByClusterAutoscaler taint', ', taints: [{key: ToBeDeletedByClusterAutoscaler, value: "1", effect: NoSchedule}]', []],
    ['node with karpenter.sh/disrupted:NoSchedule taint', ', taints: [{key: karpenter.sh/disrupted, effect: NoSchedule}]', []],
    ['node with karpenter.sh/disrupted:NoExecute taint', ', taints: [{key: karpenter.sh/disrupted, effect: NoExecute}]', ['i-abcdefg1:18080']],
  ])('endpoint_utils_test.go TestIsNodeSuitableAsTrafficProxy/%s', (_name, taints, want) => {
    expect(managed(registration([GATEWAY, SVC1, node(1, 'valueA', 'True', taints)].join('---\n'), false))).toEqual(want);
  });

  it.each([
    ['node-role.kubernetes.io/master', '""'],
    ['node.kubernetes.io/exclude-from-external-load-balancers', '""'],
    ['alpha.service-controller.kubernetes.io/exclude-balancer', '""'],
    ['eks.amazonaws.com/compute-type', 'fargate'],
  ])('endpoint_utils_test.go TestGetTrafficProxyNodeSelector/default selector excludes %s', (label, value) => {
    const excluded = node(2, 'valueA', 'True').replace('labels: {labelA: valueA}', `labels: {labelA: valueA, ${label}: ${value}}`);
    expect(managed(registration([GATEWAY, SVC1, node(1, 'valueA', 'True'), excluded].join('---\n')))).toEqual(['i-abcdefg1:18080']);
  });
});

describe('node_utils_test.go TestExtractNodeInstanceID', () => {
  const withProvider = (id: string) => node(1, 'valueA', 'True').replace('providerID: "aws:///us-west-2b/i-abcdefg1"', `providerID: "${id}"`);
  it.each([
    ['node without providerID', '', 'providerID is not specified for node: node-1'],
    ['node with invalid providerID', 'aws:///us-west-2b/xyz', 'providerID aws:///us-west-2b/xyz is invalid for EC2 instances, node: node-1'],
    ['hybrid node with invalid providerID', 'eks-hybrid:///us-west-2/my-cluster/xyz', 'providerID eks-hybrid:///us-west-2/my-cluster/xyz is invalid for EKS hybrid instances, node: node-1'],
  ])('node_utils_test.go TestExtractNodeInstanceID/%s', (_name, providerID, error) => {
    const yaml = [GATEWAY, SVC1, withProvider(providerID)].join('---\n');
    expect(registration(yaml)).toMatchObject({ kind: 'unmanaged', reason: `LBC fails with "${error}"` });
  });
  it.each([
    ['node with valid providerID', 'aws:///us-west-2b/i-abcdefg1', 'i-abcdefg1:18080'],
    ['hybrid node with valid providerID', 'eks-hybrid:///us-west-2/my-cluster/mi-0123456789', 'hybrid-mi-0123456789:18080'],
  ])('node_utils_test.go TestExtractNodeInstanceID/%s', (_name, providerID, want) => {
    expect(managed(registration([GATEWAY, SVC1, withProvider(providerID)].join('---\n')))).toEqual([want]);
  });
});

// ip targets: EndpointSlices of the Service.
const IP_TGC = `apiVersion: gateway.k8s.aws/v1
kind: TargetGroupConfiguration
metadata: {name: svc-1, namespace: test-ns}
spec:
  targetReference: {name: svc-1}
  defaultConfiguration: {targetType: ip}
`;

function endpointSlice(name: string, addressType: string, ports: string, endpoints: string): string {
  return `apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: ${name}, namespace: test-ns, labels: {kubernetes.io/service-name: svc-1}}
addressType: ${addressType}
ports: ${ports}
endpoints: ${endpoints}
`;
}

describe('endpoint_resolver_test.go ip targets (resolvePodEndpointsWithEndpointsData, buildEndpointsDataFromEndpointSliceList)', () => {
  const T = 'endpoint_resolver_test.go';
  const ep = (ip: string, extra = 'targetRef: {kind: Pod, name: p}') => `{addresses: ["${ip}"], conditions: {ready: true}, ${extra}}`;

  it(`${T} Test_buildEndpointsDataFromEndpointSliceList/ipv4 target group filters out IPv6 slices`, () => {
    const yaml = [GATEWAY, SVC1, IP_TGC, endpointSlice('a', 'IPv4', '[{name: http, port: 8080}]', `[${ep('10.0.1.1')}]`), endpointSlice('b', 'IPv6', '[{name: http, port: 8080}]', `[${ep('2001:db8::1')}]`)].join('---\n');
    expect(managed(registration(yaml))).toEqual(['10.0.1.1:8080']);
  });

  it(`${T} resolvePodEndpointsWithEndpointsData: the port named like the Service port; only pod-backed endpoints; only their first address`, () => {
    const ports = '[{name: http, port: 8080}, {name: https, port: 8443}]';
    const eps = `[${ep('10.0.1.1')}, {addresses: ["10.0.1.2", "10.0.1.3"], conditions: {ready: true}, targetRef: {kind: Pod, name: q}}, {addresses: ["10.0.1.9"], conditions: {ready: true}}, ${ep('10.0.1.8', 'targetRef: {kind: Node, name: n}')}]`;
    expect(managed(registration([GATEWAY, SVC1, IP_TGC, endpointSlice('a', 'IPv4', ports, eps)].join('---\n')))).toEqual(['10.0.1.1:8080', '10.0.1.2:8080']);
  });

  it(`${T} resolvePodEndpointsWithEndpointsData: an unnamed Service port takes every endpoint port`, () => {
    const svc = SVC1.replace('ports: [{name: http, port: 80, targetPort: 8080, nodePort: 18080}, {name: https, port: 443, targetPort: 8443, nodePort: 18443}]', 'ports: [{port: 80, targetPort: 8080, nodePort: 18080}]');
    const yaml = [GATEWAY, svc, IP_TGC, endpointSlice('a', 'IPv4', '[{name: http, port: 8080}, {name: metrics, port: 9090}]', `[${ep('10.0.1.1')}]`)].join('---\n');
    expect(managed(registration(yaml))).toEqual(['10.0.1.1:8080', '10.0.1.1:9090']);
  });

  it(`${T} resolvePodEndpointsWithEndpointsData: ready unset counts as ready; ready false is left out (gwlb reads no Pods)`, () => {
    const eps = `[{addresses: ["10.0.1.1"], targetRef: {kind: Pod, name: a}}, {addresses: ["10.0.1.2"], conditions: {ready: false}, targetRef: {kind: Pod, name: b}}]`;
    expect(managed(registration([GATEWAY, SVC1, IP_TGC, endpointSlice('a', 'IPv4', '[{name: http, port: 8080}]', eps)].join('---\n')))).toEqual(['10.0.1.1:8080']);
  });

  it('resource_manager_test.go Test_defaultResourceManager_prepareRegistrationCall: an IP outside the VPC CIDRs gets AZ all', () => {
    const yaml = [GATEWAY, SVC1, IP_TGC, endpointSlice('a', 'IPv4', '[{name: http, port: 8080}]', `[${ep('10.0.1.1')}, ${ep('100.64.0.7')}]`)].join('---\n');
    const r = lbcCase(yaml, { facts: knownFacts() });
    expect(managed(r.stacks[0]!.extras.targets[0]!)).toEqual(['10.0.1.1:8080', '100.64.0.7:8080 all']);
  });

  for (const c of [
    '[with endpoints][with failOpen] choose every ready pod only when there are ready pods',
    '[with endpoints][with failOpen] choose every ready pod only when there are ready pods - ignore pods don\'t exists',
    'endpoints not found',
  ]) {
    skipCase(`${T} Test_defaultEndpointResolver_ResolvePodEndpoints/${c}`, 'core/v1 Endpoints (the --enable-endpoint-slices=false path); gwlb reads EndpointSlices only');
  }
  for (const c of [
    '[with endpointSlices][with failOpen] choose every ready pod only when there are ready pods',
    '[with endpointSlices][without failOpen] choose every ready pod only when there are ready pods',
    '[with endpointSlices][with failOpen] choose every unknown pod when there are no ready pods',
    "[with endpointSlices][without failOpen] don't choose unknown pod when there are no ready pods",
  ]) {
    skipCase(`${T} Test_defaultEndpointResolver_ResolvePodEndpoints/${c}`, 'not-ready endpoints are decided by the Pod (containersReady, the pod cache); gwlb reads no Pods and registers ready endpoints only');
  }
  skipCase(`${T} Test_defaultEndpointResolver_ResolvePodEndpoints/service not found`, 'a missing Service stops at route resolution; no target group is built');
  skipCase(`${T} Test_defaultEndpointResolver_ResolvePodEndpoints/service port not found`, 'a missing Service port stops at route resolution; no target group is built');
});
