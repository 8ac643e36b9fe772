import { describe, expect, it } from 'vitest';
import { ALB_CLASS, brief, resolveYaml, statusOf } from '../../test/helpers/manifests.js';
import { listenerSetConditions, routeConditions } from './status.js';
import type { ResolvedListener } from './types.js';

const listener = (valid: boolean) => ({ valid }) as ResolvedListener;

// lbc-l7-routes-status.md §8 E23 (listener_status_utils_test.go).
describe('ListenerSet status (E23)', () => {
  it.each([
    ['all valid, gateway programmed', [true, true], true, ['Accepted=True/Accepted', 'Programmed=True/Programmed']],
    ['mixed, programmed', [true, false], true, ['Accepted=True/ListenersNotValid', 'Programmed=True/Programmed']],
    ['none valid, programmed', [false], true, ['Accepted=False/ListenersNotValid', 'Programmed=False/ListenersNotValid']],
    ['valid, not programmed', [true], false, ['Accepted=True/Accepted', 'Programmed=False/Pending']],
    ['zero listeners (quirk)', [], true, ['Accepted=False/Accepted', 'Programmed=False/ListenersNotValid']],
  ] as const)('%s', (_, valid, programmed, expected) => {
    expect(brief(listenerSetConditions(valid.map(listener), programmed, 1).conditions)).toEqual(expected);
  });
  it('messages', () => {
    const mixed = listenerSetConditions([listener(true), listener(false)], true, 1).conditions;
    expect(mixed[0]!.message).toBe('Some listeners are not valid');
    expect(listenerSetConditions([listener(false)], true, 1).conditions[1]!.message).toBe('No valid listeners to materialize');
    expect(listenerSetConditions([listener(true)], false, 1).conditions[1]!.message).toBe('Parent gateway not yet programmed');
  });
});

// §3.8: which condition each reason turns False.
describe('route status classification', () => {
  it.each([
    ['NotAllowedByListeners', 'True', 'False'],
    ['NoMatchingListenerHostname', 'True', 'False'],
    ['NoMatchingParent', 'True', 'False'],
    ['UnsupportedValue', 'True', 'False'],
    ['IncompatibleFilters', 'True', 'False'],
    ['RefNotPermitted', 'False', 'True'],
    ['InvalidKind', 'False', 'True'],
    ['BackendNotFound', 'False', 'True'],
    ['SomethingElse', 'False', 'False'],
  ])('%s → ResolvedRefs=%s Accepted=%s', (reason, resolved, accepted) => {
    const [r, a] = routeConditions(reason, 'm', 3);
    expect([r!.type, r!.status, a!.type, a!.status, a!.observedGeneration]).toEqual(['ResolvedRefs', resolved, 'Accepted', accepted, 3]);
  });
});

const gateway = (listeners: string, extra = '') => `${ALB_CLASS}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: ns, generation: 4}
spec:
  gatewayClassName: alb
${extra}
  listeners:
${listeners}`;

