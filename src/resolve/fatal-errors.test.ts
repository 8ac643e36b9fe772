import { describe, expect, it } from 'vitest';
import { ALB_CLASS, brief, resolveYaml, service, statusOf } from '../../test/helpers/manifests.js';
import { withBuildFailures } from './statuses.js';

const HTTP_ROUTE = `
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: apps}
spec:
  parentRefs: [{name: gw, namespace: ns}]
  rules: [{backendRefs: [{name: svc, port: 80}]}]
---
apiVersion: v1
kind: Namespace
metadata: {name: apps, labels: {team: a}}
${service('svc', 'apps')}`;

function gatewayWithSelector(selector: string): string {
  return `${ALB_CLASS}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: ns}
spec:
  gatewayClassName: alb
  listeners:
  - name: http
    port: 80
    protocol: HTTP
    allowedRoutes: {namespaces: {from: Selector, selector: ${selector}}}
${HTTP_ROUTE}`;
}

// namespace_selector.go 36–38 + apimachinery v0.36.2 LabelSelectorAsSelector / NewRequirement.
describe('an unparsable namespace selector fails the Gateway (namespace_selector.go 38)', () => {
  const KEY_REGEX = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName', or 'my.name', or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  const VALUE_REGEX =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue', or 'my_value', or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
  it.each([
    [
      'In without values',
      '{matchExpressions: [{key: team, operator: In}]}',
      "Unable to parse selector &LabelSelector{MatchLabels:map[string]string{},MatchExpressions:[]LabelSelectorRequirement{LabelSelectorRequirement{Key:team,Operator:In,Values:[],},},}: values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty",
    ],
    [
      'an unknown operator',
      '{matchExpressions: [{key: team, operator: Equals, values: [a]}]}',
      'Unable to parse selector &LabelSelector{MatchLabels:map[string]string{},MatchExpressions:[]LabelSelectorRequirement{LabelSelectorRequirement{Key:team,Operator:Equals,Values:[a],},},}: "Equals" is not a valid label selector operator',
    ],
    [
      'Exists with values',
      '{matchExpressions: [{key: team, operator: Exists, values: [a, b]}]}',
      'Unable to parse selector &LabelSelector{MatchLabels:map[string]string{},MatchExpressions:[]LabelSelectorRequirement{LabelSelectorRequirement{Key:team,Operator:Exists,Values:[a b],},},}: values: Invalid value: ["a","b"]: values set must be empty for exists and does not exist',
    ],
    [
      'an invalid key',
      '{matchExpressions: [{key: "-team", operator: DoesNotExist}]}',
      `Unable to parse selector &LabelSelector{MatchLabels:map[string]string{},MatchExpressions:[]LabelSelectorRequirement{LabelSelectorRequirement{Key:-team,Operator:DoesNotExist,Values:[],},},}: key: Invalid value: "-team": ${KEY_REGEX}`,
    ],
    [
      'an invalid matchLabels value',
      '{matchLabels: {team: "a b"}}',
      `Unable to parse selector &LabelSelector{MatchLabels:map[string]string{team: a b,},MatchExpressions:[]LabelSelectorRequirement{},}: values[0][team]: Invalid value: "a b": ${VALUE_REGEX}`,
    ],
    [
      'a bad key prefix and an empty In (aggregated)',
      '{matchExpressions: [{key: "Ex/t", operator: In, values: []}]}',
      "Unable to parse selector &LabelSelector{MatchLabels:map[string]string{},MatchExpressions:[]LabelSelectorRequirement{LabelSelectorRequirement{Key:Ex/t,Operator:In,Values:[],},},}: [key: Invalid value: \"Ex/t\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*'), values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty]",
    ],
  ])('%s in a listener selector', (_, selector, message) => {
    const r = resolveYaml(gatewayWithSelector(selector));
    const gw = r.gateways.find((g) => g.gateway.metadata.name === 'gw')!;
    expect(gw.fatal).toEqual({ kind: 'loader', message });
    const s = statusOf(r, 'Gateway', 'ns', 'gw');
    expect(s?.kind === 'Gateway' && s.conditions[0]).toEqual({ type: 'Accepted', status: 'False', reason: 'ListenersNotValid', message, observedGeneration: 1 });
    // The mapper's error drops every route status (route_listener_mapper.go 180–181).
    expect(statusOf(r, 'HTTPRoute', 'apps', 'r')).toBeUndefined();
    expect(r.diagnostics.find((d) => d.code === 'GWLB204')?.path).toBe('spec.listeners[0].allowedRoutes.namespaces.selector');
  });

  it('a valid selector still attaches the route', () => {
    const r = resolveYaml(gatewayWithSelector('{matchExpressions: [{key: team, operator: In, values: [a]}]}'));
    expect(r.gateways[0]!.fatal).toBeUndefined();
    expect(r.gateways[0]!.ports[0]!.routes.map((x) => x.route.metadata.name)).toEqual(['r']);
  });

  const listenerSetCase = (withSet: boolean) => `${ALB_CLASS}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: ns}
spec:
  gatewayClassName: alb
  allowedListeners: {namespaces: {from: Selector, selector: {matchExpressions: [{key: team, operator: NotIn}]}}}
  listeners: [{name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}]
${
  withSet
    ? `---
apiVersion: gateway.networking.k8s.io/v1
kind: ListenerSet
metadata: {name: ls, namespace: apps}
spec:
  parentRef: {name: gw, namespace: ns}
  listeners: [{name: extra, port: 8080, protocol: HTTP}]`
    : ''
}
${HTTP_ROUTE}`;

  it("in the Gateway's allowedListeners, once a ListenerSet asks to attach (listener_set.go 120)", () => {
    const r = resolveYaml(listenerSetCase(true));
    const message =
      "Unable to parse selector &LabelSelector{MatchLabels:map[string]string{},MatchExpressions:[]LabelSelectorRequirement{LabelSelectorRequirement{Key:team,Operator:NotIn,Values:[],},},}: values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty";
    expect(r.gateways[0]!.fatal).toEqual({ kind: 'loader', message });
    const s = statusOf(r, 'Gateway', 'ns', 'gw');
    expect(s?.kind === 'Gateway' && s.conditions[0]!.message).toBe(message);
    expect(s?.kind === 'Gateway' && s.listeners).toBeUndefined();
    expect(statusOf(r, 'ListenerSet', 'apps', 'ls')).toBeUndefined();
    expect(statusOf(r, 'HTTPRoute', 'apps', 'r')).toBeUndefined();
  });

  it('in allowedListeners is never parsed when no ListenerSet points at the Gateway', () => {
    const r = resolveYaml(listenerSetCase(false));
    expect(r.gateways[0]!.fatal).toBeUndefined();
    expect(statusOf(r, 'HTTPRoute', 'apps', 'r')?.kind).toBe('Route');
  });
});

