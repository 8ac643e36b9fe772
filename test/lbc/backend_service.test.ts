/**
 * Port of LBC v3.5.0 pkg/gateway/routeutils/backend_service_test.go. LBC calls ServiceBackendConfig's
 * getters with a bare ServicePort; here the Service is a manifest behind a route and the getter's
 * answer is read from the TG it builds (port, health check port, target type, protocol version).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURE_GATES } from '../../src/model/index.js';
import type { TgFixture } from './tg-fixture.js';
import { CERT_FACTS, cases, listener, tgCase, tgSpec } from './tg-fixture.js';

const F = 'backend_service_test.go';
const ERR = 'GWLB307 Gateway my-gw-ns/my-gw: HTTPRoute my-route-ns/my-route: ';

function run(f: TgFixture, targetType: 'instance' | 'ip') {
  return tgCase({ ...f, options: { ...(f.options ?? {}), settings: { defaultTargetType: targetType, featureGates: DEFAULT_FEATURE_GATES } } });
}

describe(`${F} Test_buildTargetGroupPort`, () => {
  cases(`${F} Test_buildTargetGroupPort`, [
    { name: 'instance', targetType: 'instance', service: '{type: NodePort, ports: [{port: 80, targetPort: 80, nodePort: 8080}]}', want: 8080 },
    // GetTargetGroupPort answers 0; buildTargetGroupSpec turns that into its error.
    {
      name: 'instance - no node port',
      targetType: 'instance',
      service: '{type: ClusterIP, ports: [{port: 80, targetPort: 80}]}',
      want: "TargetGroup port is empty. When using Instance targets, your service must be of type 'NodePort' or 'LoadBalancer'",
    },
    { name: 'ip', targetType: 'ip', service: '{type: NodePort, ports: [{port: 80, targetPort: 80, nodePort: 8080}]}', want: 80 },
    { name: 'ip - str port', targetType: 'ip', service: '{type: NodePort, ports: [{port: 80, targetPort: foo, nodePort: 8080}]}', want: 1 },
  ] as const, ({ targetType, service, want }) => {
    const r = run({ service }, targetType);
    if (typeof want === 'string') {
      expect(r.errors).toEqual([ERR + want]);
    } else {
      expect(r.errors).toEqual([]);
      expect(tgSpec(r)).toMatchObject({ port: want });
    }
  });
});

describe(`${F} Test_buildTargetGroupHealthCheckPort`, () => {
  const hc = (port: string) => `  defaultConfiguration: {healthCheckConfig: {healthCheckPort: "${port}"}}`;
  const named = (targetPort: string | number, name = 'foo') => `{type: NodePort, ports: [{name: ${name}, port: 80, targetPort: ${targetPort}, nodePort: 1000}]}`;
  cases(`${F} Test_buildTargetGroupHealthCheckPort`, [
    { name: 'nil props', targetType: 'ip', f: {}, want: 'traffic-port' },
    { name: 'nil hc props', targetType: 'ip', f: { tgc: '  defaultConfiguration: {}' }, want: 'traffic-port' },
    { name: 'nil hc port', targetType: 'ip', f: { tgc: '  defaultConfiguration: {healthCheckConfig: {}}' }, want: 'traffic-port' },
    { name: 'explicit is use traffic port hc port', targetType: 'ip', f: { tgc: hc('traffic-port') }, want: 'traffic-port' },
    { name: 'explicit port', targetType: 'ip', f: { tgc: hc('80') }, want: 80 },
    { name: 'resolve str port', targetType: 'ip', f: { tgc: hc('foo'), service: named(80) }, want: 80 },
    { name: 'resolve str port - instance', targetType: 'instance', f: { tgc: hc('foo'), service: named(80) }, want: 1000 },
    {
      name: 'resolve str port - resolves to other str port (error)',
      targetType: 'ip',
      f: { tgc: hc('foo'), service: named('bar') },
      want: "error: cannot use named healthCheckPort for IP TargetType when service's targetPort is a named port",
    },
    { name: 'resolve str port - resolves to other str port but instance mode', targetType: 'instance', f: { tgc: hc('foo'), service: named('bar') }, want: 1000 },
    {
      name: 'resolve str port - cant find configured port',
      targetType: 'instance',
      f: { tgc: hc('foo'), service: named('bar', 'baz') },
      want: 'error: unable to find port foo on service my-svc-ns/my-svc',
    },
  ] as const, ({ targetType, f, want }) => {
    const r = run(f, targetType);
    if (typeof want === 'string' && want.startsWith('error: ')) {
      expect(r.errors).toEqual([ERR + want.slice(7)]);
    } else {
      expect(r.errors).toEqual([]);
      expect(tgSpec(r)).toMatchObject({ healthCheckConfig: { port: want } });
    }
  });

  it(`${F} Test_buildTargetGroupHealthCheckPort/with ExternalTrafficPolicyTypeLocal and HealthCheckNodePort specified`, () => {
    // isServiceExternalTrafficPolicyTypeLocal: instance targets of an NLB and a Local Service.
    const r = run({ lb: 'nlb', service: '{type: NodePort, externalTrafficPolicy: Local, healthCheckNodePort: 32000, ports: [{port: 80, targetPort: 80, nodePort: 8080}]}' }, 'instance');
    expect(r.errors).toEqual([]);
    expect(tgSpec(r)).toMatchObject({ healthCheckConfig: { port: 32000 } });
  });
});

describe(`${F} Test_buildTargetGroupTargetType`, () => {
  it.each([
    ['no props, default ip', undefined, 'ip'],
    ['empty props, default ip', '{}', 'ip'],
    ['props instance, default ip', '{targetType: instance}', 'instance'],
  ])(`${F} Test_buildTargetGroupTargetType (%s)`, (_, props, want) => {
    const r = run(props ? { tgc: `  defaultConfiguration: ${props}` } : {}, 'ip');
    expect(r.errors).toEqual([]);
    expect(tgSpec(r)).toMatchObject({ targetType: want });
  });
});

describe(`${F} Test_GetProtocolVersion`, () => {
  // GetProtocolVersion's nil falls through to buildTargetGroupProtocolVersion's HTTP1 (HTTPS listener).
  cases(`${F} Test_GetProtocolVersion`, [
    { name: 'null app protocol version', appProtocol: undefined, want: 'HTTP1' },
    { name: 'unknown app protocol version', appProtocol: 'foo', want: 'HTTP1' },
    { name: 'supported protocol version', appProtocol: 'kubernetes.io/h2c', want: 'HTTP2' },
  ], ({ appProtocol, want }) => {
    const service = `{type: NodePort, ports: [{port: 80, targetPort: 80, nodePort: 8080${appProtocol ? `, appProtocol: ${appProtocol}` : ''}}]}`;
    const r = run({ service, listeners: listener('HTTPS'), options: { facts: CERT_FACTS } }, 'ip');
    expect(r.errors).toEqual([]);
    expect(tgSpec(r)).toMatchObject({ protocolVersion: want });
  });
});
