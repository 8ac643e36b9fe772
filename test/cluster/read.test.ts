/**
 * Reading a cluster (issue 10 items 1 and 3) against the local Kubernetes API in this process:
 * one paginated list per kind, Secrets only by name, objects through the same schema checks as
 * files with `kind ns/name` origins, and one-line errors a user can act on.
 */
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadCluster } from '../../src/source/cluster/index.js';
import { formatDiagnostic } from '../../src/ui/diagnostics.js';
import { makeChalk } from '../../src/ui/color.js';
import { create, createFrom, startCluster, type Cluster } from './helpers.js';

const plain = makeChalk(false);
const env = { home: '/nonexistent', serviceAccountDir: '/nonexistent' };
const read = (c: Cluster) => loadCluster({ kubeconfig: c.kubeconfig }, env);

describe('--from-cluster reads what files hold', () => {
  let c: Cluster;
  beforeAll(async () => {
    c = await startCluster();
    await createFrom(c.kube, 'examples/alb-http-https');
    await createFrom(c.kube, 'test/fixtures/oidc-secret/gateway.yaml');
    await createFrom(c.kube, 'test/fixtures/oidc-secret/secret-v1.yaml');
    await create(c.kube, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'unrelated', namespace: 'auth' }, stringData: { a: 'b' } });
  });
  afterAll(() => c.kube.close());

  it('lists each kind once with limit=500, never lists Secrets, and GETs only the referenced one', async () => {
    c.kube.faults.clearRequests();
    const loaded = await read(c);
    const s = loaded.snapshot;
    expect(s.gateways.map((g) => `${g.metadata.namespace}/${g.metadata.name}`).sort()).toEqual(['auth/web', 'example-ns/my-alb-gateway']);
    expect(s.httpRoutes).toHaveLength(3);
    expect(s.services.map((x) => x.metadata.name).sort()).toEqual(['app', 'service-blue', 'service-orange']);
    expect(s.secrets.map((x) => `${x.metadata.namespace}/${x.metadata.name}`)).toEqual(['auth/oidc-client']);
    expect(s.secrets[0]!.spec.data['clientID']).toBe('gwlb-e2e-client');
    // Real metadata the API server set: what files lack.
    expect(s.gateways[0]!.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    const requests = c.kube.faults.requests.map((r) => r.path);
    const lists = requests.filter((p) => p.includes('?limit='));
    expect(lists.every((p) => p.includes('limit=500'))).toBe(true);
    expect(new Set(lists.map((p) => p.split('?')[0])).size).toBe(lists.length);
    expect(lists.some((p) => p.startsWith('/apis/gateway.networking.k8s.io/v1/gateways?'))).toBe(true);
    expect(lists.some((p) => p.startsWith('/apis/discovery.k8s.io/v1/endpointslices?'))).toBe(true);
    expect(requests.filter((p) => p.includes('secrets'))).toEqual(['/api/v1/namespaces/auth/secrets/oidc-client']);
    expect(loaded.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('follows continue past 500 objects', async () => {
    for (let i = 0; i < 501; i++) await create(c.kube, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: `many-${i}` } });
    c.kube.faults.clearRequests();
    const loaded = await read(c);
    expect(loaded.snapshot.namespaces.length).toBeGreaterThan(501);
    const pages = c.kube.faults.requests.filter((r) => r.path.startsWith('/api/v1/namespaces?'));
    expect(pages).toHaveLength(2);
    expect(pages[1]!.path).toContain('&continue=');
  });

  it('an object the schema rejects is skipped with a diagnostic naming kind ns/name', async () => {
    await create(c.kube, {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'bad', namespace: 'default' },
      spec: { gatewayClassName: 'aws-alb', listeners: [{ name: 'http', protocol: 'HTTP', port: 'eighty' }] },
    });
    const loaded = await read(c);
    expect(loaded.snapshot.gateways.map((g) => g.metadata.name)).not.toContain('bad');
    const d = loaded.diagnostics.find((x) => x.severity === 'error' && x.location?.file === 'Gateway default/bad');
    expect(d).toBeDefined();
    expect(formatDiagnostic(d!, plain)).toMatch(/^Gateway default\/bad: error GWLB1\d\d: /);
  });
});

