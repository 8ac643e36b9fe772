import { describe, expect, it } from 'vitest';
import { ALB_CLASS, lbcCase, specOf } from './harness.js';

// The harness itself: a minimal ALB Gateway builds a stack with known subnets.
describe('LBC port harness', () => {
  it('builds a Gateway with an HTTPRoute into LBC stack JSON', () => {
    const r = lbcCase(`${ALB_CLASS}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: ns, uid: 11111111-2222-3333-4444-555555555555}
spec:
  gatewayClassName: alb
  listeners: [{name: http, port: 80, protocol: HTTP}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: ns}
spec:
  parentRefs: [{name: gw}]
  rules: [{backendRefs: [{name: svc, port: 80}]}]
---
apiVersion: v1
kind: Service
metadata: {name: svc, namespace: ns}
spec: {type: NodePort, ports: [{port: 80, targetPort: 8080, nodePort: 30080}]}
`);
    expect(r.errors).toEqual([]);
    const lb = specOf(r.stackJson('ns/gw'), 'LoadBalancer', 'LoadBalancer');
    expect(lb).toMatchObject({ type: 'application', scheme: 'internal' });
    expect(lb['subnetMapping']).toEqual([{ subnetID: 'subnet-a' }, { subnetID: 'subnet-b' }]);
    expect(r.status('Gateway', 'ns', 'gw')).toBeDefined();
  });
});
