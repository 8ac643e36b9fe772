/**
 * A kubeconfig for the local API: one cluster (plain http, which kubectl accepts for an
 * `http://` server), one user with a placeholder token (the emulator does not authenticate) and
 * the context `gwlb-emulator`, current.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { stringify } from 'yaml';

export const KUBE_CONTEXT = 'gwlb-emulator';

export function kubeconfigFor(endpoint: string, namespace = 'default'): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: KUBE_CONTEXT, cluster: { server: endpoint } }],
    users: [{ name: KUBE_CONTEXT, user: { token: 'gwlb-emulator' } }],
    contexts: [{ name: KUBE_CONTEXT, context: { cluster: KUBE_CONTEXT, user: KUBE_CONTEXT, namespace } }],
    'current-context': KUBE_CONTEXT,
    preferences: {},
  });
}

/** Writes the kubeconfig (mode 0600, as kubectl writes its own) and returns its path. */
export function writeKubeconfig(path: string, endpoint: string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, kubeconfigFor(endpoint), { mode: 0o600 });
  return path;
}
