/**
 * Which lock file guards which AWS target (DESIGN.md "Live half": a lock per sandbox state /
 * (endpoint or account, region, cluster) on a machine).
 * - `--sandbox`: the lock sits next to the state it guards, `.gwlb/sandbox/state.json.lock`
 *   (as Terraform's `.terraform.tfstate.lock.info`), so every path to that folder finds it.
 * - `--endpoint-url` and live AWS: one lock per (endpoint URL or "aws", region, cluster name)
 *   in a per-user state folder, `$GWLB_LOCK_DIR`, else `$XDG_STATE_HOME/gwlb/locks`, else
 *   `~/.local/state/gwlb/locks`; the key is hashed into the file name. Live AWS is not keyed by
 *   account: the profile's account is not known before a call, and two profiles that share a
 *   region and cluster name waiting for each other is the safe mistake.
 * Only this machine's gwlb processes see these locks. Two machines applying to one account need
 * the Kubernetes Lease (src/source/cluster/lease.ts, taken in src/run/lock.ts).
 */
import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { SANDBOX_STATE, type AwsTarget } from '../aws/clients.js';

export type LockKey =
  | { readonly kind: 'sandbox'; readonly dir: string }
  | { readonly kind: 'endpoint'; readonly url: string; readonly region: string; readonly cluster: string }
  | { readonly kind: 'aws'; readonly region: string; readonly cluster: string };

export interface TargetLock {
  readonly key: LockKey;
  readonly path: string;
}

export function lockDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['GWLB_LOCK_DIR']) return env['GWLB_LOCK_DIR'];
  return join(env['XDG_STATE_HOME'] || join(homedir(), '.local', 'state'), 'gwlb', 'locks');
}

/** `region` is the one the connection will use (clients.ts resolveRegion), so keys agree with it. */
export function targetLock(target: AwsTarget, region: string, cluster: string, options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): TargetLock {
  if (target.kind === 'sandbox') {
    const dir = dirname(resolve(target.stateDir ?? options.cwd ?? process.cwd(), SANDBOX_STATE));
    return { key: { kind: 'sandbox', dir }, path: join(dir, 'state.json.lock') };
  }
  const key: LockKey = target.kind === 'endpoint' ? { kind: 'endpoint', url: normalUrl(target.url), region, cluster } : { kind: 'aws', region, cluster };
  const where = key.kind === 'endpoint' ? key.url : 'aws';
  const hash = createHash('sha256').update(JSON.stringify([where, region, cluster])).digest('hex').slice(0, 32);
  return { key, path: join(lockDir(options.env), `${hash}.lock`) };
}

/** `http://127.0.0.1:4566/` and `http://127.0.0.1:4566` are one endpoint (connectAws trims the same way). */
function normalUrl(url: string): string {
  try {
    return new URL(url).toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}
