import { describe, expect, it } from 'vitest';
import { ALB_CLASS, brief, resolveYaml, service, statusOf } from '../../test/helpers/manifests.js';

const GATEWAY = `${ALB_CLASS}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: ns}
spec:
  gatewayClassName: alb
  listeners: [{name: http, port: 80, protocol: HTTP}]
${service('web')}${service('remote', 'other')}`;

function withRule(rule: string, extra = ''): string {
  return `${GATEWAY}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: ns}
spec:
  parentRefs: [{name: gw}]
  rules:
${rule}
${extra}`;
}

function routeBrief(yaml: string): string[] {
  const s = statusOf(resolveYaml(yaml), 'HTTPRoute', 'ns', 'r');
  return s?.kind === 'Route' ? brief(s.parents[0]!.conditions) : [];
}

function routeMessage(yaml: string): string {
  const s = statusOf(resolveYaml(yaml), 'HTTPRoute', 'ns', 'r');
  return s?.kind === 'Route' ? s.parents[0]!.conditions.find((c) => c.status === 'False')?.message ?? '' : '';
}

const GRANT = `
---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: {name: allow, namespace: other}
spec:
  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: ns}]
  to: [{group: "", kind: Service}]`;

// lbc-l7-routes-status.md §3.7, §3.8 and §8 E25 (backend_test.go).
describe('backends (E25)', () => {
  it('cross-namespace Service without a ReferenceGrant is dropped: RefNotPermitted', () => {
    const yaml = withRule('    - backendRefs: [{name: remote, namespace: other, port: 80}]');
    expect(routeBrief(yaml)).toEqual(['ResolvedRefs=False/RefNotPermitted', 'Accepted=True/Accepted']);
    expect(routeMessage(yaml)).toBe('No explicit ReferenceGrant exists to allow the reference.');
    expect(resolveYaml(yaml).gateways[0]!.ports[0]!.routes[0]!.rules[0]!.backends).toEqual([]);
  });
  it('with a grant in the Service namespace it loads with weight 1', () => {
    const r = resolveYaml(withRule('    - backendRefs: [{name: remote, namespace: other, port: 80}]', GRANT));
    const backend = r.gateways[0]!.ports[0]!.routes[0]!.rules[0]!.backends[0]!;
    expect(backend).toMatchObject({ kind: 'service', weight: 1 });
  });
  it('unknown kind → InvalidKind; missing port → UnsupportedValue; missing Service and port → BackendNotFound', () => {
    expect(routeBrief(withRule('    - backendRefs: [{name: web, kind: cat, port: 80}]'))).toEqual(['ResolvedRefs=False/InvalidKind', 'Accepted=True/Accepted']);
    // The Gateway API CRDs already require a port on Service refs; a chained Gateway ref can omit it.
    expect(routeBrief(withRule('    - backendRefs: [{name: gw, group: gateway.networking.k8s.io, kind: Gateway}]'))).toEqual(['ResolvedRefs=True/ResolvedRefs', 'Accepted=False/UnsupportedValue']);
    expect(routeMessage(withRule('    - backendRefs: [{name: nope, port: 80}]'))).toBe('Service (ns:nope) not found)');
    expect(routeMessage(withRule('    - backendRefs: [{name: web, port: 81}]'))).toBe('Unable to find service port for port 81');
  });
  it('TargetGroupName is a literal target group, no port needed', () => {
    const r = resolveYaml(withRule('    - backendRefs: [{kind: TargetGroupName, name: foo}]'));
    expect(r.gateways[0]!.ports[0]!.routes[0]!.rules[0]!.backends[0]).toMatchObject({ kind: 'targetGroupName', name: 'foo', weight: 1 });
  });
  it('weight 1000 is fatal and silent: no status anywhere, a GWLB205 error', () => {
    const r = resolveYaml(withRule('    - backendRefs: [{name: web, port: 80, weight: 1000}]'));
    expect(r.gateways[0]!.fatal).toEqual({ kind: 'silent', message: 'Weight [1000] must be less than or equal to 999' });
    expect(statusOf(r, 'HTTPRoute', 'ns', 'r')).toBeUndefined();
    const gw = statusOf(r, 'Gateway', 'ns', 'gw');
    expect(gw?.kind === 'Gateway' && brief(gw.conditions)).toEqual(['Accepted=Unknown/Pending', 'Programmed=Unknown/Pending']);
    expect(r.diagnostics.find((d) => d.code === 'GWLB205')?.severity).toBe('error');
  });
  it('the first failure wins over the Accepted success', () => {
    const yaml = withRule('    - backendRefs: [{name: nope, port: 80}, {name: web, kind: cat, port: 80}]');
    expect(routeBrief(yaml)).toEqual(['ResolvedRefs=False/BackendNotFound', 'Accepted=True/Accepted']);
  });
});

const lrc = (name: string, status = '') => `
---
apiVersion: gateway.k8s.aws/v1
kind: ListenerRuleConfiguration
metadata: {name: ${name}, namespace: ns}
spec:
  actions: [{type: fixed-response, fixedResponseConfig: {statusCode: 404}}]
${status}`;

const ref = (name: string) => `{type: ExtensionRef, extensionRef: {group: gateway.k8s.aws, kind: ListenerRuleConfiguration, name: ${name}}}`;

describe('ListenerRuleConfiguration loading (E25)', () => {
  it('one accepted LRC is attached to the rule', () => {
    const r = resolveYaml(withRule(`    - filters: [${ref('a')}]\n      backendRefs: [{name: web, port: 80}]`, lrc('a')));
    const rule = r.gateways[0]!.ports[0]!.routes[0]!.rules[0]!;
    expect(rule.listenerRuleConfig?.metadata.name).toBe('a');
    expect(rule.backends).toHaveLength(1);
  });
  it('two, missing and not accepted → IncompatibleFilters with LBC messages, and no backends', () => {
    const two = withRule(`    - filters: [${ref('a')}, ${ref('b')}]\n      backendRefs: [{name: web, port: 80}]`, lrc('a') + lrc('b'));
    expect(routeBrief(two)).toEqual(['ResolvedRefs=True/ResolvedRefs', 'Accepted=False/IncompatibleFilters']);
    expect(routeMessage(two)).toBe('Only one listener rule config can be referenced per route rule, found multiple');
    expect(resolveYaml(two).gateways[0]!.ports[0]!.routes[0]!.rules[0]!.backends).toEqual([]);
    expect(routeMessage(withRule(`    - filters: [${ref('gone')}]`))).toBe('ListenerRuleConfiguration [ns/gone] not found)');
    const rejected = withRule(`    - filters: [${ref('a')}]`, lrc('a', 'status: {accepted: false, message: "secret [ns/oidc] not found"}'));
    expect(routeMessage(rejected)).toBe('ListenerRuleConfiguration [ns/a] is not accepted. Reason:  secret [ns/oidc] not found)');
  });
});
