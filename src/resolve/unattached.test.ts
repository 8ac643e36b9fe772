import { describe, expect, it } from 'vitest';
import { ALB_CLASS, load } from '../../test/helpers/manifests.js';
import { DEFAULT_CONTROLLER_NAMES } from './types.js';
import { unattachedParents } from './unattached.js';

const GATEWAYS = `${ALB_CLASS}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: web, namespace: ns}
spec: {gatewayClassName: alb, listeners: [{name: http, port: 80, protocol: HTTP}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: tcp, namespace: ns}
spec: {gatewayClassName: nlb, listeners: [{name: tcp, port: 5432, protocol: TCP}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: cluster-only, namespace: ns}
spec: {gatewayClassName: from-settings, listeners: [{name: http, port: 80, protocol: HTTP}]}
`;

function route(kind: string, parentRefs: string): string {
  const apiVersion = kind === 'HTTPRoute' ? 'gateway.networking.k8s.io/v1' : 'gateway.networking.k8s.io/v1alpha2';
  return `\n---\napiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: r, namespace: ns}\nspec: {parentRefs: ${parentRefs}, rules: [{backendRefs: [{name: s, port: 80}]}]}\n`;
}

const reasons = (yaml: string, classes: Record<string, string> = {}) =>
  unattachedParents(load(yaml).snapshot, DEFAULT_CONTROLLER_NAMES, classes).map((u) => [u.index, u.parent, u.reason.kind]);

describe('route parentRefs LBC never looks at', () => {
  it('an LBC Gateway of the right load balancer type is not listed', () => {
    expect(reasons(GATEWAYS + route('HTTPRoute', '[{name: web}]'))).toEqual([]);
    expect(reasons(GATEWAYS + route('TCPRoute', '[{name: tcp}]'))).toEqual([]);
  });

  it('a parent not in the input, a ListenerSet not in the input, another namespace', () => {
    expect(reasons(GATEWAYS + route('HTTPRoute', '[{name: nope}, {kind: ListenerSet, name: extra}, {name: web, namespace: other}]'))).toEqual([
      [0, 'Gateway ns/nope', 'no-parent'],
      [1, 'ListenerSet ns/extra', 'no-parent'],
      [2, 'Gateway other/web', 'no-parent'],
    ]);
  });

  it('an HTTPRoute on an NLB Gateway and a TCPRoute on an ALB Gateway are never loaded (routeutils/loader.go)', () => {
    expect(reasons(GATEWAYS + route('HTTPRoute', '[{name: tcp}]'))).toEqual([[0, 'Gateway ns/tcp', 'wrong-load-balancer']]);
    expect(reasons(GATEWAYS + route('TCPRoute', '[{name: web}]'))).toEqual([[0, 'Gateway ns/web', 'wrong-load-balancer']]);
  });

  it('a Gateway whose class is neither in the input nor in the gatewayClasses setting; the setting makes it known', () => {
    const yaml = GATEWAYS + route('HTTPRoute', '[{name: cluster-only}]');
    expect(reasons(yaml)).toEqual([[0, 'Gateway ns/cluster-only', 'no-class']]);
    expect(reasons(yaml, { 'from-settings': 'gateway.k8s.aws/alb' })).toEqual([]);
    expect(reasons(yaml, { 'from-settings': 'istio.io/gateway-controller' })).toEqual([[0, 'Gateway ns/cluster-only', 'other-controller']]);
  });
});
