/** A local Kubernetes API with a kubeconfig on disk, seeding by HTTP POST, and the real kubectl when on PATH. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { RESOURCES, startKubeEmulator, writeKubeconfig, type KubeEmulatorOptions, type RunningKubeEmulator } from '../../src/kube-emulator/index.js';

export interface Cluster {
  readonly kube: RunningKubeEmulator;
  readonly kubeconfig: string;
}

export async function startCluster(options: KubeEmulatorOptions = {}): Promise<Cluster> {
  const kube = await startKubeEmulator({ createNamespaces: true, ...options });
  const kubeconfig = writeKubeconfig(join(mkdtempSync(join(tmpdir(), 'gwlb-cluster-')), 'kubeconfig'), kube.endpoint);
  return { kube, kubeconfig };
}

/** POSTs one object where the API server takes it; fails the test on anything but 201. */
export async function create(kube: RunningKubeEmulator, obj: Record<string, unknown>): Promise<Record<string, unknown>> {
  const apiVersion = obj['apiVersion'] as string;
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '';
  const r = RESOURCES.find((d) => d.kind === obj['kind'] && d.group === group);
  if (!r) throw new Error(`the local API does not serve ${String(obj['kind'])} (${apiVersion})`);
  const meta = obj['metadata'] as { namespace?: string };
  const base = group === '' ? `/api/${apiVersion}` : `/apis/${apiVersion}`;
  const path = r.namespaced ? `${base}/namespaces/${meta.namespace ?? 'default'}/${r.plural}` : `${base}/${r.plural}`;
  const res = await fetch(`${kube.endpoint}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(obj) });
  const body = (await res.json()) as Record<string, unknown>;
  if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** Every document of the YAML files under `path`, created in file order. */
export async function createFrom(kube: RunningKubeEmulator, path: string): Promise<void> {
  const files = statSync(path).isDirectory() ? readdirSync(path).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(path, f)) : [path];
  for (const file of files) {
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
      const value = doc.toJS() as Record<string, unknown> | null;
      if (value) await create(kube, value);
    }
  }
}

/** The real kubectl is on PATH: tests that use it as an independent client skip visibly without it. */
export const KUBECTL = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

/** Runs kubectl against `kubeconfig`; stdout and stderr together. */
export function kubectl(kubeconfig: string, args: readonly string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('kubectl', ['--kubeconfig', kubeconfig, ...args]);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, out }));
  });
}
