/**
 * Issue 10 benchmark: a `--from-cluster` read of 200 Gateways / 5,000 HTTPRoutes (+ their 5,000
 * Services and 20 ListenerRuleConfigurations that each name an OIDC Secret). The local Kubernetes
 * API runs in this process, seeded in-process; gwlb reads it with `loadCluster`, the function
 * `--from-cluster` calls, through a kubeconfig that points at it. Prints the API calls per kind
 * (one list per kind and page, `max(1, ceil(N/500))` pages; one GET per referenced Secret; no
 * other per-object GET) and the time beside the same input read from a file (`loadManifests`,
 * what `-f` calls). CPU time includes the in-process API server's work of answering the lists.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import { RESOURCES, startKubeEmulator, writeKubeconfig, type ResourceDef } from '../src/kube-emulator/index.js';
import { loadCluster } from '../src/source/cluster/index.js';
import { PAGE_SIZE } from '../src/source/cluster/read.js';
import { loadManifests } from '../src/source/load.js';
import { generateManifests, type Scale } from './generate.js';
import { fmt, timeCpuAsync } from './measure.js';

const NAMESPACES = 20;

/** One ListenerRuleConfiguration per namespace naming its own OIDC Secret, and the Secret. */
function oidcManifests(): string {
  const docs: string[] = [];
  for (let i = 0; i < NAMESPACES; i++) {
    docs.push(`apiVersion: gateway.k8s.aws/v1beta1
kind: ListenerRuleConfiguration
metadata:
  name: login
  namespace: team-${i}
spec:
  actions:
    - type: authenticate-oidc
      authenticateOIDCConfig:
        issuer: https://idp.example.com
        authorizationEndpoint: https://idp.example.com/authorize
        tokenEndpoint: https://idp.example.com/token
        userInfoEndpoint: https://idp.example.com/userinfo
        secret:
          name: oidc-client`);
    docs.push(`apiVersion: v1
kind: Secret
metadata:
  name: oidc-client
  namespace: team-${i}
stringData:
  clientID: client-${i}
  clientSecret: secret-${i}`);
  }
  return docs.join('\n---\n') + '\n';
}

/** `/apis/g/v/plural?limit=…` or `/api/v1/plural?…` → the resource listed. */
function listedResource(path: string): ResourceDef | undefined {
  const parts = path.split('?')[0]!.split('/').filter((p) => p !== '');
  const [group, plural] = parts[0] === 'api' ? ['', parts[2]] : [parts[1], parts[3]];
  return RESOURCES.find((r) => r.group === group && r.plural === plural);
}

export async function runClusterBench(): Promise<void> {
  const scale: Scale = { gateways: 200, routes: 5000, rulesPerRoute: 4, withinAlbQuota: true, clusterIpServices: true };
  const text = generateManifests(scale) + '---\n' + oidcManifests();
  const dir = mkdtempSync(join(tmpdir(), 'gwlb-cluster-bench-'));
  const file = join(dir, 'bench.yaml');
  writeFileSync(file, text);
  const kube = await startKubeEmulator({ createNamespaces: true });
  try {
    const seedStart = performance.now();
    let ip = 10;
    for (const doc of loadAll(text) as (Record<string, any> | null)[]) {
      if (!doc) continue;
      // A clusterIP given, as the API server would allocate it: its allocator scans every Service per create.
      if (doc['kind'] === 'Service') doc['spec'].clusterIP = `10.96.${Math.floor(ip / 256) % 256}.${ip++ % 256}`;
      kube.create(doc);
    }
    const seedMs = performance.now() - seedStart;
    const kubeconfig = writeKubeconfig(join(dir, 'kubeconfig'), kube.endpoint);
    const env = { home: '/nonexistent', serviceAccountDir: '/nonexistent' };
    const read = () => loadCluster({ kubeconfig }, env);

    // The calls of one read, counted by the API server's request log.
    kube.faults.clearRequests();
    const loaded = await read();
    const requests = kube.faults.requests.map((r) => r.path);
    const lists = new Map<ResourceDef, number>();
    const gets: string[] = [];
    let discovery = 0;
    for (const path of requests) {
      if (path.includes('?limit=')) {
        const r = listedResource(path);
        if (!r) throw new Error(`a list of something the local API does not serve: ${path}`);
        lists.set(r, (lists.get(r) ?? 0) + 1);
      } else if (/^\/api\/v1\/namespaces\/[^/]+\/secrets\/[^/]+$/.test(path)) gets.push(path);
      else if (path === '/apis' || /^\/apis?\/[^/]+(\/[^/]+)?$/.test(path)) discovery++;
      else throw new Error(`a request that is neither discovery, a list nor a Secret GET: ${path}`);
    }
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error').length;
    console.log(`from cluster: ${scale.gateways} Gateways / ${scale.routes} HTTPRoutes / ${scale.routes} Services / ${NAMESPACES} ListenerRuleConfigurations naming ${NAMESPACES} Secrets (local API in this process, seeded in ${fmt(seedMs)}; Services are ClusterIP, as 5,000 NodePort Services exceed the 2,768-port node-port range)`);
    console.log(`  API calls of one read: ${requests.length} = ${discovery} discovery + ${[...lists.values()].reduce((a, b) => a + b, 0)} list pages + ${gets.length} Secret GETs (${loaded.snapshot.gateways.length} Gateways, ${loaded.snapshot.httpRoutes.length} HTTPRoutes read; ${errors} errors)`);
    let allMatch = true;
    const rows = [...lists].sort(([a], [b]) => kube.store.list(b).length - kube.store.list(a).length || a.kind.localeCompare(b.kind));
    for (const [r, pages] of rows) {
      const n = kube.store.list(r).length;
      const expected = Math.max(1, Math.ceil(n / PAGE_SIZE));
      if (pages !== expected) allMatch = false;
      console.log(`    ${`list ${r.kind}`.padEnd(36)} ${String(pages).padStart(3)} pages for ${String(n).padStart(5)} objects (max(1, ceil(N/${PAGE_SIZE})) = ${expected})`);
    }
    const secrets = kube.store.list(RESOURCES.find((r) => r.kind === 'Secret')!).length;
    console.log(`    ${'get Secret'.padEnd(36)} ${String(gets.length).padStart(3)} GETs, one per Secret a ListenerRuleConfiguration names (${NAMESPACES}); of ${secrets} Secrets, none listed`);
    console.log(`  pages per kind ${allMatch ? 'all equal' : 'DIFFER from'} max(1, ceil(N/${PAGE_SIZE})); no other per-object GET`);

    const fromFile = await timeCpuAsync(3, () => loadManifests([file]));
    const fromCluster = await timeCpuAsync(3, read);
    const mb = (Buffer.byteLength(text) / 1e6).toFixed(1);
    console.log(`  read (best of 3; CPU = user + system of this process, the API server's included)`);
    console.log(`    ${`-f (one file, ${mb} MB)`.padEnd(28)} CPU ${fmt(fromFile.cpuMs).padStart(8)}, wall ${fmt(fromFile.wallMs).padStart(8)}`);
    console.log(`    ${'--from-cluster'.padEnd(28)} CPU ${fmt(fromCluster.cpuMs).padStart(8)}, wall ${fmt(fromCluster.wallMs).padStart(8)}`);
    console.log(`    --from-cluster / -f: CPU ${(fromCluster.cpuMs / fromFile.cpuMs).toFixed(2)}, wall ${(fromCluster.wallMs / fromFile.wallMs).toFixed(2)}`);
  } finally {
    await kube.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
