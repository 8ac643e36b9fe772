import { describe, expect, it } from 'vitest';
import { ALB_CLASS, brief, resolveYaml, service, statusOf } from '../../test/helpers/manifests.js';

const GATEWAY = `${ALB_CLASS}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: ns}
spec:
  gatewayClassName: alb
  listeners:
    - {name: http, port: 80, protocol: HTTP}
    - {name: https, port: 443, protocol: HTTPS, hostname: app.example.com}
    - {name: other, port: 8080, protocol: HTTP, hostname: other.example.com, allowedRoutes: {namespaces: {from: All}}}
${service('web')}`;

function route(spec: string, kind = 'HTTPRoute', namespace = 'ns', name = 'r'): string {
  return `
---
apiVersion: gateway.networking.k8s.io/v1
kind: ${kind}
metadata: {name: ${name}, namespace: ${namespace}}
spec:
${spec}`;
}

function parentConditions(yaml: string, kind = 'HTTPRoute', namespace = 'ns', name = 'r'): string[][] {
  const s = statusOf(resolveYaml(yaml), kind, namespace, name);
  return s?.kind === 'Route' ? s.parents.map((p) => brief(p.conditions)) : [];
}

// lbc-l7-routes-status.md §3 and §5.4: attachment outcomes and the route status they produce.
describe('route attachment and route status', () => {
  it('attaches a route with a resolvable backend: ResolvedRefs=True, Accepted=True, controller alb', () => {
    const r = resolveYaml(GATEWAY + route(`  parentRefs: [{name: gw, sectionName: http}]\n  rules: [{backendRefs: [{name: web, port: 80}]}]`));
    const s = statusOf(r, 'HTTPRoute', 'ns', 'r');
    expect(s).toEqual({
      kind: 'Route',
      parents: [
        {
          parentRef: { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gw', sectionName: 'http' },
          controllerName: 'gateway.k8s.aws/alb',
          conditions: [
            { type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs', message: '', observedGeneration: 1 },
            { type: 'Accepted', status: 'True', reason: 'Accepted', message: '', observedGeneration: 1 },
          ],
        },
      ],
    });
  });

  it('namespace not admitted (from: Same) → NotAllowedByListeners with the namespace message', () => {
    const s = statusOf(resolveYaml(GATEWAY + route(`  parentRefs: [{name: gw, namespace: ns, sectionName: http}]`, 'HTTPRoute', 'elsewhere')), 'HTTPRoute', 'elsewhere', 'r');
    expect(s?.kind === 'Route' && s.parents[0]!.conditions[1]).toMatchObject({
      status: 'False',
      reason: 'NotAllowedByListeners',
      message: 'Listener does not allow route attachment, namespace does not match between listener and route',
    });
  });

  it('GRPCRoute on a plain HTTP listener is rejected by kind (quirk 5)', () => {
    const s = statusOf(resolveYaml(GATEWAY + route(`  parentRefs: [{name: gw, sectionName: http}]`, 'GRPCRoute')), 'GRPCRoute', 'ns', 'r');
    expect(s?.kind === 'Route' && s.parents[0]!.conditions[1]).toMatchObject({
      reason: 'NotAllowedByListeners',
      message: 'Listener does not allow route attachment, kind does not match between listener and route',
    });
  });

  it('no matching hostname and no matching parent', () => {
    expect(parentConditions(GATEWAY + route(`  parentRefs: [{name: gw, sectionName: https}]\n  hostnames: [other.com]`))).toEqual([
      ['ResolvedRefs=True/ResolvedRefs', 'Accepted=False/NoMatchingListenerHostname'],
    ]);
    expect(parentConditions(GATEWAY + route(`  parentRefs: [{name: gw, sectionName: nope}]`))).toEqual([['ResolvedRefs=True/ResolvedRefs', 'Accepted=False/NoMatchingParent']]);
    expect(parentConditions(GATEWAY + route(`  parentRefs: [{name: gw, port: 9999}]`))).toEqual([['ResolvedRefs=True/ResolvedRefs', 'Accepted=False/NoMatchingParent']]);
  });

  it('without sectionName one accepting listener suffices and other failures are discarded', () => {
    const r = resolveYaml(GATEWAY + route(`  parentRefs: [{name: gw}]\n  hostnames: [app.example.com]\n  rules: [{backendRefs: [{name: web, port: 80}]}]`));
    const s = statusOf(r, 'HTTPRoute', 'ns', 'r');
    expect(s?.kind === 'Route' && brief(s.parents[0]!.conditions)).toEqual(['ResolvedRefs=True/ResolvedRefs', 'Accepted=True/Accepted']);
    const gw = r.gateways[0]!;
    // http (no hostname) and https (app.example.com) admit it; other.example.com does not match.
    expect(gw.listeners.map((l) => l.attachedRoutes)).toEqual([1, 1, 0]);
    expect(gw.ports.find((p) => p.port === 443)!.routes[0]!.compatibleHostnames).toEqual(['app.example.com']);
  });

  it('two parentRefs resolving to one listener count twice; rules are built once per port', () => {
    const r = resolveYaml(GATEWAY + route(`  parentRefs: [{name: gw, sectionName: http}, {name: gw, namespace: ns, port: 80}]`));
    const gw = r.gateways[0]!;
    expect(gw.listeners[0]!.attachedRoutes).toBe(2);
    expect(gw.ports.find((p) => p.port === 80)!.routes).toHaveLength(1);
  });

  it('a parentRef to another Gateway gets no status from this one', () => {
    const r = resolveYaml(GATEWAY + route(`  parentRefs: [{name: someone-else}]`));
    expect(statusOf(r, 'HTTPRoute', 'ns', 'r')).toBeUndefined();
  });

  it('a route attached only through an invalid listener gets no status, is counted, and is diagnosed (quirk 7)', () => {
    const yaml = `${ALB_CLASS}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: ns}
spec:
  gatewayClassName: alb
  listeners:
    - {name: a, port: 80, protocol: HTTP, hostname: a.com}
    - {name: b, port: 80, protocol: HTTPS, hostname: a.com}
${route(`  parentRefs: [{name: gw, sectionName: b}]`)}`;
    const r = resolveYaml(yaml);
    expect(statusOf(r, 'HTTPRoute', 'ns', 'r')).toBeUndefined();
    expect(r.gateways[0]!.listeners.map((l) => [l.reason, l.attachedRoutes])).toEqual([
      ['Accepted', 0],
      ['HostnameConflict', 1],
    ]);
    expect(r.diagnostics.map((d) => d.code)).toContain('GWLB208');
  });
});

describe('parentRefs that reach only invalid listeners', () => {
  it('still get Accepted when the route is loaded through another parentRef (LBC matchedParentRefs)', () => {
    const yaml = `${ALB_CLASS}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: ns}
spec:
  gatewayClassName: alb
  listeners:
    - {name: good, port: 80, protocol: HTTP}
    - {name: bad, port: 81, protocol: TCP, allowedRoutes: {kinds: [{kind: HTTPRoute}]}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: ns}
spec:
  parentRefs: [{name: gw, sectionName: good}, {name: gw, sectionName: bad}]`;
    const s = statusOf(resolveYaml(yaml), 'HTTPRoute', 'ns', 'r');
    expect(s?.kind === 'Route' && s.parents.map((p) => [p.parentRef.sectionName, brief(p.conditions)[1]])).toEqual([
      ['good', 'Accepted=True/Accepted'],
      ['bad', 'Accepted=True/Accepted'],
    ]);
  });
});
