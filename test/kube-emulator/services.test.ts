/**
 * Service defaults and allocations: clusterIP, nodePorts in 30000–32767 (unique, given ones
 * kept and checked), protocol and targetPort defaults, and nodePorts kept across updates.
 */
import { describe, expect, it } from 'vitest';
import { useKube } from './helpers.js';

const { client } = useKube();
const SVC = '/api/v1/namespaces/default/services';

function service(name: string, type: string, ports: Record<string, unknown>[]): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { type, selector: { app: name }, ports } };
}

describe('Service allocation', () => {
  it('allocates a clusterIP and, for NodePort and LoadBalancer, a unique nodePort per port', async () => {
    const a = (await client().post(SVC, service('a', 'NodePort', [{ port: 80 }, { port: 443, protocol: 'TCP', targetPort: 'https' }]))).body;
    expect(a.spec.clusterIP).toMatch(/^10\.96\.\d+\.\d+$/);
    expect(a.spec.clusterIPs).toEqual([a.spec.clusterIP]);
    expect(a.spec.ports).toEqual([
      { port: 80, protocol: 'TCP', targetPort: 80, nodePort: expect.any(Number) },
      { port: 443, protocol: 'TCP', targetPort: 'https', nodePort: expect.any(Number) },
    ]);
    const b = (await client().post(SVC, service('b', 'LoadBalancer', [{ port: 80 }]))).body;
    const c = (await client().post(SVC, service('c', 'ClusterIP', [{ port: 80 }]))).body;
    const nodePorts = [...a.spec.ports, ...b.spec.ports].map((p: { nodePort: number }) => p.nodePort);
    expect(new Set(nodePorts).size).toBe(3);
    for (const n of nodePorts) expect(n >= 30000 && n <= 32767).toBe(true);
    expect(c.spec.ports[0].nodePort).toBeUndefined();
    expect(c.spec.clusterIP).not.toBe(a.spec.clusterIP);
  });

  it('keeps a given nodePort and rejects one that is taken or out of range (422 Invalid)', async () => {
    const kept = (await client().post(SVC, service('given', 'NodePort', [{ port: 80, nodePort: 31080 }]))).body;
    expect(kept.spec.ports[0].nodePort).toBe(31080);
    const taken = await client().post(SVC, service('taken', 'NodePort', [{ port: 80, nodePort: 31080 }]));
    expect(taken.body).toMatchObject({ code: 422, reason: 'Invalid', message: 'Service "taken" is invalid: spec.ports[0].nodePort: Invalid value: 31080: provided port is already allocated' });
    const range = await client().post(SVC, service('range', 'NodePort', [{ port: 80, nodePort: 80 }]));
    expect(range.body.message).toContain('provided port is not in the valid range. The range of valid ports is 30000-32767');
  });

  it('keeps the clusterIP and the nodePort of a kept port across an update', async () => {
    const first = (await client().post(SVC, service('upd', 'NodePort', [{ port: 80 }]))).body;
    const { clusterIP: _ip, clusterIPs: _ips, ...spec } = first.spec;
    const next = (await client().put(`${SVC}/upd`, { ...first, spec: { ...spec, ports: [{ port: 80 }, { port: 81 }] } })).body;
    expect(next.spec.clusterIP).toBe(first.spec.clusterIP);
    expect(next.spec.ports[0].nodePort).toBe(first.spec.ports[0].nodePort);
    expect(next.spec.ports[1].nodePort).not.toBe(first.spec.ports[0].nodePort);
    const changed = await client().patch(`${SVC}/upd`, { spec: { clusterIP: '10.0.0.1' } });
    expect(changed.body).toMatchObject({ code: 422, reason: 'Invalid' });
    const clusterIp = (await client().patch(`${SVC}/upd`, { spec: { type: 'ClusterIP' } })).body;
    expect(clusterIp.spec.ports.map((p: { nodePort?: number }) => p.nodePort)).toEqual([undefined, undefined]);
  });
});
