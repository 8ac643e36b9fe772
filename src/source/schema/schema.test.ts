import { describe, expect, it } from 'vitest';
import { loadTexts } from '../load.js';

function load(text: string) {
  return loadTexts([{ file: 'in.yaml', text }]);
}

function errors(text: string): string[] {
  return load(text)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.code} ${d.path ?? ''}: ${d.message}`);
}

const gateway = (listeners: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw}
spec:
  gatewayClassName: alb
  listeners: ${listeners}`;

const route = (spec: string, kind = 'HTTPRoute', apiVersion = 'gateway.networking.k8s.io/v1') => `apiVersion: ${apiVersion}
kind: ${kind}
metadata: {name: r, namespace: ns}
spec:
${spec}`;

// lbc-l7-routes-status.md §1: the defaults LBC relies on.
describe('CRD defaults', () => {
  it('an HTTPRoute without rules gets one catch-all PathPrefix / rule; refs get their group and kind', () => {
    const r = load(route('  parentRefs: [{name: gw}]'));
    const spec = r.snapshot.httpRoutes[0]!.spec;
    expect(spec.rules).toEqual([{ matches: [{ path: { type: 'PathPrefix', value: '/' } }] }]);
    expect(spec.parentRefs[0]).toEqual({ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gw' });
    expect(spec.hostnames).toEqual([]);
  });

  it('a header-only match gets path PathPrefix /, header type Exact; backendRefs get kind Service and weight 1', () => {
    const r = load(route('  rules:\n    - matches: [{headers: [{name: x, value: y}]}]\n      backendRefs: [{name: svc, port: 80}]\n      filters: [{type: RequestRedirect, requestRedirect: {scheme: https}}]'));
    const rule = r.snapshot.httpRoutes[0]?.spec.rules[0];
    // The redirect filter next to backendRefs is rejected by the CRD, so use two routes below.
    expect(rule).toBeUndefined();
    const ok = load(route('  rules:\n    - matches: [{headers: [{name: x, value: y}]}]\n      backendRefs: [{name: svc, port: 80}]\n    - filters: [{type: RequestRedirect, requestRedirect: {scheme: https}}]'));
    const [first, second] = ok.snapshot.httpRoutes[0]!.spec.rules;
    expect(first!.matches[0]).toEqual({ path: { type: 'PathPrefix', value: '/' }, headers: [{ type: 'Exact', name: 'x', value: 'y' }] });
    expect(first!.backendRefs![0]).toEqual({ group: '', kind: 'Service', name: 'svc', port: 80, weight: 1 });
    expect(second!.filters![0]!.requestRedirect).toEqual({ scheme: 'https', statusCode: 302 });
  });

  it('listeners get allowedRoutes Same; Gateways get allowedListeners None; TLS mode defaults to Terminate', () => {
    const r = load(gateway('[{name: a, port: 443, protocol: HTTPS, tls: {certificateRefs: [{name: c}]}}]'));
    const gw = r.snapshot.gateways[0]!;
    expect(gw.metadata).toMatchObject({ namespace: 'default', generation: 1, labels: {}, annotations: {}, finalizers: [] });
    expect(gw.spec.listeners[0]!.allowedRoutes).toEqual({ namespaces: { from: 'Same' } });
    expect(gw.spec.listeners[0]!.tls).toEqual({ mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: 'c' }] });
    expect(gw.spec.allowedListeners).toEqual({ namespaces: { from: 'None' } });
  });

  it('ListenerRuleConfiguration actions get their LBC CRD defaults', () => {
    const r = load(`apiVersion: gateway.k8s.aws/v1beta1
kind: ListenerRuleConfiguration
metadata: {name: l, namespace: ns}
spec:
  actions:
    - {type: fixed-response, fixedResponseConfig: {statusCode: 404}}
    - type: authenticate-oidc
      authenticateOIDCConfig: {authorizationEndpoint: a, secret: {name: s}, issuer: i, tokenEndpoint: t, userInfoEndpoint: u}`);
    const actions = r.snapshot.listenerRuleConfigurations[0]!.spec.actions!;
    expect(actions[0]).toEqual({ type: 'fixed-response', fixedResponseConfig: { statusCode: 404, contentType: 'text/plain' } });
    expect(actions[1]).toMatchObject({ authenticateOIDCConfig: { scope: 'openid', onUnauthenticatedRequest: 'authenticate', sessionCookieName: 'AWSELBAuthSessionCookie', sessionTimeout: 604800 } });
  });

  it('Service ports default protocol TCP and targetPort to port; Secret data is base64-decoded; EndpointSlice fields move into spec', () => {
    const r = load(`apiVersion: v1
kind: Service
metadata: {name: s}
spec: {ports: [{port: 80}]}
---
apiVersion: v1
kind: Secret
metadata: {name: oidc}
data: {clientID: aWQ=}
stringData: {clientSecret: shh}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: s-1}
addressType: IPv4
endpoints: [{addresses: [10.0.0.1]}]
ports: [{port: 8080}]`);
    expect(r.snapshot.services[0]!.spec).toEqual({ type: 'ClusterIP', ports: [{ protocol: 'TCP', port: 80, targetPort: 80 }] });
    expect(r.snapshot.secrets[0]!.spec.data).toEqual({ clientID: 'id', clientSecret: 'shh' });
    expect(r.snapshot.endpointSlices[0]!.spec).toMatchObject({ addressType: 'IPv4', endpoints: [{ addresses: ['10.0.0.1'] }], ports: [{ port: 8080 }] });
  });
});

