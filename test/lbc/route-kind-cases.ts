/**
 * The cases http_test.go and grpc_test.go share (LBC v3.5.0 pkg/gateway/routeutils), written once
 * for either route kind: rule loading (`LoadAttachedRules`) and which ListenerRuleConfigurations
 * a route's rules reference (`GetRouteListenerRuleConfigRefs`), observed as the
 * ListenerRuleConfiguration each loaded rule carries.
 */
import { describe, expect, it } from 'vitest';
import type { LbcCaseResult } from './harness.js';
import { lbcCase, skipCase } from './harness.js';
import { gateway, listener, manifests, NS, route, service, type Obj } from './listener-fixtures.js';

const NOT_MANIFESTS = 'internal conversion / Kubernetes client listing, with no effect of its own on the model or statuses';

const lrcRef = (name: string, group = 'gateway.k8s.aws', kind = 'ListenerRuleConfiguration') => ({ type: 'ExtensionRef', extensionRef: { group, kind, name } });
const lrc = (name: string): Obj => ({
  apiVersion: 'gateway.k8s.aws/v1beta1',
  kind: 'ListenerRuleConfiguration',
  metadata: { name, namespace: NS },
  spec: { actions: [{ type: 'fixed-response', fixedResponseConfig: { statusCode: 404 } }] },
});
const backends = (...names: string[]) => names.map((name) => ({ name, port: 80 }));
const SERVICES = ['svc-1', 'svc-2', 'svc-3', 'svc-4', 'svc-5', 'svc-6'].map((n) => service(n));

/** Per loaded rule of the route on port 443: backend count and ListenerRuleConfiguration name. */
function loaded(r: LbcCaseResult): { backends: number; lrc: string | undefined }[] | undefined {
  return r.resolution.gateways[0]!.ports.find((p) => p.port === 443)?.routes[0]?.rules.map((rule) => ({ backends: rule.backends.length, lrc: rule.listenerRuleConfig?.metadata.name }));
}

export function routeKindCases(kind: 'HTTPRoute' | 'GRPCRoute', file: string, names: { convert: string; list: string; load: string; refs: string }): void {
  // HTTPS admits both HTTPRoute and GRPCRoute by default.
  const gw = gateway('alb', [listener('https', 443, 'HTTPS')]);
  const run = (rules: Obj[] | undefined, extra: Obj[] = []) =>
    lbcCase(manifests(...gw, ...SERVICES, ...extra, route(kind, 'r', rules === undefined ? { rules: [] } : { rules })));

  skipCase(`${file} ${names.convert}`, NOT_MANIFESTS);
  skipCase(`${file} ${names.list}`, NOT_MANIFESTS);

  it(`${file} ${names.load}`, () => {
    const ref = [lrcRef('test-config-1')];
    const r = run(
      [
        { backendRefs: backends('svc-1', 'svc-2'), filters: ref },
        { backendRefs: backends('svc-3', 'svc-4', 'svc-5', 'svc-6'), filters: ref },
        { filters: ref },
      ],
      [lrc('test-config-1')],
    );
    expect(loaded(r)).toEqual([
      { backends: 2, lrc: 'test-config-1' },
      { backends: 4, lrc: 'test-config-1' },
      { backends: 0, lrc: 'test-config-1' },
    ]);
  });

  describe(`${file} ${names.refs}`, () => {
    const M = `${file} ${names.refs}`;
    const configs = [lrc('test-config'), lrc('test-config-1'), lrc('test-config-2')];
    const redirect = { type: 'RequestRedirect', requestRedirect: { port: 80 } };
    const grpcMatch = { matches: [{ method: { service: 'TestService', method: 'TestMethod' } }] };

    it(`${M}/route with no rules`, () => {
      const r = run(undefined, configs);
      const rules = loaded(r);
      expect(rules).toBeDefined();
      expect(rules!.every((rule) => rule.lrc === undefined)).toBe(true);
    });

    it(`${M}/route with rules but no filters`, () => {
      const r = run([kind === 'GRPCRoute' ? grpcMatch : { backendRefs: backends('svc-1', 'svc-2') }], configs);
      expect(loaded(r)?.map((x) => x.lrc)).toEqual([undefined]);
    });

    it(`${M}/route with filters but none are listener rule configurations`, () => {
      const other = lrcRef('test-config', 'example.com', 'SomeOtherKind');
      const r = run([{ filters: kind === 'HTTPRoute' ? [redirect, other] : [other] }], configs);
      expect(loaded(r)?.map((x) => x.lrc)).toEqual([undefined]);
    });

    it(`${M}/route with one matching listener rule configuration`, () => {
      const mine = lrcRef('test-config-1');
      const r = run([{ filters: kind === 'HTTPRoute' ? [redirect, mine] : [mine] }], configs);
      expect(loaded(r)?.map((x) => x.lrc)).toEqual(['test-config-1']);
    });

    it(`${M}/route with multiple matching listener rule configurations`, () => {
      const r = run([{ filters: [lrcRef('test-config-1')] }, { filters: kind === 'HTTPRoute' ? [redirect] : [] }, { filters: [lrcRef('test-config-2')] }], configs);
      expect(loaded(r)?.map((x) => x.lrc)).toEqual(['test-config-1', undefined, 'test-config-2']);
    });
  });
}