// §5.1, §5.2: Gateway and GatewayClass conditions.
describe('Gateway status', () => {
  it('all listeners valid, load balancer provisioning', () => {
    const s = statusOf(resolveYaml(gateway('    - {name: http, port: 80, protocol: HTTP}')), 'Gateway', 'ns', 'gw');
    expect(s).toMatchObject({
      kind: 'Gateway',
      conditions: [
        { type: 'Accepted', status: 'True', reason: 'Accepted', message: '', observedGeneration: 4 },
        { type: 'Programmed', status: 'Unknown', reason: 'Pending', message: 'Waiting for load balancer to be active.' },
      ],
      attachedListenerSets: 0,
    });
  });
  it('active load balancer: Programmed message is the ARN, address the DNS name lower-cased', () => {
    const arn = 'arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/app/k8s-ns-gw-1234567890/abc';
    const r = resolveYaml(gateway('    - {name: http, port: 80, protocol: HTTP}'), {
      loadBalancerStates: new Map([['ns/gw', { kind: 'active', arn, dnsName: 'K8S-NS-GW.us-west-2.elb.amazonaws.com' }]]),
    });
    const s = statusOf(r, 'Gateway', 'ns', 'gw');
    expect(s?.kind === 'Gateway' && s.conditions[1]).toMatchObject({ status: 'True', reason: 'Programmed', message: arn });
    expect(s?.kind === 'Gateway' && s.addresses).toEqual([{ type: 'Hostname', value: 'k8s-ns-gw.us-west-2.elb.amazonaws.com' }]);
    expect(s?.kind === 'Gateway' && s.listeners![0]!.conditions[3]).toMatchObject({ status: 'True', reason: 'Programmed' });
  });
  it('some listeners invalid → Accepted=True/ListenersNotValid; all invalid → Accepted=False (quirk 9)', () => {
    const mixed = statusOf(resolveYaml(gateway('    - {name: a, port: 80, protocol: HTTP}\n    - {name: b, port: 81, protocol: TCP}')), 'Gateway', 'ns', 'gw');
    expect(mixed?.kind === 'Gateway' && brief(mixed.conditions)[0]).toBe('Accepted=True/ListenersNotValid');
    const none = statusOf(resolveYaml(gateway('    - {name: b, port: 81, protocol: TCP}')), 'Gateway', 'ns', 'gw');
    expect(none?.kind === 'Gateway' && brief(none.conditions)[0]).toBe('Accepted=False/ListenersNotValid');
    expect(none?.kind === 'Gateway' && none.listeners![0]!.supportedKinds).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'TCPRoute' }]);
  });
  it('missing Gateway LoadBalancerConfiguration → Accepted=False/Invalid with the NotFound text', () => {
    const extra = '  infrastructure: {parametersRef: {group: gateway.k8s.aws, kind: LoadBalancerConfiguration, name: missing}}';
    const s = statusOf(resolveYaml(gateway('    - {name: a, port: 80, protocol: HTTP}', extra)), 'Gateway', 'ns', 'gw');
    expect(s?.kind === 'Gateway' && s.conditions[0]).toMatchObject({
      status: 'False',
      reason: 'Invalid',
      message: 'loadbalancerconfigurations.gateway.k8s.aws "missing" not found',
    });
    expect(s?.kind === 'Gateway' && s.listeners).toBeUndefined();
  });
  it('an invalid listener hostname is a fatal loader error without the route suffix (message quirk kept)', () => {
    const yaml = `${gateway('    - {name: a, port: 80, protocol: HTTP, hostname: "10.0.0.1"}')}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: ns}
spec:
  parentRefs: [{name: gw}]
  hostnames: [a.com]`;
    const r = resolveYaml(yaml);
    const s = statusOf(r, 'Gateway', 'ns', 'gw');
    expect(s?.kind === 'Gateway' && s.conditions[0]).toMatchObject({
      status: 'False',
      reason: 'ListenersNotValid',
      // listener_attachment_helper.go 128–129 wraps the error with no gateway message.
      message: 'listener hostname a is not valid (listener name 10.0.0.1)',
    });
  });
});

describe('GatewayClass status', () => {
  const cls = (ref: string) => `
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: c}
spec:
  controllerName: gateway.k8s.aws/alb
  parametersRef: ${ref}`;
  it('parametersRef without namespace → InvalidParametersRef', () => {
    const s = statusOf(resolveYaml(cls('{group: gateway.k8s.aws, kind: LoadBalancerConfiguration, name: x}')), 'GatewayClass', '', 'c');
    expect(s).toEqual({
      kind: 'GatewayClass',
      conditions: [{ type: 'Accepted', status: 'False', reason: 'InvalidParametersRef', message: 'Namespace must be specified in ParametersRef for LoadBalancerConfiguration', observedGeneration: 1 }],
    });
  });
  it('missing configuration → NotFound with LBC message', () => {
    const s = statusOf(resolveYaml(cls('{group: gateway.k8s.aws, kind: LoadBalancerConfiguration, name: x, namespace: y}')), 'GatewayClass', '', 'c');
    expect(s?.kind === 'GatewayClass' && s.conditions[0]).toMatchObject({ reason: 'NotFound', message: 'LoadBalancerConfiguration (x,y) not found' });
  });
});

describe('dry-run (§6)', () => {
  const dry = (finalizers: string) => `${ALB_CLASS}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: gw
  namespace: ns
  annotations: {gateway.k8s.aws/dry-run: "true"}
  finalizers: [${finalizers}]
spec:
  gatewayClassName: alb
  listeners: [{name: a, port: 80, protocol: HTTP}]`;
  it('a never-provisioned Gateway keeps its pending status and gets a GWLB213 note', () => {
    const r = resolveYaml(dry(''));
    const s = statusOf(r, 'Gateway', 'ns', 'gw');
    expect(s?.kind === 'Gateway' && brief(s.conditions)).toEqual(['Accepted=Unknown/Pending', 'Programmed=Unknown/Pending']);
    expect(r.diagnostics.map((d) => d.code)).toContain('GWLB213');
  });
  it('is ignored once LBC has provisioned the Gateway (finalizer present)', () => {
    const s = statusOf(resolveYaml(dry('gateway.k8s.aws/alb')), 'Gateway', 'ns', 'gw');
    expect(s?.kind === 'Gateway' && brief(s.conditions)[0]).toBe('Accepted=True/Accepted');
  });
});
