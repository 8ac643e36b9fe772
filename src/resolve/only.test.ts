import { describe, expect, it } from 'vitest';
import { ALB_CLASS, load } from '../../test/helpers/manifests.js';
import { resolve } from './index.js';
import { DEFAULT_RESOLVE_OPTIONS } from './types.js';

const INPUT = `${ALB_CLASS}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: web, namespace: ns}
spec: {gatewayClassName: alb, listeners: [{name: http, port: 80, protocol: HTTP}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: typo, namespace: ns}
spec: {gatewayClassName: albb, listeners: [{name: http, port: 80, protocol: HTTP}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: ns}
spec: {parentRefs: [{name: web}, {name: typo}], rules: [{backendRefs: [{name: s, port: 80}]}]}
`;

describe('resolve with only (watch rounds that rebuild some Gateways)', () => {
  it('resolves only the named Gateways, and reports nothing of the others', () => {
    const snapshot = load(INPUT).snapshot;
    const all = resolve(snapshot, DEFAULT_RESOLVE_OPTIONS);
    expect(all.diagnostics.some((d) => d.code === 'GWLB201')).toBe(true);
    const web = resolve(snapshot, { ...DEFAULT_RESOLVE_OPTIONS, only: new Set(['ns/web']) });
    expect(web.gateways.map((g) => g.gateway.metadata.name)).toEqual(['web']);
    expect(web.gateways).toEqual(all.gateways.filter((g) => g.gateway.metadata.name === 'web'));
    expect(web.diagnostics.some((d) => d.code === 'GWLB201')).toBe(false);
    expect(web.unhandled).toBeUndefined();
    const typo = resolve(snapshot, { ...DEFAULT_RESOLVE_OPTIONS, only: new Set(['ns/typo']) });
    expect(typo.gateways).toEqual([]);
    expect(typo.unhandled?.map((u) => u.gateway.name)).toEqual(['typo']);
  });
});
