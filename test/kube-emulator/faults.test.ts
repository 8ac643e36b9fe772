/**
 * Test faults: RBAC denials (403 with the API server's wording), groups that are not installed
 * (absent from discovery and 404), and the request log.
 */
import { describe, expect, it } from 'vitest';
import { GW, useKube } from './helpers.js';

const { client, kube } = useKube({ uninstalledGroups: ['gateway.networking.x-k8s.io'], user: 'system:serviceaccount:gwlb:reader' });

describe('faults', () => {
  it('denies a kind and verb with the API server’s Forbidden message, at the cluster scope or in a namespace', async () => {
    kube().faults.forbid({ group: 'gateway.networking.k8s.io', resource: 'gateways', verb: 'list' });
    kube().faults.forbid({ group: '', resource: 'secrets' });
    const all = await client().get(`${GW}/gateways`);
    expect(all.status).toBe(403);
    expect(all.body).toMatchObject({
      kind: 'Status',
      reason: 'Forbidden',
      code: 403,
      message: 'gateways.gateway.networking.k8s.io is forbidden: User "system:serviceaccount:gwlb:reader" cannot list resource "gateways" in API group "gateway.networking.k8s.io" at the cluster scope',
    });
    const secret = await client().get('/api/v1/namespaces/default/secrets/tls');
    expect(secret.body.message).toBe('secrets "tls" is forbidden: User "system:serviceaccount:gwlb:reader" cannot get resource "secrets" in API group "" in the namespace "default"');
    expect((await client().get(`${GW}/namespaces/default/gateways/x`)).status).toBe(404);
    kube().faults.allowAll();
    expect((await client().get(`${GW}/gateways`)).status).toBe(200);
  });

  it('leaves an uninstalled group out of discovery and answers 404 on its paths until installed', async () => {
    const groups = (await client().get('/apis')).body.groups.map((g: { name: string }) => g.name);
    expect(groups).not.toContain('gateway.networking.x-k8s.io');
    expect((await client().get('/apis/gateway.networking.x-k8s.io/v1alpha1')).status).toBe(404);
    expect((await client().get('/apis/gateway.networking.x-k8s.io/v1alpha1/xlistenersets')).body).toMatchObject({ code: 404, reason: 'NotFound' });
    kube().faults.uninstall('gateway.k8s.aws');
    expect((await client().get('/apis/gateway.k8s.aws/v1beta1/loadbalancerconfigurations')).status).toBe(404);
    kube().faults.install('gateway.networking.x-k8s.io');
    expect((await client().get('/apis/gateway.networking.x-k8s.io/v1alpha1/xlistenersets')).status).toBe(200);
  });

  it('logs every request so tests can count list calls', async () => {
    kube().faults.clearRequests();
    await client().get(`${GW}/httproutes?limit=500`);
    await client().get(`${GW}/httproutes`);
    await client().get(`${GW}/namespaces/default/httproutes`);
    expect(kube().faults.count('GET', `${GW}/httproutes`)).toBe(2);
    expect(kube().faults.requests[0]).toEqual({ method: 'GET', path: `${GW}/httproutes?limit=500` });
  });
});
