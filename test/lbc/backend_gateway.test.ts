/**
 * Port of LBC v3.5.0 pkg/gateway/routeutils/backend_gateway_test.go. LBC calls GatewayBackendConfig's
 * getters; here an NLB Gateway's TCPRoute forwards to a Programmed ALB Gateway (tg-fixture.ts
 * `gatewayBackendManifests`) and each getter's answer is read from the TG it builds, or from the
 * route's status for validateGatewayARN.
 */
import { describe, expect, it } from 'vitest';
import type { LbcCaseOptions } from './harness.js';
import { brief, lbcCase, specOf } from './harness.js';
import { cases, gatewayBackendManifests, onlyOf } from './tg-fixture.js';

const F = 'backend_gateway_test.go';
const TG_ID = 'test-ns/test-gw:test-ns-test-route:TCPRoute-backend-ns-backend-gw:8080';

function tg(o: Parameters<typeof gatewayBackendManifests>[0] = {}, options: LbcCaseOptions = {}) {
  const r = lbcCase(gatewayBackendManifests(o), options);
  expect(r.errors).toEqual([]);
  return onlyOf(r.stackJson('test-ns/test-gw'), 'TargetGroup');
}

describe(`${F} TestGatewayBackendConfig_GetTargetType`, () => {
  cases(`${F} TestGatewayBackendConfig_GetTargetType`, [
    { name: 'returns ALB regardless of default', defaultTargetType: 'instance' },
    { name: 'returns ALB with IP default', defaultTargetType: 'ip' },
  ] as const, ({ defaultTargetType }) => {
    expect(tg({}, { settings: { defaultTargetType } })).toMatchObject({ targetType: 'alb' });
  });
});

describe(`${F} Gateway backend getters`, () => {
  it(`${F} TestGatewayBackendConfig_GetTargetGroupProps`, () => {
    // The Gateway's TGC props are the ones the TG is built from.
    expect(tg({ tgcProps: '{tags: {team: edge}}' })).toMatchObject({ tags: { team: 'edge' } });
  });

  it(`${F} TestGatewayBackendConfig_GetBackendNamespacedName and TestGatewayBackendConfig_GetIdentifierPort`, () => {
    // Both feed the TG's resource id: backend `backend-ns/backend-gw`, identifier port 8080.
    const r = lbcCase(gatewayBackendManifests());
    expect(specOf(r.stackJson('test-ns/test-gw'), 'TargetGroup', TG_ID)).toBeDefined();
  });

  it(`${F} TestGatewayBackendConfig_GetExternalTrafficPolicy`, () => {
    // Cluster, never Local: the health check keeps the regular defaults.
    expect(tg()['healthCheckConfig']).toEqual({ port: 'traffic-port', protocol: 'HTTP', path: '/', matcher: { httpCode: '200-399' }, intervalSeconds: 15, timeoutSeconds: 5, healthyThresholdCount: 3, unhealthyThresholdCount: 3 });
  });

  it(`${F} TestGatewayBackendConfig_GetIPAddressType`, () => {
    expect(tg()).toMatchObject({ ipAddressType: 'ipv4' });
  });

  it(`${F} TestGatewayBackendConfig_GetProtocolVersion`, () => {
    expect(tg()).not.toHaveProperty('protocolVersion');
  });
});

describe(`${F} TestGatewayBackendConfig_GetTargetGroupPort`, () => {
  // The TG port is the backendRef port whatever the target type; a TGC cannot make it anything but alb.
  cases(`${F} TestGatewayBackendConfig_GetTargetGroupPort`, [
    { name: 'ALB target type', tgcProps: undefined },
    { name: 'Instance target type', tgcProps: '{targetType: instance}' },
  ], ({ tgcProps }) => {
    expect(tg({ port: 9090, tgcProps })).toMatchObject({ port: 9090, targetType: 'alb' });
  });
});

describe(`${F} TestGatewayBackendConfig_GetHealthCheckPort`, () => {
  cases(`${F} TestGatewayBackendConfig_GetHealthCheckPort`, [
    { name: 'no target group props', tgcProps: undefined, want: 'traffic-port' },
    { name: 'no health check config', tgcProps: '{}', want: 'traffic-port' },
    { name: 'no health check port config', tgcProps: '{healthCheckConfig: {}}', want: 'traffic-port' },
    { name: 'health check port set to traffic-port', tgcProps: '{healthCheckConfig: {healthCheckPort: traffic-port}}', want: 'traffic-port' },
    // Any other value is replaced by the backendRef port.
    { name: 'health check port set to custom value', tgcProps: '{healthCheckConfig: {healthCheckPort: "9090"}}', want: 8080 },
  ], ({ tgcProps, want }) => {
    expect(tg({ tgcProps })).toMatchObject({ healthCheckConfig: { port: want } });
  });
});

describe(`${F} TestValidateGatewayARN`, () => {
  const invalid = (arn: string) => `invalid gateway ARN: ${arn}, the resource type must be application load balancer`;
  cases(`${F} TestValidateGatewayARN`, [
    { name: 'valid ALB ARN', arn: 'arn:aws:elasticloadbalancing:us-east-1:565768096483:loadbalancer/app/k8s-echoserv-testgwal-3c92fc24ed/9604d5627427405c', valid: true },
    { name: 'invalid NLB ARN', arn: 'arn:aws:elasticloadbalancing:us-east-1:565768096483:loadbalancer/net/my-nlb/1234567890123456', valid: false },
    { name: 'invalid format - no slashes', arn: 'arn:aws:elasticloadbalancing:us-east-1:565768096483:loadbalancer', valid: false },
    { name: 'invalid format - only one part', arn: 'arn:aws:elasticloadbalancing:us-east-1:565768096483:loadbalancer/', valid: false },
  ], ({ arn, valid }) => {
    const r = lbcCase(gatewayBackendManifests({ arn }));
    expect(r.errors).toEqual([]);
    const route = r.status('TCPRoute', 'test-ns', 'test-route');
    const conditions = route?.kind === 'Route' ? route.parents[0]!.conditions : [];
    const tgs = r.stackJson('test-ns/test-gw').resources['AWS::ElasticLoadBalancingV2::TargetGroup'] ?? {};
    if (valid) {
      expect(brief(conditions)).toEqual(['ResolvedRefs=True/ResolvedRefs', 'Accepted=True/Accepted']);
      expect(Object.keys(tgs)).toEqual([TG_ID]);
    } else {
      // A warning: the route is accepted, its ref is not resolved, no TG is built.
      expect(brief(conditions)).toEqual(['ResolvedRefs=False/BackendNotFound', 'Accepted=True/Accepted']);
      expect(conditions[0]!.message).toBe(invalid(arn));
      expect(Object.keys(tgs)).toEqual([]);
    }
  });

  it(`${F} TestValidateGatewayARN/empty string`, () => {
    // An empty Programmed message never reaches validateGatewayARN: gatewayLoader reports the
    // Gateway as not usable yet, a fatal error for the whole Gateway.
    const r = lbcCase(gatewayBackendManifests({ arn: '' }));
    expect(r.stacks.map((s) => s.id)).toEqual(['backend-ns/backend-gw']);
    expect(r.errors).toEqual([
      'GWLB204 Gateway test-ns/test-gw fails to load its routes: Gateway (backend-ns:backend-gw) is not usable yet, LB ARN is not provisioned). Invalid data can be found in route (TCPRoute, test-ns:test-route); LBC sets Accepted=False/ListenersNotValid and programs nothing',
    ]);
  });
});
