/**
 * Port of LBC v3.5.0 pkg/gateway/tg_config_constructor_test.go. LBC asserts the merged
 * TargetGroupProps; here they are written as TargetGroupConfigurations and the assertion is on
 * what the props become in the built TG and TGB. Two props have no effect there and so cannot be
 * seen: `ipAddressType` (v3.5.0 takes the TG's from the Service's ipFamilies) and, on an NLB,
 * `protocolVersion`.
 */
import { describe, expect, it } from 'vitest';
import type { TgFixture } from './tg-fixture.js';
import { cases, tgCase, tgbSpec, tgSpec } from './tg-fixture.js';

const F = 'tg_config_constructor_test.go';

function built(f: TgFixture) {
  const r = tgCase(f);
  expect(r.errors).toEqual([]);
  return { tg: tgSpec(r), tgb: (tgbSpec(r) as { template: { spec: Record<string, unknown> } }).template.spec };
}

describe(`${F} Test_ConstructTargetGroupConfigForRoute`, () => {
  it(`${F} Test_ConstructTargetGroupConfigForRoute/null config`, () => {
    // No props: the cluster's default target type and a generated name.
    expect(built({}).tg).toMatchObject({ name: 'k8s-myrouten-myroute-224f4b6ea6', targetType: 'instance' });
  });
  it(`${F} Test_ConstructTargetGroupConfigForRoute/with just default props`, () => {
    expect(built({ tgc: '  defaultConfiguration: {targetType: ip}' }).tg).toMatchObject({ targetType: 'ip', port: 80 });
  });
  it(`${F} Test_ConstructTargetGroupConfigForRoute/basic merge`, () => {
    const tgc = `  defaultConfiguration: {targetType: ip}
  routeConfigurations: [{routeIdentifier: {kind: HTTPRoute}, targetGroupProps: {targetGroupName: my-tg-name}}]`;
    expect(built({ tgc }).tg).toMatchObject({ name: 'my-tg-name', targetType: 'ip' });
  });
});

/**
 * Test_mergeWithLongestMatch on an NLB: the route is the TCPRoute `my-route-ns/my-route` (LBC's
 * HTTPRoute `routens/httproute`; the kinds in the identifiers follow), so that LBC's TCP and UDP
 * protocols are valid.
 */
const DEFAULT_PROPS = `{targetGroupName: tg name, ipAddressType: ipv4,
    healthCheckConfig: {healthyThresholdCount: 1, healthCheckInterval: 2, healthCheckPath: /foo, healthCheckPort: "3", healthCheckProtocol: TCP, healthCheckTimeout: 4, unhealthyThresholdCount: 5, matcher: {httpCode: "1"}},
    nodeSelector: {}, targetGroupAttributes: [{key: foo, value: bar}], targetType: ip, protocol: TCP, protocolVersion: HTTP1, enableMultiCluster: true, tags: {t1: t2, t3: t4}}`;
const ROUTE_PROPS = `{targetGroupName: tg name route, ipAddressType: ipv6,
        healthCheckConfig: {healthyThresholdCount: 10, healthCheckInterval: 20, healthCheckPath: /fooroute, healthCheckPort: "30", healthCheckProtocol: HTTP, healthCheckTimeout: 40, unhealthyThresholdCount: 50, matcher: {httpCode: "10"}},
        nodeSelector: {}, targetGroupAttributes: [{key: foo, value: barroute}], targetType: instance, protocol: UDP, protocolVersion: HTTP2, enableMultiCluster: false, tags: {t1: t2route, t3: t4route}}`;
/** DEFAULT_PROPS as built: an ip TG (so no nodeSelector), TCP health check (so no path or matcher). */
const FROM_DEFAULT = {
  tg: {
    name: 'tg name',
    targetType: 'ip',
    port: 80,
    protocol: 'TCP',
    ipAddressType: 'ipv4',
    healthCheckConfig: { port: 3, protocol: 'TCP', intervalSeconds: 2, timeoutSeconds: 4, healthyThresholdCount: 1, unhealthyThresholdCount: 5 },
    targetGroupAttributes: [{ key: 'foo', value: 'bar' }],
    tags: { t1: 't2', t3: 't4' },
  },
  multiCluster: true,
  nodeSelector: undefined,
};

const sorted = (attrs: unknown) => [...((attrs ?? []) as { key: string }[])].sort((a, b) => a.key.localeCompare(b.key));

