/**
 * Port of LBC v3.5.0 pkg/gateway/routeutils/backend_test.go: backendRef loading
 * (`commonBackendLoader`), TargetGroupConfiguration lookup and ListenerRuleConfiguration loading.
 * Each case is a route on an ALB Gateway (listener admitting all namespaces) with the Go case's
 * backendRef; the loaded backend is read from the resolution, a warning from the route's status
 * (LBC posts the loader's warnings as route conditions), a fatal error from the Gateway.
 */
import { describe, expect, it } from 'vitest';
import type { LoadedBackend, LoadedRule } from '../../src/resolve/types.js';
import type { LbcCaseResult } from './harness.js';
import { lbcCase, skipCase } from './harness.js';
import { gateway, listener, manifests, NS, route, type Obj } from './listener-fixtures.js';

const T = 'backend_test.go';
const CURRENT_NS = 'current-namespace';
const SVC = 'current-svc';

const service = (namespace: string, name = SVC): Obj => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace },
  spec: { type: 'NodePort', ports: [{ name: 'port-80', port: 80, targetPort: 8080, nodePort: 30080 }] },
});

const tgc = (name: string, namespace: string, targetReference: Obj, extra: Obj = {}): Obj => ({
  apiVersion: 'gateway.k8s.aws/v1beta1',
  kind: 'TargetGroupConfiguration',
  metadata: { name, namespace },
  spec: { targetReference, ...extra },
});

/** The three TargetGroupConfigurations every TestCommonBackendLoader_Service case stores. */
const STORED_TGCS = [
  tgc('tg1', CURRENT_NS, { kind: 'Service', name: SVC }, { defaultConfiguration: { targetGroupName: 'test' } }),
  tgc('tg2', CURRENT_NS, { kind: 'Service', name: 'other-svc-name' }),
  tgc('tg3', 'differentNs', { kind: 'Service', name: SVC }),
];

const albGateway = gateway('alb', [listener('http', 80, 'HTTP', { allowedRoutes: { namespaces: { from: 'All' } } })]);

function routeWith(namespace: string, backendRef: Obj, extraRule: Obj = {}): Obj {
  return route('HTTPRoute', 'my-route', { namespace, rules: [{ backendRefs: [backendRef], ...extraRule }] });
}

/** The route's first rule as loaded on port 80 (undefined when the route did not load). */
function loadedRule(r: LbcCaseResult): LoadedRule | undefined {
  return r.resolution.gateways[0]!.ports.find((p) => p.port === 80)?.routes[0]?.rules[0];
}

function loadedBackend(r: LbcCaseResult): LoadedBackend | undefined {
  return loadedRule(r)?.backends[0];
}

/** `ResolvedRefs`/`Accepted` condition reasons that are not True, for route my-route in `namespace`. */
function routeProblems(r: LbcCaseResult, namespace: string): string[] {
  const st = r.status('HTTPRoute', namespace, 'my-route');
  if (st?.kind !== 'Route') return [];
  return st.parents.flatMap((p) => p.conditions.filter((c) => c.status !== 'True').map((c) => `${c.type}=${c.status}/${c.reason}`));
}

