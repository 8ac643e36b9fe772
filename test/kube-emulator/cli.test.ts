/**
 * `gwlb emulator --kube` in another process: it prints the Kubernetes API's endpoint, the
 * kubeconfig path and the export line, and the kubeconfig works (with fetch, and with kubectl
 * when it is on PATH). Needs the build (`npm run build`).
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILT = join(ROOT, 'dist/src/kube-emulator/index.js');
const hasKubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'gwlb-kube-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function serve(kubeconfig: string): Promise<{ child: ChildProcess; out: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/gwlb.js'), 'emulator', '--port', '0', '--kube', '--kube-port', '0', '--kubeconfig', kubeconfig], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('export KUBECONFIG=')) resolve({ child, out });
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`gwlb emulator exited with ${code} before listening: ${err}`)));
  });
}

describe.skipIf(!existsSync(BUILT))('gwlb emulator --kube', () => {
  it('serves the Kubernetes API and writes a kubeconfig with the gwlb-emulator context', async () => {
    const path = join(dir, 'kubeconfig');
    const { child, out } = await serve(path);
    try {
      const endpoint = /Kubernetes API listening on (http:\/\/\S+)/.exec(out)?.[1];
      expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(out).toContain(`  export KUBECONFIG=${path}\n`);
      const config = parse(readFileSync(path, 'utf8'));
      expect(config['current-context']).toBe('gwlb-emulator');
      expect(config.clusters[0].cluster.server).toBe(endpoint);
      expect(((await (await fetch(`${endpoint}/apis`)).json()) as { groups: unknown[] }).groups.length).toBe(5); // with coordination.k8s.io (the Lease)
      if (hasKubectl) {
        const env = { ...process.env, HOME: dir, KUBECONFIG: path };
        execFileSync('kubectl', ['--cache-dir', join(dir, 'cache'), 'apply', '-f', join(ROOT, 'examples/header-matching')], { env });
        const names = execFileSync('kubectl', ['--cache-dir', join(dir, 'cache'), 'get', 'httproutes', '-A', '-o', 'name'], { env }).toString();
        expect(names.trim()).toBe('httproute.gateway.networking.k8s.io/shop');
      }
    } finally {
      child.kill('SIGTERM');
    }
  });
});