// Each row: input, the one expected error (code, path, message fragment).
const rejected: [string, string, string][] = [
  [gateway('[{name: a, port: 80, protocol: HTTP}, {name: a, port: 81, protocol: HTTP}]'), 'GWLB107 spec.listeners[1].name', 'Listener name must be unique'],
  [gateway('[{name: a, port: 80, protocol: HTTP}, {name: b, port: 80, protocol: HTTP}]'), 'GWLB107 spec.listeners[1]', 'Combination of port, protocol and hostname'],
  [gateway('[{name: a, port: 80, protocol: HTTP, tls: {certificateRefs: [{name: c}]}}]'), 'GWLB107 spec.listeners[0].tls', "tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']"],
  [gateway('[{name: a, port: 443, protocol: TLS}]'), 'GWLB107 spec.listeners[0]', 'tls mode must be set for protocol TLS'],
  [gateway('[{name: a, port: 80, protocol: TCP, hostname: a.com}]'), 'GWLB107 spec.listeners[0].hostname', "hostname must not be specified for protocols ['TCP', 'UDP']"],
  [gateway('[{name: a, port: 70000, protocol: HTTP}]'), 'GWLB105 spec.listeners[0].port', 'must be between 1 and 65535'],
  [gateway('[{name: a, port: 80, protocol: HTTP, hostname: "*.Example.com"}]'), 'GWLB106 spec.listeners[0].hostname', 'lower-case DNS name'],
  [gateway('[{name: A_b, port: 80, protocol: HTTP}]'), 'GWLB106 spec.listeners[0].name', 'lower-case letters'],
  [gateway('[]'), 'GWLB105 spec.listeners', 'at least 1 item'],
  [route('  rules: [{matches: [{path: {type: PathPrefix, value: api}}]}]'), 'GWLB107 spec.rules[0].matches[0].path.value', "must be an absolute path and start with '/'"],
  [route('  rules: [{matches: [{path: {value: /a//b}}]}]'), 'GWLB107 spec.rules[0].matches[0].path.value', "must not contain '//'"],
  [route('  rules: [{matches: [{method: FETCH}]}]'), 'GWLB104 spec.rules[0].matches[0].method', 'unsupported value "FETCH"'],
  [route('  rules: [{backendRefs: [{name: svc}]}]'), 'GWLB107 spec.rules[0].backendRefs[0]', 'Must have port for Service reference'],
  [route('  rules: [{backendRefs: [{name: svc, port: 80, weight: 1000001}]}]'), 'GWLB105 spec.rules[0].backendRefs[0].weight', 'out of range'],
  [route('  rules: [{filters: [{type: RequestRedirect}]}]'), 'GWLB107 spec.rules[0].filters[0]', 'filter.requestRedirect must be specified for RequestRedirect filter.type'],
  [route('  rules: [{filters: [{type: URLRewrite, urlRewrite: {}}, {type: URLRewrite, urlRewrite: {}}]}]'), 'GWLB107 spec.rules[0].filters', 'URLRewrite filter cannot be repeated'],
  [route('  rules: [{filters: [{type: URLRewrite, urlRewrite: {path: {type: ReplaceFullPath}}}]}]'), 'GWLB107 spec.rules[0].filters[0].urlRewrite.path', "replaceFullPath must be specified when type is set to 'ReplaceFullPath'"],
  [route('  parentRefs: [{name: gw}, {name: gw, sectionName: a}]'), 'GWLB107 spec.parentRefs[0]', 'sectionName must be specified when parentRefs includes 2 or more references'],
  [route('  parentRefs: [{name: gw, sectionName: a}, {name: gw, sectionName: a}]'), 'GWLB107 spec.parentRefs[1]', 'sectionName must be unique'],
  [route('  hostnames: [10.0.0.1:80]'), 'GWLB106 spec.hostnames[0]', 'lower-case DNS name'],
  [route('  rules: [{matches: [{method: {type: Exact}}]}]', 'GRPCRoute'), 'GWLB107 spec.rules[0].matches[0].method', "One or both of 'service' or 'method' must be specified"],
  [route('  rules: []', 'TCPRoute', 'gateway.networking.k8s.io/v1alpha2'), 'GWLB105 spec.rules', 'at least 1 item'],
  [route('  rules: [{backendRefs: [{name: s, port: 1}]}]', 'TCPRoute', 'gateway.networking.k8s.io/v1alpha1'), 'GWLB100 apiVersion', 'TCPRoute is not served at gateway.networking.k8s.io/v1alpha1'],
  [
    `apiVersion: gateway.k8s.aws/v1beta1\nkind: ListenerRuleConfiguration\nmetadata: {name: l}\nspec: {actions: [{type: forward}]}`,
    'GWLB107 spec.actions[0]',
    "forwardConfig must be specified only when type is 'forward'",
  ],
  [
    `apiVersion: gateway.k8s.aws/v1beta1\nkind: ListenerRuleConfiguration\nmetadata: {name: l}\nspec: {actions: [{type: fixed-response, fixedResponseConfig: {statusCode: 302}}]}`,
    'GWLB107 spec.actions[0].fixedResponseConfig.statusCode',
    'StatusCode must be a valid HTTP status code in the 2XX, 4XX, or 5XX range',
  ],
  [
    `apiVersion: gateway.k8s.aws/v1beta1\nkind: LoadBalancerConfiguration\nmetadata: {name: l}\nspec: {listenerConfigurations: [{protocolPort: "HTTPS:443", mutualAuthentication: {mode: verify}}]}`,
    'GWLB107 spec.listenerConfigurations[0].mutualAuthentication',
    "trustStore is required when mutualAuthentication mode is 'verify'",
  ],
  [
    `apiVersion: gateway.k8s.aws/v1beta1\nkind: LoadBalancerConfiguration\nmetadata: {name: l}\nspec: {listenerConfigurations: [{protocolPort: "HTTPS-443"}]}`,
    'GWLB106 spec.listenerConfigurations[0].protocolPort',
    'must be PROTOCOL:PORT',
  ],
  [`apiVersion: gateway.k8s.aws/v1\nkind: LoadBalancerConfiguration\nmetadata: {name: l}\nspec: {scheme: public}`, 'GWLB104 spec.scheme', 'must be one of internal, internet-facing'],
];

