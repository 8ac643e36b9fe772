/**
 * Discovery, CRUD and the metadata the API server sets, against the local Kubernetes API over HTTP.
 */
import { describe, expect, it } from 'vitest';
import { startKubeEmulator } from '../../src/kube-emulator/index.js';
import { gateway, GW, KubeClient, useKube } from './helpers.js';

const { client, kube } = useKube();

describe('discovery', () => {
  it('lists the core version, the groups and each group-version’s resources with their status subresource', async () => {
    expect((await client().get('/api')).body).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const groups = (await client().get('/apis')).body;
    expect(groups.groups.map((g: { name: string }) => g.name)).toEqual(['discovery.k8s.io', 'coordination.k8s.io', 'gateway.networking.k8s.io', 'gateway.networking.x-k8s.io', 'gateway.k8s.aws']);
    const gw = groups.groups.find((g: { name: string }) => g.name === 'gateway.networking.k8s.io');
    expect(gw.preferredVersion).toEqual({ groupVersion: 'gateway.networking.k8s.io/v1', version: 'v1' });
    expect(gw.versions.map((v: { version: string }) => v.version)).toEqual(['v1', 'v1beta1', 'v1alpha3', 'v1alpha2']);
    const v1 = (await client().get(GW)).body;
    expect(v1.kind).toBe('APIResourceList');
    expect(v1.resources).toContainEqual(expect.objectContaining({ name: 'gateways', kind: 'Gateway', namespaced: true, verbs: expect.arrayContaining(['list', 'watch', 'patch']) }));
    expect(v1.resources).toContainEqual(expect.objectContaining({ name: 'gateways/status', kind: 'Gateway', verbs: ['get', 'patch', 'update'] }));
    expect(v1.resources).toContainEqual(expect.objectContaining({ name: 'gatewayclasses', namespaced: false }));
    expect((await client().get('/apis/gateway.networking.k8s.io/v1alpha2')).body.resources.map((r: { name: string }) => r.name)).toEqual(['tcproutes', 'tcproutes/status', 'udproutes', 'udproutes/status', 'tlsroutes', 'tlsroutes/status']);
    expect((await client().get('/apis/gateway.networking.x-k8s.io/v1alpha1')).body.resources[0]).toMatchObject({ name: 'xlistenersets', kind: 'XListenerSet' });
    const core = (await client().get('/api/v1')).body.resources;
    expect(core.filter((r: { namespaced: boolean; name: string }) => !r.namespaced && !r.name.includes('/')).map((r: { name: string }) => r.name)).toEqual(['nodes', 'namespaces']);
    expect((await client().get('/version')).body).toMatchObject({ major: '1', minor: '32' });
  });

  it('answers an unknown path with a 404 Status', async () => {
    const r = await client().get('/apis/gateway.networking.k8s.io/v9/gateways');
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ kind: 'Status', reason: 'NotFound', code: 404 });
  });
});