// loader.go 101–113 and 197–236: the failures found before a fatal load error are still submitted.
describe('a fatal load error keeps the route failures found before it', () => {
  const yaml = `${ALB_CLASS}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: nlb, namespace: ns}
spec:
  gatewayClassName: nlb
  listeners: [{name: tcp, port: 80, protocol: TCP}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: alb, namespace: ns}
spec:
  gatewayClassName: alb
  listeners: [{name: http, port: 80, protocol: HTTP}]
---
apiVersion: gateway.networking.k8s.io/v1alpha2
kind: TCPRoute
metadata: {name: missing-svc, namespace: ns}
spec:
  parentRefs: [{name: nlb}]
  rules: [{backendRefs: [{name: nope, port: 80}]}]
---
apiVersion: gateway.networking.k8s.io/v1alpha2
kind: TCPRoute
metadata: {name: ok-before, namespace: ns}
spec:
  parentRefs: [{name: nlb}]
  rules: [{backendRefs: [{name: svc, port: 80}]}]
---
apiVersion: gateway.networking.k8s.io/v1alpha2
kind: TCPRoute
metadata: {name: chained, namespace: ns}
spec:
  parentRefs: [{name: nlb}]
  rules: [{backendRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: alb, port: 80}]}]
---
apiVersion: gateway.networking.k8s.io/v1alpha2
kind: TCPRoute
metadata: {name: later, namespace: ns}
spec:
  parentRefs: [{name: nlb}]
  rules: [{backendRefs: [{name: svc, port: 80}]}]
${service('svc')}`;

  it('earlier failures and the failing route get status; routes after it and successes do not', () => {
    const r = resolveYaml(yaml);
    const nlb = r.gateways.find((g) => g.gateway.metadata.name === 'nlb')!;
    expect(nlb.fatal).toEqual({
      kind: 'loader',
      message: 'Gateway (ns:alb) is not usable yet, LB ARN is not provisioned). Invalid data can be found in route (TCPRoute, ns:chained)',
    });
    const conditions = (name: string) => {
      const s = statusOf(r, 'TCPRoute', 'ns', name);
      return s?.kind === 'Route' ? s.parents.map((p) => p.conditions) : undefined;
    };
    expect(conditions('missing-svc')?.map(brief)).toEqual([['ResolvedRefs=False/BackendNotFound', 'Accepted=True/Accepted']]);
    expect(conditions('missing-svc')?.[0]![0]!.message).toBe('Service (ns:nope) not found)');
    expect(conditions('chained')?.map(brief)).toEqual([['ResolvedRefs=False/BackendNotFound', 'Accepted=True/Accepted']]);
    expect(conditions('chained')?.[0]![0]!.message).toBe('Gateway (ns:alb) is not usable yet, LB ARN is not provisioned)');
    expect(conditions('ok-before')).toBeUndefined();
    expect(conditions('later')).toBeUndefined();
  });

  it('a backend over weight 999 that does not load is a warning, not the fatal weight error (backend.go 147–175)', () => {
    const r = resolveYaml(yaml.replace('{name: nope, port: 80}', '{name: nope, port: 80, weight: 1000}').replace(/kind: Gateway, name: alb/, 'kind: Service, name: svc'));
    const nlb = r.gateways.find((g) => g.gateway.metadata.name === 'nlb')!;
    expect(nlb.fatal).toBeUndefined();
    const s = statusOf(r, 'TCPRoute', 'ns', 'missing-svc');
    expect(s?.kind === 'Route' && brief(s.parents[0]!.conditions)).toEqual(['ResolvedRefs=False/BackendNotFound', 'Accepted=True/Accepted']);
  });
});

