/**
 * Kubeconfig as kubectl reads it (client-go clientcmd loading rules): --kubeconfig alone, else
 * KUBECONFIG's files merged first-wins with missing files ignored, else ~/.kube/config, else the
 * pod's service account; --context over current-context.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { chooseContext, findKubeconfig, mergeKubeconfigs, type KubeconfigEnv } from '../../src/source/cluster/kubeconfig.js';

const dir = mkdtempSync(join(tmpdir(), 'gwlb-kubeconfig-'));

function config(name: string, opts: { server?: string; current?: string; user?: Record<string, unknown>; caFile?: string } = {}): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server: opts.server ?? `https://${name}.example`, ...(opts.caFile ? { 'certificate-authority': opts.caFile } : {}) } }],
    users: [{ name, user: opts.user ?? { token: name } }],
    contexts: [{ name, context: { cluster: name, user: name } }],
    ...(opts.current !== undefined ? { 'current-context': opts.current } : {}),
  });
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const env = (extra: Partial<KubeconfigEnv> = {}): KubeconfigEnv => ({ home: join(dir, 'home'), serviceAccountDir: join(dir, 'no-sa'), ...extra });

describe('kubeconfig merge (KUBECONFIG with several files)', () => {
  it('first file wins for a cluster, user or context both define, and for current-context', () => {
    const merged = mergeKubeconfigs([
      { path: '/a/config', text: config('shared', { server: 'https://first.example', current: 'shared' }) },
      { path: '/b/config', text: config('shared', { server: 'https://second.example', current: 'other' }) + '' },
    ]);
    expect(merged.clusters).toHaveLength(1);
    expect((merged.clusters[0]!['cluster'] as { server: string }).server).toBe('https://first.example');
    expect(merged['current-context']).toBe('shared');
  });

  it('current-context comes from the first file that sets one; names from every file are kept', () => {
    const merged = mergeKubeconfigs([
      { path: '/a/config', text: config('a') },
      { path: '/b/config', text: config('b', { current: 'b' }) },
      { path: '/c/config', text: config('c', { current: 'c' }) },
    ]);
    expect(merged['current-context']).toBe('b');
    expect(merged.contexts.map((c) => c.name)).toEqual(['a', 'b', 'c']);
  });

  it('resolves relative file paths against the directory of the file that holds them', () => {
    const merged = mergeKubeconfigs([{ path: '/etc/kube/config', text: config('a', { caFile: 'ca.crt', user: { 'client-certificate': 'certs/me.crt', exec: { command: './bin/token', args: ['x'] } } }) }]);
    expect((merged.clusters[0]!['cluster'] as Record<string, string>)['certificate-authority']).toBe('/etc/kube/ca.crt');
    const user = merged.users[0]!['user'] as Record<string, unknown>;
    expect(user['client-certificate']).toBe('/etc/kube/certs/me.crt');
    expect((user['exec'] as { command: string }).command).toBe('/etc/kube/bin/token');
  });

  it('ignores files in KUBECONFIG that do not exist', () => {
    const a = file('only.yaml', config('only', { current: 'only' }));
    const found = findKubeconfig({}, env({ KUBECONFIG: `${join(dir, 'missing.yaml')}:${a}` }));
    expect(found.kind).toBe('files');
    if (found.kind === 'files') expect(found.merged['current-context']).toBe('only');
  });

  it('--kubeconfig wins over KUBECONFIG, and a missing --kubeconfig file is an error', () => {
    const a = file('flag.yaml', config('flag', { current: 'flag' }));
    const b = file('env.yaml', config('env', { current: 'env' }));
    const found = findKubeconfig({ kubeconfig: a }, env({ KUBECONFIG: b }));
    expect(found.kind === 'files' && found.merged.contexts.map((c) => c.name)).toEqual(['flag']);
    expect(() => findKubeconfig({ kubeconfig: join(dir, 'nope.yaml') }, env())).toThrow(/--kubeconfig .*nope\.yaml: no such file/);
  });

  it('falls back to ~/.kube/config, then to the service account in a pod, else says where it looked', () => {
    mkdirSync(join(dir, 'home2', '.kube'), { recursive: true });
    writeFileSync(join(dir, 'home2', '.kube', 'config'), config('home', { current: 'home' }));
    const home = findKubeconfig({}, env({ home: join(dir, 'home2') }));
    expect(home.kind === 'files' && home.merged['current-context']).toBe('home');
    const sa = join(dir, 'sa');
    mkdirSync(sa, { recursive: true });
    writeFileSync(join(sa, 'token'), 'x');
    expect(findKubeconfig({}, env({ KUBERNETES_SERVICE_HOST: '10.0.0.1', serviceAccountDir: sa })).kind).toBe('in-cluster');
    expect(() => findKubeconfig({}, env())).toThrow(/no kubeconfig found \(looked at .*\.kube\/config\); pass --kubeconfig FILE or set KUBECONFIG/);
  });
});

describe('--context', () => {
  const merged = mergeKubeconfigs([
    { path: '/a', text: config('a', { current: 'a' }) },
    { path: '/b', text: config('b') },
  ]);

  it('overrides current-context', () => {
    expect(chooseContext(merged, 'b').name).toBe('b');
    expect(chooseContext(merged, undefined).name).toBe('a');
  });

  it('naming a context no file defines is an error listing the defined ones', () => {
    expect(() => chooseContext(merged, 'c')).toThrow('context "c" is not in /a:/b (contexts: a, b)');
  });

  it('no current-context and no --context is an error', () => {
    const none = mergeKubeconfigs([{ path: '/a', text: config('a') }]);
    expect(() => chooseContext(none, undefined)).toThrow('/a sets no current-context; pass --context NAME (contexts: a)');
  });
});