describe(`${T} TestCommonBackendLoader_Service`, () => {
  const M = `${T} TestCommonBackendLoader_Service`;
  const run = (docs: Obj[]) => lbcCase(manifests(...albGateway, ...STORED_TGCS, ...docs));

  it.each([
    // No TargetGroupConfiguration targets the Service in its own namespace.
    ['backend ref without namespace', 'backend-ref-ns', { name: SVC, port: 80 }, 1, undefined],
    ['backend ref, fill in weight', 'backend-ref-ns', { name: SVC, port: 80, weight: 100 }, 100, undefined],
    ['backend ref with namespace', CURRENT_NS, { name: SVC, namespace: CURRENT_NS, port: 80 }, 1, 'tg1'],
    ['backend ref with 0 weight', 'backend-ref-ns', { name: SVC, port: 80, weight: 0 }, 0, undefined],
  ] as const)(`${M}/%s`, (_name, namespace, backendRef, weight, tgConfig) => {
    const r = run([service(namespace), routeWith(namespace, backendRef)]);
    expect(routeProblems(r, namespace)).toEqual([]);
    const b = loadedBackend(r);
    expect(b?.kind).toBe('service');
    if (b?.kind !== 'service') return;
    expect(`${b.service.metadata.namespace}/${b.service.metadata.name}`).toBe(`${namespace}/${SVC}`);
    expect(b.weight).toBe(weight);
    expect(b.servicePort.port).toBe(80);
    expect(b.targetGroupConfig?.metadata.name).toBe(tgConfig);
  });

  it(`${M}/route and service in different namespace (no reference grant)`, () => {
    const r = run([service(CURRENT_NS), routeWith('route-ns', { name: SVC, namespace: CURRENT_NS, port: 80 })]);
    expect(loadedRule(r)?.backends).toEqual([]);
    expect(routeProblems(r, 'route-ns')).toEqual(['ResolvedRefs=False/RefNotPermitted']);
  });

  it(`${M}/route and service in different namespace (with reference grant)`, () => {
    const grant = {
      apiVersion: 'gateway.networking.k8s.io/v1beta1',
      kind: 'ReferenceGrant',
      metadata: { name: 'grant1', namespace: CURRENT_NS },
      spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'route-ns' }], to: [{ group: '', kind: 'Service' }] },
    };
    const r = run([service(CURRENT_NS), grant, routeWith('route-ns', { name: SVC, namespace: CURRENT_NS, port: 80 })]);
    expect(routeProblems(r, 'route-ns')).toEqual([]);
    const b = loadedBackend(r);
    expect(b?.kind === 'service' ? [b.service.metadata.namespace, b.weight, b.servicePort.port, b.targetGroupConfig?.metadata.name] : b).toEqual([CURRENT_NS, 1, 80, 'tg1']);
  });

  it(`${M}/non-service based backend should return nil`, () => {
    const r = run([routeWith(CURRENT_NS, { group: 'example.com', kind: 'cat', name: SVC, namespace: CURRENT_NS, port: 80 })]);
    expect(loadedRule(r)?.backends).toEqual([]);
    expect(routeProblems(r, CURRENT_NS)).toEqual(['ResolvedRefs=False/InvalidKind']);
  });

  skipCase(`${M}/missing port in backend ref should result in an error`, 'the HTTPRoute CRD requires a port on a Service backendRef');

  it(`${M}/invalid weight should produce fatal error`, () => {
    const r = run([service('backend-ref-ns'), routeWith('backend-ref-ns', { name: SVC, port: 80, weight: 1000 })]);
    expect(r.resolution.gateways[0]!.fatal).toMatchObject({ message: expect.stringContaining('Weight [1000] must be less than or equal to 999') });
    expect(r.stacks).toEqual([]);
  });
});

describe(`${T} TestCommonBackendLoader_TargetGroupName`, () => {
  const M = `${T} TestCommonBackendLoader_TargetGroupName`;

  it(`${M}/invalid backend kind`, () => {
    const r = lbcCase(manifests(...albGateway, routeWith(NS, { group: 'example.com', kind: 'invalid', name: 'foo', port: 80 })));
    expect(loadedRule(r)?.backends).toEqual([]);
    expect(routeProblems(r, NS)).toEqual(['ResolvedRefs=False/InvalidKind']);
  });

  it(`${M}/valid name`, () => {
    const r = lbcCase(manifests(...albGateway, routeWith(NS, { group: 'gateway.k8s.aws', kind: 'TargetGroupName', name: 'foo' })));
    expect(routeProblems(r, NS)).toEqual([]);
    expect(loadedBackend(r)).toMatchObject({ kind: 'targetGroupName', name: 'foo', weight: 1 });
  });
});