describe('schema and CEL rules reject what the API server rejects', () => {
  it.each(rejected)('%#: %s', (text, where, fragment) => {
    const found = errors(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(where);
    expect(found[0]).toContain(fragment);
  });

  it('a rejected object is not in the snapshot, and the error is located at the field', () => {
    const r = load(gateway('[{name: a, port: "80", protocol: HTTP}]'));
    expect(r.snapshot.gateways).toHaveLength(0);
    expect(r.diagnostics[0]).toMatchObject({ code: 'GWLB101', location: { file: 'in.yaml', line: 6 }, path: 'spec.listeners[0].port' });
  });

  it('unknown fields on CRDs warn (and are dropped); on core kinds they pass silently', () => {
    const r = load(`${gateway('[{name: a, port: 80, protocol: HTTP, hostnme: a.com}]')}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80}], sessionAffinity: None}`);
    expect(r.diagnostics.map((d) => `${d.severity} ${d.code} ${d.path}`)).toEqual(['warning GWLB102 spec.listeners[0].hostnme']);
    expect(r.snapshot.gateways[0]!.spec.listeners[0]).not.toHaveProperty('hostnme');
  });

  it('XListenerSet (experimental) is read as a ListenerSet; unknown kinds are skipped, not errors', () => {
    const r = load(`apiVersion: gateway.networking.x-k8s.io/v1alpha1
kind: XListenerSet
metadata: {name: ls}
spec: {parentRef: {name: gw}, listeners: [{name: a, port: 80, protocol: HTTP}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}`);
    expect(r.snapshot.listenerSets[0]!.kind).toBe('ListenerSet');
    expect(r.snapshot.listenerSets[0]!.spec.parentRef).toEqual({ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gw' });
    expect(r.skipped.map((s) => s.kind)).toEqual(['Deployment']);
    expect(r.diagnostics).toEqual([]);
  });
});

// Found by test/pipeline/fuzz.test.ts: values of the wrong type must be reported, never passed on.
describe('wrong types outside spec', () => {
  it('a Gateway status whose conditions are not a list of conditions is an error, not input for resolve', () => {
    expect(errors(`${gateway('[{name: a, port: 80, protocol: HTTP}]')}\nstatus: {conditions: "Programmed"}`)).toEqual([
      'GWLB101 status.conditions: must be a list, got the string "Programmed"',
    ]);
    expect(errors(`${gateway('[{name: a, port: 80, protocol: HTTP}]')}\nstatus: {conditions: [{type: Programmed, status: "True", message: 7}]}`)).toEqual([
      'GWLB101 status.conditions[0].message: must be a string, got number 7',
    ]);
  });

  it('a label that is a map says so (not "[object Object]"); a bare number is told to be quoted', () => {
    const text = `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: gw, labels: {a: {b: c}, v: 2}}\nspec: {gatewayClassName: alb, listeners: [{name: a, port: 80, protocol: HTTP}]}`;
    expect(errors(text)).toEqual(['GWLB101 metadata.labels.a: must be a string, got an object', 'GWLB101 metadata.labels.v: must be a string (quote it: "2")']);
  });

  it('Secret stringData values must be strings', () => {
    expect(errors('apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {clientSecret: [a]}')).toEqual(['GWLB101 stringData.clientSecret: must be a string, got a list']);
  });
});

describe('field names that are also JavaScript object properties', () => {
  it('are unknown fields on CRDs, and kept as plain data on core kinds', () => {
    const r = load(`${gateway('[{name: a, port: 80, protocol: HTTP, constructor: 1, toString: x}]')}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80}], __proto__: {polluted: true}}`);
    expect(r.diagnostics.map((d) => `${d.code} ${d.path}`)).toEqual(['GWLB102 spec.listeners[0].constructor', 'GWLB102 spec.listeners[0].toString']);
    const spec = r.snapshot.services[0]!.spec as unknown as Record<string, unknown>;
    expect(Object.getPrototypeOf(spec)).toBe(Object.prototype);
    expect(spec['polluted']).toBeUndefined();
    expect(Object.keys(spec)).toContain('__proto__');
  });
});
