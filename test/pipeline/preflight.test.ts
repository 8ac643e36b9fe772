import { describe, expect, it } from 'vitest';
import { ALB_CLASS, lbcCase } from '../lbc/harness.js';

const GATEWAY = `${ALB_CLASS}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: ns}
spec:
  gatewayClassName: alb
  infrastructure: {parametersRef: {group: gateway.k8s.aws, kind: LoadBalancerConfiguration, name: lbc}}
  listeners: [{name: http, port: 80, protocol: HTTP}]
---
apiVersion: v1
kind: Service
metadata: {name: svc, namespace: ns}
spec: {type: NodePort, ports: [{port: 80, targetPort: 8080, nodePort: 30080}]}
`;

function lbConfig(spec: string): string {
  return `\n---\napiVersion: gateway.k8s.aws/v1beta1\nkind: LoadBalancerConfiguration\nmetadata: {name: lbc, namespace: ns}\nspec: ${spec}\n`;
}

function route(rule: string): string {
  return `\n---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r, namespace: ns}\nspec:\n  parentRefs: [{name: gw}]\n  rules: [${rule}]\n`;
}

function tgc(defaultConfiguration: string): string {
  return `\n---\napiVersion: gateway.k8s.aws/v1beta1\nkind: TargetGroupConfiguration\nmetadata: {name: tgc, namespace: ns}\nspec:\n  targetReference: {name: svc}\n  defaultConfiguration: ${defaultConfiguration}\n`;
}

const FORWARD = '{backendRefs: [{name: svc, port: 80}]}';

function preflight(yaml: string) {
  const r = lbcCase(yaml);
  return { r, found: r.diagnostics.filter((d) => d.code.startsWith('GWLB36')).map((d) => ({ code: d.code, object: `${d.object?.kind}/${d.object?.name}`, path: d.path, message: d.message })) };
}

