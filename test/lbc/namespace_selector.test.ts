import { describe, expect, it } from 'vitest';
import { ALB_CLASS } from './harness.js';
import { cleanCase } from './clean-input.js';

// pkg/gateway/routeutils/namespace_selector_test.go Test_getNamespacesFromSelector: which
// namespaces the selector `foo DoesNotExist` selects. As manifests: a listener admitting routes
// from that selector, and one HTTPRoute per namespace; the selected namespaces are those whose
// route attaches.
function manifests(namespaces: readonly { name: string; labels: string }[]): string {
  const perNamespace = namespaces
    .map(
      ({ name, labels }) => `---
apiVersion: v1
kind: Namespace
metadata: {name: ${name}, labels: ${labels}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: ${name}}
spec:
  parentRefs: [{name: gw, namespace: gw-ns}]
  rules: [{backendRefs: [{kind: TargetGroupName, name: tg, port: 80}]}]
`,
    )
    .join('');
  return `${ALB_CLASS}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: gw-ns}
spec:
  gatewayClassName: alb
  listeners:
  - name: http
    port: 80
    protocol: HTTP
    allowedRoutes: {namespaces: {from: Selector, selector: {matchExpressions: [{key: foo, operator: DoesNotExist}]}}}
${perNamespace}`;
}

function selectedNamespaces(yaml: string): string[] {
  const r = cleanCase(yaml);
  const gw = r.resolution.gateways[0]!;
  expect(gw.fatal).toBeUndefined();
  return gw.ports.flatMap((p) => p.routes.map((x) => x.route.metadata.namespace)).sort();
}

describe('namespace_selector_test.go', () => {
  it.each([
    ['no namespaces', [], []],
    [
      'one namespace',
      [
        { name: 'my-ns-1', labels: '{}' },
        { name: 'my-ns-2', labels: '{foo: bar}' },
      ],
      ['my-ns-1'],
    ],
    [
      'multiple namespaces',
      [
        { name: 'my-ns-1', labels: '{}' },
        { name: 'my-ns-2', labels: '{foo: bar}' },
        { name: 'my-ns-3', labels: '{}' },
        { name: 'my-ns-4', labels: '{}' },
      ],
      ['my-ns-1', 'my-ns-3', 'my-ns-4'],
    ],
  ] as const)('namespace_selector_test.go Test_getNamespacesFromSelector/%s', (_, namespaces, expected) => {
    expect(selectedNamespaces(manifests(namespaces))).toEqual(expected);
  });
});
