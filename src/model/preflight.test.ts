import { describe, expect, it } from 'vitest';
import { ALB_CLASS, lbcCase } from '../../test/lbc/harness.js';

// Findings whose location needs a lookup the pre-flight makes only for a finding (preflight-rules.ts lrcOf).
const INPUT = (body: string) => `${ALB_CLASS}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: ns}
spec:
  gatewayClassName: alb
  listeners: [{name: http, port: 80, protocol: HTTP}]
---
apiVersion: v1
kind: Service
metadata: {name: svc, namespace: ns}
spec: {type: NodePort, ports: [{port: 80, targetPort: 8080, nodePort: 30080}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: ns}
spec:
  parentRefs: [{name: gw}]
  rules:
    - backendRefs: [{name: svc, port: 80}]
    - backendRefs: [{name: svc, port: 80}]
      matches: [{path: {type: PathPrefix, value: /fixed}}]
      filters: [{type: ExtensionRef, extensionRef: {group: gateway.k8s.aws, kind: ListenerRuleConfiguration, name: lrc}}]
---
apiVersion: gateway.k8s.aws/v1beta1
kind: ListenerRuleConfiguration
metadata: {name: lrc, namespace: ns}
spec:
  actions: [{type: fixed-response, fixedResponseConfig: {statusCode: 404, contentType: text/plain, messageBody: ${body}}}]
`;

describe('pre-flight locations', () => {
  it('a fixed-response body over 1024 characters is reported at the ListenerRuleConfiguration that sets it', () => {
    const r = lbcCase(INPUT('x'.repeat(1025)));
    const found = r.diagnostics.filter((d) => d.code === 'GWLB361');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ object: { kind: 'ListenerRuleConfiguration', name: 'lrc' }, path: 'spec.actions[0].fixedResponseConfig.messageBody' });
    expect(found[0]!.message).toContain('at most 1024 characters (it has 1025)');
  });
  it('a body of 1024 characters is taken', () => {
    expect(lbcCase(INPUT('x'.repeat(1024))).diagnostics.filter((d) => d.code.startsWith('GWLB36'))).toEqual([]);
  });
});
