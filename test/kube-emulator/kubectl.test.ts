/**
 * The real kubectl as an independent client of the local Kubernetes API: client-side and
 * server-side apply of gwlb's examples, reads, a status patch, allocated nodePorts, a watch and a
 * Forbidden error. kubectl gets --kubeconfig and --cache-dir in a temporary directory (and HOME
 * there too), so the user's ~/.kube is never read or written. Skips when kubectl is absent.
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { startKubeEmulator, writeKubeconfig, type RunningKubeEmulator } from '../../src/kube-emulator/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLES = join(ROOT, 'examples');
const hasKubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'gwlb-kubectl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let kube: RunningKubeEmulator;
let kubeconfig: string;
beforeEach(async () => {
  kube = await startKubeEmulator({ createNamespaces: true });
  kubeconfig = writeKubeconfig(join(dir, `kubeconfig-${kube.port}`), kube.endpoint);
});
afterEach(async () => kube.close());

function args(list: string[]): string[] {
  return ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'cache'), ...list];
}

const env = { ...process.env, HOME: dir, KUBECONFIG: '' };

function kubectl(...list: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('kubectl', args(list), { env, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function ok(...list: string[]): Promise<string> {
  const r = await kubectl(...list);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

function manifests(example: string): { metadata?: { name: string; creationTimestamp?: string } }[] {
  const folder = join(EXAMPLES, example);
  return readdirSync(folder)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => parseAllDocuments(readFileSync(join(folder, f), 'utf8')).map((d) => d.toJS() as { metadata?: { name: string; creationTimestamp?: string } }))
    .filter((m) => m !== null);
}

const examples = readdirSync(EXAMPLES, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);

describe.skipIf(!hasKubectl)(`kubectl against the local Kubernetes API${hasKubectl ? '' : ' (skipped: kubectl not on PATH)'}`, () => {
  it.each(examples)('kubectl apply -f examples/%s creates every object, and again leaves them unchanged', async (example) => {
    const first = await ok('apply', '-f', join(EXAMPLES, example));
    const lines = first.trim().split('\n');
    expect(lines.every((l) => l.endsWith(' created'))).toBe(true);
    // A manifest that sets the server-owned creationTimestamp differs from the stored object on
    // every apply, so kubectl reports it "configured" (as against a real API server).
    const stamped = new Set(manifests(example).filter((m) => m.metadata?.creationTimestamp !== undefined).map((m) => m.metadata!.name));
    const second = await ok('apply', '-f', join(EXAMPLES, example));
    expect(second.trim().split('\n')).toEqual(lines.map((l) => l.replace(/ created$/, stamped.has(l.split(' ')[0]!.split('/')[1]!) ? ' configured' : ' unchanged')));
  });

  it('kubectl get gateways -A -o yaml lists what was applied; a changed apply bumps generation', async () => {
    await ok('apply', '-f', join(EXAMPLES, 'listenersets'));
    const list = parse(await ok('get', 'gateways', '-A', '-o', 'yaml'));
    expect(list.items.map((g: { metadata: { namespace: string; name: string; generation: number } }) => [g.metadata.namespace, g.metadata.name, g.metadata.generation])).toEqual([['infra', 'my-gateway', 1]]);
    expect((await ok('get', 'listenersets', '-n', 'frontend', '-o', 'name')).trim().split('\n')).toEqual(['listenerset.gateway.networking.k8s.io/frontend-listeners', 'listenerset.gateway.networking.k8s.io/late-listeners']);
    await ok('patch', 'gateway', 'my-gateway', '-n', 'infra', '--type=json', '-p', '[{"op":"replace","path":"/spec/listeners/0/port","value":8080}]');
    expect(await ok('get', 'gateway', 'my-gateway', '-n', 'infra', '-o', 'jsonpath={.metadata.generation} {.spec.listeners[0].port}')).toBe('2 8080');
  });

  it('kubectl patch --subresource=status changes only the status', async () => {
    await ok('apply', '-f', join(EXAMPLES, 'nlb-tcp'));
    const out = await ok('patch', 'gateway', 'my-gateway', '--subresource=status', '--type=merge', '-p', '{"status":{"addresses":[{"type":"Hostname","value":"k8s-nlb.elb.us-west-2.amazonaws.com"}]},"spec":{"gatewayClassName":"other"}}');
    expect(out.trim()).toBe('gateway.gateway.networking.k8s.io/my-gateway patched');
    expect(await ok('get', 'gateway', 'my-gateway', '-o', 'jsonpath={.status.addresses[0].value} {.spec.gatewayClassName} {.metadata.generation}')).toBe('k8s-nlb.elb.us-west-2.amazonaws.com aws-nlb-gateway-class 1');
  });

  it('kubectl get svc -o jsonpath shows allocated nodePorts, and server-side apply works', async () => {
    await ok('apply', '--server-side', '-f', join(EXAMPLES, 'alb-http-https'));
    const out = await ok('get', 'svc', '-n', 'example-ns', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.spec.clusterIP} {.spec.ports[*].nodePort}{"\\n"}{end}');
    const rows = out.trim().split('\n').map((l) => l.split(' '));
    expect(rows.map((r) => r[0])).toEqual(['service-blue', 'service-orange']);
    for (const [, ip, ...ports] of rows) {
      expect(ip).toMatch(/^10\.96\./);
      for (const p of ports) expect(Number(p)).toBeGreaterThanOrEqual(30000);
    }
    // Plain `kubectl get` prints the server's table: the Service printer's and the CRDs' columns.
    expect((await ok('get', 'svc', '-n', 'example-ns')).split('\n')[0]).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE$/);
    const gateways = (await ok('get', 'gateways', '-A')).split('\n');
    expect(gateways[0]).toMatch(/^NAMESPACE\s+NAME\s+CLASS\s+ADDRESS\s+PROGRAMMED\s+AGE$/);
    expect(gateways[1]).toMatch(/^example-ns\s+my-alb-gateway\s+aws-alb-gateway-class\s+Unknown\s+\d+s$/);
  });

  it('kubectl get --watch sees a Gateway created after it started', async () => {
    const child = spawn('kubectl', args(['get', 'gateways', '--watch', '-o', 'name']), { env });
    try {
      const seen = new Promise<string>((resolve) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          if (out.includes('late')) resolve(out);
        });
      });
      // Once the watch is open (its GET with watch=true logged), create the Gateway.
      for (let i = 0; i < 100 && !kube.faults.requests.some((r) => r.path.includes('watch=true')); i++) await new Promise((r) => setTimeout(r, 100));
      await fetch(`${kube.endpoint}/apis/gateway.networking.k8s.io/v1/namespaces/default/gateways`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ metadata: { name: 'late' }, spec: { gatewayClassName: 'x', listeners: [] } }),
      });
      expect(await seen).toContain('gateway.gateway.networking.k8s.io/late');
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('kubectl apply --dry-run=server reports what it would create and stores nothing', async () => {
    const out = await ok('apply', '--dry-run=server', '-f', join(EXAMPLES, 'nlb-tcp'));
    expect(out).toContain('gateway.gateway.networking.k8s.io/my-gateway created (server dry run)');
    const r = await kubectl('get', 'gateway', 'my-gateway');
    expect(r.stderr).toContain('Error from server (NotFound): gateways.gateway.networking.k8s.io "my-gateway" not found');
  });

  it('kubectl prints the API server’s Forbidden message', async () => {
    kube.faults.forbid({ group: 'gateway.networking.k8s.io', resource: 'gateways', verb: 'list' });
    const r = await kubectl('get', 'gateways', '-A');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('Error from server (Forbidden): gateways.gateway.networking.k8s.io is forbidden: User "system:anonymous" cannot list resource "gateways" in API group "gateway.networking.k8s.io" at the cluster scope');
  });
});