// gateway_controller.go updateGatewayStatusFailure (nil loader results) + utils.go prepareGatewayConditionUpdate.
describe('a failed reconcile rewrites only Accepted', () => {
  const failing = `${ALB_CLASS}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: ns, generation: 3}
spec:
  gatewayClassName: alb
  listeners: [{name: http, port: 80, protocol: HTTP, hostname: "10.0.0.1"}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: ns}
spec:
  parentRefs: [{name: gw}]
  hostnames: [a.example.com]`;

  it('a loader error: Programmed keeps the API server default, no observedGeneration, no listeners', () => {
    const s = statusOf(resolveYaml(failing), 'Gateway', 'ns', 'gw');
    expect(s).toEqual({
      kind: 'Gateway',
      conditions: [
        { type: 'Accepted', status: 'False', reason: 'ListenersNotValid', message: 'listener hostname http is not valid (listener name 10.0.0.1)', observedGeneration: 3 },
        { type: 'Programmed', status: 'Unknown', reason: 'Pending', message: 'Waiting for controller' },
      ],
    });
  });

  it("keeps the input's own Programmed condition when the Gateway carries one", () => {
    const withStatus = failing.replace('  listeners: [{name: http, port: 80, protocol: HTTP, hostname: "10.0.0.1"}]', `  listeners: [{name: http, port: 80, protocol: HTTP, hostname: "10.0.0.1"}]
status:
  conditions:
  - {type: Programmed, status: "True", reason: Programmed, message: "arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/x/y", observedGeneration: 2}
  - {type: Accepted, status: "True", reason: Accepted, message: "", observedGeneration: 2}`);
    const s = statusOf(resolveYaml(withStatus), 'Gateway', 'ns', 'gw');
    expect(s?.kind === 'Gateway' && s.conditions.map((c) => `${c.type}=${c.status}/${c.reason}@${c.observedGeneration}`)).toEqual([
      'Programmed=True/Programmed@2',
      'Accepted=False/ListenersNotValid@3',
    ]);
  });

  it('a model build failure: Gateway Accepted=False/Invalid only; its ListenerSets get no status and no listeners: []', () => {
    const yaml = `${ALB_CLASS}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: ns, generation: 2}
spec:
  gatewayClassName: alb
  allowedListeners: {namespaces: {from: Same}}
  listeners: [{name: http, port: 80, protocol: HTTP}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: ListenerSet
metadata: {name: ls, namespace: ns}
spec:
  parentRef: {name: gw}
  listeners: [{name: extra, port: 8080, protocol: HTTP}]`;
    const r = withBuildFailures(resolveYaml(yaml), new Set(['ns/gw']));
    expect(statusOf(r, 'Gateway', 'ns', 'gw')).toEqual({
      kind: 'Gateway',
      conditions: [
        { type: 'Accepted', status: 'False', reason: 'Invalid', message: 'Check Gateway Events for more information.', observedGeneration: 2 },
        { type: 'Programmed', status: 'Unknown', reason: 'Pending', message: 'Waiting for controller' },
      ],
    });
    expect(statusOf(r, 'ListenerSet', 'ns', 'ls')).toBeUndefined();
  });
});