describe(`${T} Test_lookUpTargetGroupConfiguration`, () => {
  const M = `${T} Test_lookUpTargetGroupConfiguration`;
  const svc1 = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc1', namespace: NS }, spec: { type: 'NodePort', ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }] } };
  const lookup = (tgcs: Obj[]) => loadedBackend(lbcCase(manifests(...albGateway, svc1, ...tgcs, routeWith(NS, { name: 'svc1', port: 80 }))));

  it.each([
    ['happy path, exactly one tg config - service', [tgc('tg1', NS, { kind: 'Service', name: 'svc1' })], 'tg1'],
    ['happy path, exactly one tg config (kind not specified)', [tgc('tg1', NS, { name: 'svc1' })], 'tg1'],
    ['sad path, svc name different', [tgc('tg1', NS, { kind: 'Service', name: 'svc2' })], undefined],
    ['sad path, kind not supported', [tgc('tg1', NS, { kind: 'cat', name: 'svc2' })], undefined],
    ['sad path, many tg none match', [tgc('tg1', NS, { kind: 'Service', name: 'foo' }), tgc('tg2', NS, { kind: 'Service', name: 'baz' }), tgc('tg3', NS, { kind: 'Service', name: 'bar' })], undefined],
    ['sad path, no tg none match', [], undefined],
  ] as const)(`${M}/%s`, (_name, tgcs, want) => {
    const b = lookup([...tgcs]);
    expect(b?.kind).toBe('service');
    expect(b?.kind === 'service' ? b.targetGroupConfig?.metadata.name : 'not a service').toBe(want);
  });

  it(`${M}/happy path, exactly one tg config - gateway`, () => {
    // An NLB route forwarding to an ALB Gateway (`svc1`) that LBC has programmed; the
    // TargetGroupConfiguration targets that Gateway.
    const alb = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'svc1', namespace: NS },
      spec: { gatewayClassName: 'alb', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
      status: { conditions: [{ type: 'Programmed', status: 'True', reason: 'Programmed', message: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/alb/0123456789abcdef', lastTransitionTime: '2025-01-01T00:00:00Z' }] },
    };
    const nlb = gateway('nlb', [listener('tcp', 80, 'TCP')]);
    const tcp = route('TCPRoute', 'my-route', { rules: [{ backendRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'svc1', port: 80 }] }] });
    const r = lbcCase(manifests(...nlb, alb, tgc('tg1', NS, { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'svc1' }), tcp));
    const b = r.resolution.gateways.find((g) => g.gateway.metadata.name === 'gw')!.ports[0]?.routes[0]?.rules[0]?.backends[0];
    expect(b?.kind).toBe('gateway');
    expect(b?.kind === 'gateway' ? b.targetGroupConfig?.metadata.name : undefined).toBe('tg1');
  });
});

describe(`${T} Test_listenerRuleConfigLoader`, () => {
  const M = `${T} Test_listenerRuleConfigLoader`;
  const ref = (name: string) => ({ type: 'ExtensionRef', extensionRef: { group: 'gateway.k8s.aws', kind: 'ListenerRuleConfiguration', name } });
  const lrc = (name: string, status?: Obj): Obj => ({
    apiVersion: 'gateway.k8s.aws/v1beta1',
    kind: 'ListenerRuleConfiguration',
    metadata: { name, namespace: NS },
    spec: { actions: [{ type: 'fixed-response', fixedResponseConfig: { statusCode: 404 } }] },
    ...(status ? { status } : {}),
  });
  const svc = service(NS, 'svc');
  const run = (filters: Obj[], configs: Obj[]) => lbcCase(manifests(...albGateway, svc, ...configs, routeWith(NS, { name: 'svc', port: 80 }, filters.length > 0 ? { filters } : {})));

  it(`${M}/no references - should return nil`, () => {
    const r = run([], []);
    expect(routeProblems(r, NS)).toEqual([]);
    expect(loadedRule(r)?.listenerRuleConfig).toBeUndefined();
  });

  it(`${M}/single valid reference - should return config`, () => {
    const r = run([ref('test-config')], [lrc('test-config', { accepted: true, message: 'Accepted' })]);
    expect(routeProblems(r, NS)).toEqual([]);
    expect(loadedRule(r)?.listenerRuleConfig?.metadata.name).toBe('test-config');
  });

  it.each([
    ['multiple references - should return warning error', [ref('config-1'), ref('config-2')], [lrc('config-1'), lrc('config-2')]],
    ['config not found - should return warning error', [ref('non-existent-config')], []],
    ['config not accepted - should return warning error', [ref('test-config')], [lrc('test-config', { accepted: false, message: 'Status Unknown' })]],
  ] as const)(`${M}/%s`, (_name, filters, configs) => {
    const r = run([...filters], [...configs]);
    expect(routeProblems(r, NS)).toEqual(['Accepted=False/IncompatibleFilters']);
    expect(loadedRule(r)?.listenerRuleConfig).toBeUndefined();
  });
});

// Not an LBC table case: the order commonBackendLoader checks things in (backend.go 139–175).
describe('backend.go commonBackendLoader order', () => {
  it('a backendRef that fails to load is a warning even with a weight above 999', () => {
    const r = lbcCase(manifests(...albGateway, routeWith(NS, { name: 'missing', port: 80, weight: 1000 })));
    expect(r.resolution.gateways[0]!.fatal).toBeUndefined();
    expect(routeProblems(r, NS)).toEqual(['ResolvedRefs=False/BackendNotFound']);
  });
});