describe('create, get, update, delete', () => {
  it('sets uid, creationTimestamp, resourceVersion, generation and the namespace from the URL', async () => {
    const r = await client().post(`${GW}/namespaces/default/gateways`, gateway('meta'));
    expect(r.status).toBe(201);
    const m = r.body.metadata;
    expect(m).toMatchObject({ name: 'meta', namespace: 'default', generation: 1 });
    expect(m.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(m.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Number(m.resourceVersion)).toBeGreaterThan(0);
    const got = await client().get(`${GW}/namespaces/default/gateways/meta`);
    expect(got.body).toEqual(r.body);
    // Another served version of the same store answers with its own apiVersion.
    expect((await client().get('/apis/gateway.networking.k8s.io/v1beta1/namespaces/default/gateways/meta')).body.apiVersion).toBe('gateway.networking.k8s.io/v1beta1');
  });

  it('answers AlreadyExists, NotFound and a missing namespace with the API server’s Status', async () => {
    await client().post(`${GW}/namespaces/default/gateways`, gateway('dup'));
    const again = await client().post(`${GW}/namespaces/default/gateways`, gateway('dup'));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ reason: 'AlreadyExists', message: 'gateways.gateway.networking.k8s.io "dup" already exists' });
    const missing = await client().get(`${GW}/namespaces/default/gateways/nope`);
    expect(missing.body).toMatchObject({ code: 404, reason: 'NotFound', message: 'gateways.gateway.networking.k8s.io "nope" not found', details: { name: 'nope', group: 'gateway.networking.k8s.io', kind: 'gateways' } });
    const noNs = await client().post(`${GW}/namespaces/infra/gateways`, gateway('x'));
    expect(noNs.body).toMatchObject({ code: 404, message: 'namespaces "infra" not found' });
    const bad = await client().post(`${GW}/namespaces/default/gateways`, gateway('Bad_Name'));
    expect(bad.body).toMatchObject({ code: 422, reason: 'Invalid' });
    expect(bad.body.message).toMatch(/^Gateway.gateway.networking.k8s.io "Bad_Name" is invalid: metadata.name: Invalid value/);
  });

  it('checks the resourceVersion precondition of a PUT (409 Conflict) and bumps generation only for spec changes', async () => {
    const created = (await client().post(`${GW}/namespaces/default/gateways`, gateway('put'))).body;
    const stale = { ...created, spec: { ...created.spec, gatewayClassName: 'nlb' } };
    const ok = await client().put(`${GW}/namespaces/default/gateways/put`, stale);
    expect(ok.body.metadata.generation).toBe(2);
    const conflict = await client().put(`${GW}/namespaces/default/gateways/put`, stale);
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({ reason: 'Conflict', message: 'Operation cannot be fulfilled on gateways.gateway.networking.k8s.io "put": the object has been modified; please apply your changes to the latest version and try again' });
    const labelled = await client().put(`${GW}/namespaces/default/gateways/put`, { ...ok.body, metadata: { ...ok.body.metadata, labels: { tier: 'x' } } });
    expect(labelled.body.metadata).toMatchObject({ generation: 2, labels: { tier: 'x' }, uid: created.metadata.uid });
    expect(Number(labelled.body.metadata.resourceVersion)).toBeGreaterThan(Number(ok.body.metadata.resourceVersion));
    // The same spec with its keys in another order is no change: same generation and resourceVersion.
    const { gatewayClassName, listeners } = labelled.body.spec;
    const reordered = await client().put(`${GW}/namespaces/default/gateways/put`, { ...labelled.body, spec: { listeners, gatewayClassName } });
    expect(reordered.body.metadata).toMatchObject({ generation: 2, resourceVersion: labelled.body.metadata.resourceVersion });
  });

  it('deletes, and deleting a namespace deletes what is in it', async () => {
    await client().post('/api/v1/namespaces', { metadata: { name: 'doomed' } });
    await client().post(`${GW}/namespaces/doomed/gateways`, gateway('inside'));
    expect((await client().delete(`${GW}/namespaces/default/gateways/dup`)).status).toBe(200);
    expect((await client().get(`${GW}/namespaces/default/gateways/dup`)).status).toBe(404);
    expect((await client().delete('/api/v1/namespaces/doomed')).body.metadata.name).toBe('doomed');
    expect((await client().get(`${GW}/namespaces/doomed/gateways/inside`)).status).toBe(404);
  });

  it('creates a missing namespace on first use with createNamespaces (the sandbox setting)', async () => {
    const lenient = await startKubeEmulator({ createNamespaces: true });
    try {
      const c = new KubeClient(lenient.endpoint);
      expect((await c.post(`${GW}/namespaces/shop/gateways`, gateway('g'))).status).toBe(201);
      expect((await c.get('/api/v1/namespaces/shop')).body.status).toEqual({ phase: 'Active' });
    } finally {
      await lenient.close();
    }
  });

  it('answers a dryRun=All write as the write would, and stores nothing', async () => {
    const created = await client().post(`${GW}/namespaces/default/gateways?dryRun=All`, gateway('dry'));
    expect(created.status).toBe(201);
    expect(created.body.metadata.uid).toBeDefined();
    expect((await client().get(`${GW}/namespaces/default/gateways/dry`)).status).toBe(404);
    await client().post(`${GW}/namespaces/default/gateways`, gateway('dry'));
    const patched = await client().patch(`${GW}/namespaces/default/gateways/dry?dryRun=All`, { spec: { gatewayClassName: 'nlb' } });
    expect(patched.body.metadata.generation).toBe(2);
    expect((await client().delete(`${GW}/namespaces/default/gateways/dry?dryRun=All`)).status).toBe(200);
    expect((await client().get(`${GW}/namespaces/default/gateways/dry`)).body.metadata.generation).toBe(1);
  });

  it('seeds objects in-process with create(), as a POST would', async () => {
    const svc = kube().create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'seeded' }, spec: { type: 'NodePort', ports: [{ port: 80 }] } });
    expect(svc.metadata).toMatchObject({ name: 'seeded', namespace: 'default', generation: 1 });
    expect((await client().get('/api/v1/namespaces/default/services/seeded')).body.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(() => kube().create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'seeded' } })).toThrow('services "seeded" already exists');
    expect(() => kube().create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } })).toThrow('the local Kubernetes API does not serve Pod (v1)');
  });

  it('rejects a field selector on an unsupported field (400)', async () => {
    expect((await client().get(`${GW}/gateways?fieldSelector=spec.gatewayClassName%3Dalb`)).body).toMatchObject({ code: 400, message: 'field label not supported: spec.gatewayClassName' });
  });

  it('only marks an object with finalizers on delete (202), and removes it when a write empties them', async () => {
    await client().post(`${GW}/namespaces/default/gateways`, gateway('fin', { metadata: { name: 'fin', finalizers: ['gateway.k8s.aws/alb'] } }));
    const marked = await client().delete(`${GW}/namespaces/default/gateways/fin`);
    expect(marked.status).toBe(202);
    expect(marked.body.metadata.deletionTimestamp).toMatch(/Z$/);
    const cleared = await client().patch(`${GW}/namespaces/default/gateways/fin`, { metadata: { deletionTimestamp: null, labels: { still: 'here' } } });
    expect(cleared.body.metadata.deletionTimestamp).toBe(marked.body.metadata.deletionTimestamp);
    await client().patch(`${GW}/namespaces/default/gateways/fin`, [{ op: 'remove', path: '/metadata/finalizers' }], 'application/json-patch+json');
    expect((await client().get(`${GW}/namespaces/default/gateways/fin`)).status).toBe(404);
  });

  it('serves the seeded namespaces and cluster-scoped kinds without a namespace', async () => {
    const ns = (await client().get('/api/v1/namespaces')).body;
    expect(ns.items.map((n: { metadata: { name: string } }) => n.metadata.name)).toEqual(expect.arrayContaining(['default', 'kube-system']));
    expect(ns.items[0].status).toEqual({ phase: 'Active' });
    const gc = await client().post(`${GW}/gatewayclasses`, { metadata: { name: 'alb', namespace: 'ignored' }, spec: { controllerName: 'gateway.k8s.aws/alb' } });
    expect(gc.body.metadata.namespace).toBeUndefined();
    expect((await client().get(`${GW}/namespaces/default/gatewayclasses/alb`)).status).toBe(404);
  });
});