describe(`${F} Test_mergeWithLongestMatch`, () => {
  const rc = (id: string, props: string) => `\n    - routeIdentifier: ${id}\n      targetGroupProps: ${props}`;
  cases(`${F} Test_mergeWithLongestMatch`, [
    { name: 'only default provided', defaults: DEFAULT_PROPS, routes: '', want: FROM_DEFAULT },
    {
      name: 'no route config match, use default values',
      defaults: DEFAULT_PROPS,
      routes: rc('{kind: UDPRoute}', '{targetGroupName: my-udp-tg-name}') + rc('{kind: TLSRoute}', '{targetGroupName: my-tls-tg-name}'),
      want: FROM_DEFAULT,
    },
    {
      name: 'exact route match, use only route specific values',
      defaults: DEFAULT_PROPS,
      routes:
        rc('{kind: TCPRoute}', "{targetGroupName: other http route that shouldnt considered}") +
        rc('{kind: TCPRoute, name: my-route, namespace: my-route-ns}', ROUTE_PROPS) +
        rc('{kind: TLSRoute}', '{targetGroupName: my-tls-tg-name}'),
      want: {
        tg: {
          name: 'tg name route',
          targetType: 'instance',
          port: 8080,
          protocol: 'UDP',
          ipAddressType: 'ipv4',
          healthCheckConfig: { port: 30, protocol: 'HTTP', path: '/fooroute', matcher: { httpCode: '10' }, intervalSeconds: 20, timeoutSeconds: 40, healthyThresholdCount: 10, unhealthyThresholdCount: 50 },
          targetGroupAttributes: [{ key: 'foo', value: 'barroute' }],
          tags: { t1: 't2route', t3: 't4route' },
        },
        multiCluster: undefined,
        nodeSelector: {},
      },
    },
    {
      name: 'kind + ns match takes precedence over just kind match',
      defaults: DEFAULT_PROPS,
      routes: rc('{kind: TCPRoute, namespace: my-route-ns}', '{targetGroupName: expected tg name}') + rc('{kind: TCPRoute}', '{targetGroupName: not expected tg name}'),
      want: { ...FROM_DEFAULT, tg: { ...FROM_DEFAULT.tg, name: 'expected tg name' } },
    },
    {
      name: 'kind is used as last resort',
      defaults: DEFAULT_PROPS,
      routes: rc('{kind: TCPRoute, namespace: my-route-ns}', '{targetGroupName: expected tg name}') + rc('{kind: TCPRoute}', '{targetGroupName: not expected tg name}'),
      want: { ...FROM_DEFAULT, tg: { ...FROM_DEFAULT.tg, name: 'expected tg name' } },
    },
    {
      name: 'no match because more specific route identifiers are used',
      defaults: '{targetGroupName: tg name}',
      routes: rc('{kind: TCPRoute, namespace: namespace, name: name}', '{targetGroupName: not expected tg name}') + rc('{kind: TCPRoute, namespace: namespace}', '{targetGroupName: not expected tg name2}'),
      want: {
        tg: { name: 'tg name', targetType: 'instance', port: 8080, protocol: 'TCP', ipAddressType: 'ipv4', healthCheckConfig: { port: 'traffic-port', protocol: 'TCP', intervalSeconds: 15, timeoutSeconds: 5, healthyThresholdCount: 3, unhealthyThresholdCount: 3 } },
        multiCluster: undefined,
        nodeSelector: undefined,
      },
    },
    {
      name: 'attribute / tag merging logic',
      defaults: `{targetGroupAttributes: [{key: not-shared-default, value: default-not-shared-valued}, {key: shared, value: shared-default-value}],
    tags: {not-shared-default: not-shared-default-value, shared-tag: shared-tag-default-value}}`,
      routes: rc(
        '{kind: TCPRoute}',
        `{targetGroupAttributes: [{key: not-shared-route, value: route-not-shared-valued}, {key: shared, value: shared-route-value}],
        tags: {not-shared-route: not-shared-route-value, shared-tag: shared-tag-route-value}}`,
      ),
      want: {
        tg: {
          name: 'k8s-myrouten-myroute-8d8111f6ac',
          targetType: 'instance',
          port: 8080,
          protocol: 'TCP',
          ipAddressType: 'ipv4',
          healthCheckConfig: { port: 'traffic-port', protocol: 'TCP', intervalSeconds: 15, timeoutSeconds: 5, healthyThresholdCount: 3, unhealthyThresholdCount: 3 },
          targetGroupAttributes: [
            { key: 'not-shared-default', value: 'default-not-shared-valued' },
            { key: 'not-shared-route', value: 'route-not-shared-valued' },
            { key: 'shared', value: 'shared-route-value' },
          ],
          tags: { 'not-shared-default': 'not-shared-default-value', 'not-shared-route': 'not-shared-route-value', 'shared-tag': 'shared-tag-route-value' },
        },
        multiCluster: undefined,
        nodeSelector: undefined,
      },
    },
  ], ({ defaults, routes, want }) => {
    const { tg, tgb } = built({ lb: 'nlb', tgc: `  defaultConfiguration: ${defaults}${routes ? `\n  routeConfigurations:${routes}` : ''}` });
    // Attributes go through a map in LBC (random order): compared as a set.
    expect({ ...tg, targetGroupAttributes: sorted(tg['targetGroupAttributes']) }).toEqual({ ...want.tg, targetGroupAttributes: sorted(want.tg.targetGroupAttributes) });
    expect(tgb['multiClusterTargetGroup']).toBe(want.multiCluster);
    expect(tgb['nodeSelector']).toEqual(want.nodeSelector);
  });
});

