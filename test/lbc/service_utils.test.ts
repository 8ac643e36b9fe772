import { describe, expect, it } from 'vitest';
import { ALB_CLASS, lbcCase, skipCase, specOf } from './harness.js';

// pkg/k8s/service_utils_test.go. LBC's Gateway path calls LookupServicePort only for a named
// healthCheckPort of a TargetGroupConfiguration (routeutils/backend_service.go 59), so each case
// is a Service backend whose TGC names that port; an instance target group uses its nodePort.
function gatewayWithHealthCheckPort(port: string): string {
  return `${ALB_CLASS}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: test-ns}
spec:
  gatewayClassName: alb
  listeners: [{name: http, port: 80, protocol: HTTP}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: test-ns}
spec:
  parentRefs: [{name: gw}]
  rules: [{backendRefs: [{name: svc-1, port: 80}]}]
---
apiVersion: v1
kind: Service
metadata: {name: svc-1, namespace: test-ns}
spec:
  type: NodePort
  ports:
  - {name: http, port: 80, targetPort: 8080, nodePort: 18080}
  - {name: https, port: 443, targetPort: 8443, nodePort: 18443}
---
apiVersion: gateway.k8s.aws/v1beta1
kind: TargetGroupConfiguration
metadata: {name: tgc, namespace: test-ns}
spec:
  targetReference: {name: svc-1}
  defaultConfiguration:
    targetType: instance
    healthCheckConfig: {healthCheckPort: "${port}"}
`;
}

describe('service_utils_test.go', () => {
  it('service_utils_test.go TestLookupServicePort/find servicePort by port name', () => {
    const r = lbcCase(gatewayWithHealthCheckPort('https'));
    expect(r.errors).toEqual([]);
    const json = r.stackJson('test-ns/gw');
    const [id] = Object.keys(json.resources['AWS::ElasticLoadBalancingV2::TargetGroup'] ?? {});
    expect(specOf(json, 'TargetGroup', id!)['healthCheckConfig']).toMatchObject({ port: 18443 });
  });

  it('service_utils_test.go TestLookupServicePort/cannot find servicePort by port name', () => {
    const r = lbcCase(gatewayWithHealthCheckPort('ssh'));
    expect(r.stacks).toEqual([]);
    expect(r.errors.some((e) => e.includes('unable to find port ssh on service test-ns/svc-1'))).toBe(true);
  });

  skipCase('service_utils_test.go TestLookupServicePort/find servicePort by port value', 'LBC looks a health check port up only by name; a numeric healthCheckPort is used as is');
  skipCase('service_utils_test.go TestLookupServicePort/cannot find servicePort by port value', 'LBC looks a health check port up only by name; a numeric healthCheckPort is used as is');
});
