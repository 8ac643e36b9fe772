/**
 * The status subresource split and the PATCH types kubectl and client libraries send.
 */
import { describe, expect, it } from 'vitest';
import { jsonPatch, mergePatch, strategicMerge } from '../../src/kube-emulator/patch.js';
import { gateway, GW, useKube } from './helpers.js';

const { client } = useKube();
const path = (name: string): string => `${GW}/namespaces/default/gateways/${name}`;

describe('the status subresource', () => {
  it('ignores .status on create and on main-resource writes, and changes only .status through /status', async () => {
    const created = (await client().post(`${GW}/namespaces/default/gateways`, gateway('st', { status: { addresses: [{ value: 'ignored' }] } }))).body;
    expect(created.status).toBeUndefined();
    const status = { conditions: [{ type: 'Accepted', status: 'True', reason: 'Accepted', message: '', lastTransitionTime: '2026-01-01T00:00:00Z', observedGeneration: 1 }] };
    const put = await client().put(`${path('st')}/status`, { ...created, spec: { gatewayClassName: 'changed' }, status });
    expect(put.body.status).toEqual(status);
    expect(put.body.spec.gatewayClassName).toBe('alb');
    expect(put.body.metadata.generation).toBe(1);
    const main = await client().patch(path('st'), { spec: { gatewayClassName: 'nlb' }, status: { conditions: [] } });
    expect(main.body.status).toEqual(status);
    expect(main.body.metadata.generation).toBe(2);
    const merged = await client().patch(`${path('st')}/status`, { status: { addresses: [{ type: 'Hostname', value: 'lb.example.com' }] } });
    expect(merged.body.status).toEqual({ ...status, addresses: [{ type: 'Hostname', value: 'lb.example.com' }] });
    expect((await client().get(`${path('st')}/status`)).body.status).toEqual(merged.body.status);
  });

  it('does not serve /status for kinds without it', async () => {
    const r = await client().get('/api/v1/namespaces/default/secrets/x/status');
    expect(r.status).toBe(404);
  });
});

describe('patch', () => {
  it('applies JSON patch and a strategic merge patch, and a no-op patch keeps the resourceVersion', async () => {
    const created = (await client().post(`${GW}/namespaces/default/gateways`, gateway('p'))).body;
    const same = await client().patch(path('p'), { spec: { gatewayClassName: 'alb' } });
    expect(same.body.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
    const json = await client().patch(path('p'), [{ op: 'add', path: '/spec/listeners/-', value: { name: 'https', protocol: 'HTTPS', port: 443 } }, { op: 'replace', path: '/spec/listeners/0/port', value: 8080 }], 'application/json-patch+json');
    expect(json.body.spec.listeners).toEqual([{ name: 'http', protocol: 'HTTP', port: 8080 }, { name: 'https', protocol: 'HTTPS', port: 443 }]);
    const smp = await client().patch(path('p'), { spec: { listeners: [{ name: 'https', port: 8443 }] } }, 'application/strategic-merge-patch+json');
    expect(smp.body.spec.listeners).toEqual([{ name: 'http', protocol: 'HTTP', port: 8080 }, { name: 'https', protocol: 'HTTPS', port: 8443 }]);
  });

  it('treats a resourceVersion in the patch as a precondition', async () => {
    await client().post(`${GW}/namespaces/default/gateways`, gateway('pre'));
    const r = await client().patch(path('pre'), { metadata: { resourceVersion: '1' }, spec: { gatewayClassName: 'x' } });
    expect(r.body).toMatchObject({ code: 409, reason: 'Conflict' });
  });

  it('creates a missing object with server-side apply and 404s other patches of it', async () => {
    const body = JSON.stringify(gateway('ssa'));
    const r = await client().call('PATCH', `${path('ssa')}?fieldManager=test`, body, 'application/apply-patch+yaml');
    expect(r.status).toBe(200);
    expect(r.body.metadata.generation).toBe(1);
    expect((await client().patch(path('missing'), { spec: {} })).status).toBe(404);
    expect((await client().patch(path('ssa'), {}, 'text/plain')).status).toBe(415);
  });

  it('merge, JSON and strategic patches follow their RFCs and directives', () => {
    expect(mergePatch({ a: 1, b: { c: 2, d: 3 } }, { a: null, b: { c: 4 }, e: [1] })).toEqual({ b: { c: 4, d: 3 }, e: [1] });
    expect(jsonPatch({ a: [1, 2] }, [{ op: 'remove', path: '/a/0' }, { op: 'copy', from: '/a', path: '/b' }, { op: 'move', from: '/b', path: '/c' }])).toEqual({ a: [2], c: [2] });
    expect(() => jsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }])).toThrow(/test failed/);
    const ports = { spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443 }] } };
    expect(strategicMerge(ports, { spec: { $setElementOrder: undefined, ports: [{ port: 443, $patch: 'delete' }, { port: 81 }] } })).toEqual({ spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 81 }] } });
    expect(strategicMerge(ports, { spec: { '$setElementOrder/ports': [{ port: 443 }, { port: 80 }], ports: [{ port: 80, name: 'http' }] } })).toEqual({ spec: { ports: [{ port: 443 }, { port: 80, targetPort: 8080, name: 'http' }] } });
    expect(strategicMerge({ a: { x: 1, y: 2 } }, { a: { $patch: 'replace', z: 3 } })).toEqual({ a: { z: 3 } });
    expect(strategicMerge({ f: ['a', 'b'] }, { '$deleteFromPrimitiveList/f': ['a'] })).toEqual({ f: ['b'] });
  });
});