/** Test_MergeProps: the Service's TGC (high) over the Gateway's default TGC (low, from its LoadBalancerConfiguration). */
function mergeCase(high: string | undefined, low: string | undefined) {
  const gatewayDefault = low
    ? `
---
apiVersion: gateway.k8s.aws/v1beta1
kind: LoadBalancerConfiguration
metadata: {name: lbc, namespace: my-gw-ns}
spec: {defaultTargetGroupConfiguration: {name: gw-default}}
---
apiVersion: gateway.k8s.aws/v1beta1
kind: TargetGroupConfiguration
metadata: {name: gw-default, namespace: my-gw-ns}
spec:
  defaultConfiguration: ${low}`
    : '';
  return built({
    ...(high ? { tgc: `  defaultConfiguration: ${high}` } : {}),
    ...(low ? { infrastructure: '{parametersRef: {group: gateway.k8s.aws, kind: LoadBalancerConfiguration, name: lbc}}', extra: gatewayDefault } : {}),
  });
}

describe(`${F} Test_MergeProps`, () => {
  it(`${F} Test_MergeProps/both nil`, () => {
    const { tg } = mergeCase(undefined, undefined);
    expect(tg).toMatchObject({ name: 'k8s-myrouten-myroute-224f4b6ea6', targetType: 'instance' });
    expect(tg).not.toHaveProperty('tags');
    expect(tg).not.toHaveProperty('targetGroupAttributes');
  });
  it(`${F} Test_MergeProps/high priority nil, returns low priority`, () => {
    expect(mergeCase(undefined, '{targetType: ip}').tg).toMatchObject({ targetType: 'ip', port: 80 });
  });
  it(`${F} Test_MergeProps/low priority nil, returns high priority`, () => {
    expect(mergeCase('{targetType: ip}', undefined).tg).toMatchObject({ targetType: 'ip', port: 80 });
  });
  it(`${F} Test_MergeProps/service TGC health check wins, LBC default provides targetType`, () => {
    // The health check block is taken whole from the Service's TGC: the Gateway default's interval
    // is dropped. (LBC's case gives it 15, the default anyway; 20 here makes the drop visible.)
    const { tg } = mergeCase(
      '{healthCheckConfig: {healthCheckPath: /svc/health}}',
      '{targetType: ip, healthCheckConfig: {healthCheckPath: /gw/health, healthCheckInterval: 20}, targetGroupAttributes: [{key: deregistration_delay.timeout_seconds, value: "30"}]}',
    );
    expect(tg).toMatchObject({ targetType: 'ip', healthCheckConfig: { path: '/svc/health', intervalSeconds: 15 }, targetGroupAttributes: [{ key: 'deregistration_delay.timeout_seconds', value: '30' }] });
    expect(tg).not.toHaveProperty('tags');
  });
  it(`${F} Test_MergeProps/tags and attributes merge across TGCs`, () => {
    const { tg } = mergeCase(
      '{tags: {team: app-team}, targetGroupAttributes: [{key: stickiness.enabled, value: "true"}]}',
      '{tags: {env: prod, team: platform}, targetGroupAttributes: [{key: deregistration_delay.timeout_seconds, value: "30"}, {key: stickiness.enabled, value: "false"}]}',
    );
    expect(tg['tags']).toEqual({ env: 'prod', team: 'app-team' });
    expect(sorted(tg['targetGroupAttributes'])).toEqual([
      { key: 'deregistration_delay.timeout_seconds', value: '30' },
      { key: 'stickiness.enabled', value: 'true' },
    ]);
  });
});
