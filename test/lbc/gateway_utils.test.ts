import { describe, expect, it } from 'vitest';
import { skipCase } from './harness.js';
import { cleanCase } from './clean-input.js';

// pkg/gateway/gatewayutils/gateway_utils_test.go. Which GatewayClasses and Gateways belong to an
// LBC controller is observable as what gwlb resolves: a managed Gateway gets a resolution of its
// controller's load balancer type, and a managed GatewayClass gets a status; others are skipped.
// The "impacted" functions decide which reconciles a watch event queues — gwlb resolves every
// Gateway of the snapshot on each run, so they have nothing to observe.

// The Go cases' "some.other.controller" lacks the path the GatewayClass CRD requires; "/x" adds one.
const ALB = 'gateway.k8s.aws/alb';
const NLB = 'gateway.k8s.aws/nlb';

function gatewayClass(name: string, controller: string): string {
  return `---
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: ${name}}
spec: {controllerName: ${controller}}
`;
}

function gateway(name: string, className: string, namespace = 'test-ns'): string {
  return `---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  gatewayClassName: ${className}
  listeners: [{name: l, port: 80, protocol: ${className.startsWith('nlb') ? 'TCP' : 'HTTP'}}]
`;
}

describe('gateway_utils_test.go', () => {
  it.each([
    ['gateway with valid NLB controller', 'nlb-class', NLB, 'network'],
    ['gateway with valid ALB controller', 'alb-class', ALB, 'application'],
    ['gateway with invalid controller', 'invalid-class', 'some.other.controller/x', undefined],
  ] as const)('gateway_utils_test.go Test_IsGatewayManagedByLBController/%s', (_, className, controller, lbType) => {
    const r = cleanCase(gatewayClass(className, controller) + gateway('my-gw', className));
    expect(r.resolution.gateways.map((g) => g.loadBalancerType)).toEqual(lbType ? [lbType] : []);
    if (!lbType) expect(r.diagnostics.find((d) => d.code === 'GWLB202')?.message).toMatch(/belongs to controller some\.other\.controller\/x/);
  });

  const classes = (list: readonly [string, string][]) => list.map(([n, c]) => gatewayClass(n, c)).join('');
  it.each([
    [
      'multiple gateway classes for NLB Gateway controller',
      [['nlb-class-1', NLB], ['nlb-class-2', NLB], ['alb-class', ALB], ['invalid-class', 'some.other.controller/x']] as [string, string][],
      NLB,
      ['nlb-class-1', 'nlb-class-2'],
    ],
    [
      'multiple gateway classes for ALB Gateway controller',
      [['nlb-class-1', NLB], ['alb-class-1', ALB], ['alb-class-2', ALB], ['invalid-class', 'some.other.controller/x']] as [string, string][],
      ALB,
      ['alb-class-1', 'alb-class-2'],
    ],
  ])('gateway_utils_test.go Test_GetGatewayClassesManagedByLBController/%s', (_, list, controller, expected) => {
    // gwlb runs both controllers at once; the classes of one are those whose status it writes with that controller.
    const r = cleanCase(classes(list));
    const managed = r.resolution.statuses.filter((s) => s.object.kind === 'GatewayClass').map((s) => s.object.name);
    expect(managed.filter((n) => list.find(([name]) => name === n)![1] === controller)).toEqual(expected);
    expect(managed).not.toContain('invalid-class');
  });

  const bothClasses = gatewayClass('nlb-class', NLB) + gatewayClass('alb-class', ALB);
  it.each([
    ['multiple gateways for nlb gw classes', [['test-gw', 'nlb-class'], ['test-gw-1', 'nlb-class'], ['test-alb-gw-1', 'alb-class']], 'nlb-class', 2],
    ['multiple gateways for alb gw classes', [['test-gw', 'nlb-class'], ['test-gw-1', 'nlb-class'], ['test-alb-gw-1', 'alb-class']], 'alb-class', 1],
    ['no valid gateways for nlb gw classes', [['test-alb-gw-1', 'alb-class']], 'nlb-class', 0],
    ['no valid gateways for alb gw classes', [['test-gw', 'nlb-class'], ['test-gw-1', 'nlb-class']], 'alb-class', 0],
  ] as const)('gateway_utils_test.go Test_GetGatewaysManagedByGatewayClass/%s', (_, gateways, className, count) => {
    const r = cleanCase(bothClasses + gateways.map(([n, c]) => gateway(n, c)).join(''));
    expect(r.resolution.gateways.filter((g) => g.gatewayClass.metadata.name === className)).toHaveLength(count);
  });

  const EVENTS = 'event routing: which Gateways a watch event re-queues; gwlb resolves every Gateway of the snapshot on each run';
  for (const name of [
    'valid parent refs with managed gateways',
    'valid parent refs with managed gateways and originalParentRefsFromRouteStatus',
    'valid parent refs with unmanaged gateways',
    'valid parent refs with unmanaged and unimpacted gateways',
    'valid parent refs with managed gateways and unknown gateways',
    'mix routes with namespace / no namespace',
    'listenerset parent ref resolves to managed gateway',
    'listenerset parent ref with cross-namespace gateway',
    'listenerset parent ref not found',
    'mix of gateway and listenerset parent refs',
    'unknown gateway and failed listenerset resolution',
    'listenerset resolves to unmanaged gateway',
  ]) {
    skipCase(`gateway_utils_test.go Test_GetImpactedGatewaysFromParentRefs/${name}`, EVENTS);
  }
  for (const name of [
    'matching and non-matching lb config reference for ALB Gateway Controller',
    'matching and non-matching lb config reference for NLB Gateway Controller',
    'gateway class with nil namespace in ParametersRef should be skipped',
  ]) {
    skipCase(`gateway_utils_test.go Test_GetImpactedGatewayClassesFromLbConfig/${name}`, EVENTS);
  }
  for (const name of ['matching and unmanaged lb config reference for ALB Gateway Controller', 'matching and unmanaged lb config reference for NLB Gateway Controller']) {
    skipCase(`gateway_utils_test.go Test_GetImpactedGatewaysFromLbConfig/${name}`, EVENTS);
  }
  for (const name of ['no duplicates', 'one duplicate', 'multiple duplicates']) {
    skipCase(`gateway_utils_test.go TestRemoveDuplicateParentRefs/${name}`, 'internal helper of the event mapping above; no effect on what LBC builds or writes');
  }
});