describe('pre-flight: what LBC builds and AWS rejects at deploy', () => {
  it('a clean Gateway has no pre-flight finding and builds', () => {
    const { r, found } = preflight(GATEWAY + lbConfig('{scheme: internal}') + route(FORWARD));
    expect(found).toEqual([]);
    expect(r.stacks).toHaveLength(1);
  });

  it.each([
    [301, 0],
    [302, 0],
    [303, 1],
    [307, 1],
    [308, 1],
  ])('a RequestRedirect with statusCode %i: %i error(s), at the statusCode field', (code, errors) => {
    const { r, found } = preflight(GATEWAY + lbConfig('{}') + route(`{filters: [{type: RequestRedirect, requestRedirect: {scheme: https, statusCode: ${code}}}]}`));
    expect(found).toHaveLength(errors);
    if (errors === 0) return;
    expect(found[0]).toMatchObject({ code: 'GWLB360', object: 'HTTPRoute/r', path: 'spec.rules[0].filters[0].requestRedirect.statusCode' });
    expect(found[0]!.message).toContain(`Value 'HTTP_${code}' at 'actions.1.member.redirectConfig.statusCode' failed to satisfy constraint: Member must satisfy enum value set: [HTTP_301, HTTP_302]`);
    expect(found[0]!.message).toContain('set statusCode: 301');
    expect(r.stacks).toHaveLength(0);
  });

  it('a redirect that keeps scheme, host, port and path loops', () => {
    const { found } = preflight(GATEWAY + lbConfig('{}') + route('{filters: [{type: RequestRedirect, requestRedirect: {statusCode: 301}}]}'));
    expect(found).toEqual([expect.objectContaining({ code: 'GWLB360', path: 'spec.rules[0].filters[0].requestRedirect' })]);
    expect(found[0]!.message).toContain('The redirect configuration is not valid because it creates a loop.');
  });

  it('a path longer than 128 characters and a single-label hostname are condition errors on the rule', () => {
    const long = `/${'a'.repeat(130)}`;
    const { found } = preflight(
      GATEWAY.replace('listeners: [{name: http, port: 80, protocol: HTTP}]', 'listeners: [{name: http, port: 80, protocol: HTTP, hostname: localhost}]') +
        lbConfig('{}') +
        route(`{matches: [{path: {type: Exact, value: "${long}"}}], backendRefs: [{name: svc, port: 80}]}`),
    );
    expect(found.map((f) => [f.code, f.path])).toEqual([
      ['GWLB362', 'spec.rules[0]'],
      ['GWLB362', 'spec.rules[0]'],
    ]);
    const text = found.map((f) => f.message).join('\n');
    expect(text).toMatch(/The 'path-pattern' condition value '\/a{19}…' is longer than 128 characters/);
    expect(text).toMatch(/Host header value 'localhost' must contain a '\.'/);
  });

  it('LoadBalancerConfiguration: a name AWS refuses and out-of-range attributes', () => {
    const { found } = preflight(
      GATEWAY +
        lbConfig('{loadBalancerName: internal-web, loadBalancerAttributes: [{key: idle_timeout.timeout_seconds, value: "5000"}, {key: load_balancing.cross_zone.enabled, value: "false"}]}') +
        route(FORWARD),
    );
    expect(found.map((f) => [f.code, f.object, f.path])).toEqual([
      ['GWLB364', 'Gateway/gw', 'spec.infrastructure.parametersRef'],
      ['GWLB366', 'Gateway/gw', 'spec.infrastructure.parametersRef'],
      ['GWLB366', 'Gateway/gw', 'spec.infrastructure.parametersRef'],
    ]);
    expect(found[0]!.message).toContain("Load balancer name 'internal-web' cannot begin with 'internal-'");
    expect(found[1]!.message).toContain("'idle_timeout.timeout_seconds' value '5000' must be between '1-4000' inclusive");
    expect(found[2]!.message).toContain('Cross-zone load balancing is always on for Application Load Balancers');
  });

  it('TargetGroupConfiguration: health check out of range, timeout not below interval, stickiness type, name — located in the TGC', () => {
    const { found } = preflight(
      GATEWAY +
        lbConfig('{}') +
        route(FORWARD) +
        tgc(
          '{targetGroupName: my--tg, healthCheckConfig: {healthCheckInterval: 400, healthCheckTimeout: 400, healthCheckPath: health}, targetGroupAttributes: [{key: stickiness.type, value: source_ip}]}',
        ),
    );
    expect(found.map((f) => [f.code, f.object, f.path])).toEqual([
      ['GWLB364', 'TargetGroupConfiguration/tgc', 'spec.defaultConfiguration.targetGroupName'],
      ['GWLB365', 'TargetGroupConfiguration/tgc', 'spec.defaultConfiguration.healthCheckConfig.healthCheckInterval'],
      ['GWLB365', 'TargetGroupConfiguration/tgc', 'spec.defaultConfiguration.healthCheckConfig.healthCheckTimeout'],
      ['GWLB365', 'TargetGroupConfiguration/tgc', 'spec.defaultConfiguration.healthCheckConfig.healthCheckPath'],
      ['GWLB365', 'TargetGroupConfiguration/tgc', 'spec.defaultConfiguration.healthCheckConfig.healthCheckTimeout'],
      ['GWLB366', 'TargetGroupConfiguration/tgc', 'spec.defaultConfiguration.targetGroupAttributes[0].value'],
    ]);
    expect(found[1]!.message).toContain("Value '400' at 'healthCheckIntervalSeconds' failed to satisfy constraint: Member must have value less than or equal to 300");
    expect(found[4]!.message).toContain("Health check timeout '400' must be smaller than the interval '400'");
    expect(found[5]!.message).toContain("Stickiness type 'source_ip' is not supported for target groups with the HTTP protocol; use one of [lb_cookie, app_cookie]");
  });

  it('a tag AWS refuses (characters outside its pattern)', () => {
    const { found } = preflight(GATEWAY + lbConfig('{tags: {"team!": x}}') + route(FORWARD));
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => f.code === 'GWLB367' && f.path === 'spec.infrastructure.parametersRef')).toBe(true);
    expect(found[0]!.message).toContain("Value 'team!' at 'tags.1.member.key' failed to satisfy constraint");
  });

  it('two backendRefs to the same Service and port: one target group twice in a forward action', () => {
    const { r, found } = preflight(GATEWAY + lbConfig('{}') + route('{backendRefs: [{name: svc, port: 80, weight: 1}, {name: svc, port: 80, weight: 3}]}'));
    expect(found).toEqual([expect.objectContaining({ code: 'GWLB368', object: 'HTTPRoute/r', path: 'spec.rules[0].backendRefs' })]);
    expect(found[0]!.message).toContain('A target group can appear only once in a forward action');
    expect(r.stacks).toHaveLength(0);
  });

  it('more source ranges × ports than a security group takes (60 rules)', () => {
    const ranges = Array.from({ length: 31 }, (_, i) => `"10.${i}.0.0/16"`).join(', ');
    const yaml = GATEWAY.replace('listeners: [{name: http, port: 80, protocol: HTTP}]', 'listeners: [{name: http, port: 80, protocol: HTTP}, {name: alt, port: 8080, protocol: HTTP}]');
    const { found } = preflight(yaml + lbConfig(`{sourceRanges: [${ranges}]}`) + route(FORWARD));
    expect(found).toEqual([expect.objectContaining({ code: 'GWLB369', object: 'Gateway/gw', path: 'spec.infrastructure.parametersRef' })]);
    expect(found[0]!.message).toContain('AWS rejects AuthorizeSecurityGroupIngress (RulesPerSecurityGroupLimitExceeded');
    expect(found[0]!.message).toContain('needs 62 inbound rules');
  });

  it('a RegularExpression path with a lookahead: ALB regex matching does not support it', () => {
    const { found } = preflight(GATEWAY + lbConfig('{}') + route(`{matches: [{path: {type: RegularExpression, value: "/api/(?!internal).*"}}], backendRefs: [{name: svc, port: 80}]}`));
    expect(found).toEqual([expect.objectContaining({ code: 'GWLB362', object: 'HTTPRoute/r', path: 'spec.rules[0]' })]);
    expect(found[0]!.message).toContain("The 'path-pattern' regular expression '/api/(?!internal).*' uses an unsupported feature: lookahead");
  });
});