describe('--from-cluster faults', () => {
  let c: Cluster;
  beforeAll(async () => {
    c = await startCluster({ user: 'system:serviceaccount:gwlb:reader' });
    await createFrom(c.kube, 'examples/nlb-tcp');
  });
  afterAll(() => c.kube.close());

  it('403 on EndpointSlices or Nodes: a warning naming the verb and the RBAC rule, targets unknown', async () => {
    c.kube.faults.forbid({ group: 'discovery.k8s.io', resource: 'endpointslices', verb: 'list' });
    const loaded = await read(c);
    c.kube.faults.allowAll();
    expect(loaded.snapshot.gateways).toHaveLength(1);
    const warnings = loaded.diagnostics.filter((d) => d.severity === 'warning');
    expect(warnings.map((d) => d.message)).toEqual([
      'RBAC forbids list on endpointslices.discovery.k8s.io (EndpointSlice) for context "gwlb-emulator"; add the rule {apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: ["list"]} to a ClusterRole bound to its user; read without EndpointSlices, so targets are unknown',
    ]);
  });

  it('403 on a Gateway API kind stops the read with the rule to add', async () => {
    c.kube.faults.forbid({ group: 'gateway.networking.k8s.io', resource: 'httproutes', verb: 'list' });
    await expect(read(c)).rejects.toThrow(
      'RBAC forbids list on httproutes.gateway.networking.k8s.io (HTTPRoute) for context "gwlb-emulator"; add the rule {apiGroups: ["gateway.networking.k8s.io"], resources: ["httproutes"], verbs: ["list"]} to a ClusterRole bound to its user',
    );
    c.kube.faults.allowAll();
  });

  it('Gateway API or LBC CRDs not installed: which group, and how to install it', async () => {
    c.kube.faults.uninstall('gateway.networking.k8s.io');
    await expect(read(c)).rejects.toThrow(/Gateway API CRDs are not installed .*kubectl apply -f https:\/\/github.com\/kubernetes-sigs\/gateway-api\/releases\/download\/v1.3.0\/standard-install.yaml/);
    c.kube.faults.install('gateway.networking.k8s.io');
    c.kube.faults.uninstall('gateway.k8s.aws');
    await expect(read(c)).rejects.toThrow(/Load Balancer Controller's Gateway CRDs are not installed \(no API group gateway.k8s.aws\).*kubectl apply -k "github.com\/aws\/eks-charts\/stable\/aws-load-balancer-controller\/crds\?ref=master"/);
    c.kube.faults.install('gateway.k8s.aws');
  });

  it('an optional group not installed (the experimental XListenerSet) only says so with -v', async () => {
    c.kube.faults.uninstall('gateway.networking.x-k8s.io');
    const loaded = await read(c);
    c.kube.faults.install('gateway.networking.x-k8s.io');
    expect(loaded.diagnostics.map((d) => `${d.severity} ${d.code} ${d.message}`)).toContain('info GWLB011 the cluster does not serve XListenerSet (its CRD is not installed); none read');
  });

  it('a failing exec credential plugin is named with its command', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwlb-exec-'));
    const kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(
      kubeconfig,
      stringify({
        clusters: [{ name: 'eks', cluster: { server: c.kube.endpoint } }],
        users: [{ name: 'eks', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'sh', args: ['-c', 'echo "the SSO session has expired" >&2; exit 255'] } } }],
        contexts: [{ name: 'eks', context: { cluster: 'eks', user: 'eks' } }],
        'current-context': 'eks',
      }),
    );
    await expect(loadCluster({ kubeconfig }, env)).rejects.toThrow(
      `the credential plugin of context "eks" failed (sh -c echo "the SSO session has expired" >&2; exit 255): the SSO session has expired; check that the command works on its own and that its credentials have not expired`,
    );
  });
});

describe('--from-cluster unreachable', () => {
  let silent: Server;
  let port = 0;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    // Accepts connections and never answers: a firewalled or hung API server.
    silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    port = (silent.address() as { port: number }).port;
  });
  afterAll(() => {
    for (const socket of sockets) socket.destroy();
    return new Promise<void>((r) => silent.close(() => r()));
  });

  function kubeconfigFor(server: string): string {
    const path = join(mkdtempSync(join(tmpdir(), 'gwlb-dead-')), 'kubeconfig');
    writeFileSync(path, stringify({ clusters: [{ name: 'prod', cluster: { server } }], users: [{ name: 'prod', user: { token: 't' } }], contexts: [{ name: 'prod', context: { cluster: 'prod', user: 'prod' } }], 'current-context': 'prod' }));
    return path;
  }

  it('refused: names the server and the context', async () => {
    await expect(loadCluster({ kubeconfig: kubeconfigFor('http://127.0.0.1:1') }, env)).rejects.toThrow('cannot reach the Kubernetes API at http://127.0.0.1:1 (context "prod"): ECONNREFUSED');
  });

  it('401: the credentials were refused, with how to refresh them', async () => {
    const refusing = createHttpServer((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 }));
    });
    await new Promise<void>((r) => refusing.listen(0, '127.0.0.1', r));
    const server = `http://127.0.0.1:${(refusing.address() as { port: number }).port}`;
    try {
      await expect(loadCluster({ kubeconfig: kubeconfigFor(server) }, env)).rejects.toThrow(`the Kubernetes API at ${server} refused the credentials of context "prod" (401 Unauthorized); refresh them (for EKS: aws eks update-kubeconfig) and retry`);
    } finally {
      refusing.closeAllConnections();
      await new Promise<void>((r) => refusing.close(() => r()));
    }
  });

  it('no answer: gives up within 5 s', async () => {
    const started = Date.now();
    await expect(loadCluster({ kubeconfig: kubeconfigFor(`http://127.0.0.1:${port}`) }, env)).rejects.toThrow(`cannot reach the Kubernetes API at http://127.0.0.1:${port} (context "prod"): no answer within 5 s`);
    expect(Date.now() - started).toBeLessThan(8000);
  });
});
