/**
 * The sentences about the state lock (src/apply/lock.ts), in Terraform's words where it has
 * them ("Error acquiring the state lock", "Acquiring state lock", ux-anchors.md §1.7): who holds
 * the lock, since when, and what to do — wait, pass --lock-timeout, or delete a file that no
 * live gwlb process stands behind.
 */
import type { LockBusyError, LockInfo } from '../apply/lock.js';
import type { LockKey } from '../apply/lock-target.js';
import { formatDuration } from '../cli/duration.js';

/** A wait long enough for a typical apply, offered in the refusal. */
const SUGGESTED_TIMEOUT = '5m';

export function describeLockTarget(key: LockKey): string {
  switch (key.kind) {
    case 'sandbox':
      return `the sandbox in ${key.dir}`;
    case 'endpoint':
      return `endpoint ${key.url} (region ${key.region}, cluster ${key.cluster})`;
    case 'aws':
      return `AWS region ${key.region} (cluster ${key.cluster})`;
  }
}

const who = (h: LockInfo) => `pid ${h.pid} on ${h.hostname} (${h.command}) since ${h.startedAt}`;

export function lockWaitingText(target: string, holder: LockInfo | undefined, timeoutMs: number): string {
  const by = holder ? ` by ${who(holder)}` : '';
  return `Acquiring the state lock: ${target} is locked${by}; waiting up to ${formatDuration(timeoutMs)}...\n`;
}

export function lockRefusedText(err: LockBusyError, target: string, timeoutMs: number): string {
  const head = 'Error acquiring the state lock: ';
  const waitHint = timeoutMs > 0 ? `it was still held after ${formatDuration(timeoutMs)}; wait for it to finish, or pass a longer --lock-timeout` : `wait for it to finish, or pass --lock-timeout ${SUGGESTED_TIMEOUT} to wait`;
  const h = err.holder;
  if (!h) return `${head}${target} is locked by ${err.path}, which is not a readable gwlb lock; if no gwlb process is applying to it, delete that file`;
  const orphan = `(if pid ${h.pid} on ${h.hostname} is not a gwlb process, delete ${err.path})`;
  if (err.reason === 'takeover') return `${head}${who(h)} started taking over a stale lock on ${target} and has not finished; ${waitHint} ${orphan}`;
  return `${head}${target} is locked by ${who(h)}; ${waitHint} ${orphan}`;
}

export function invalidDurationText(flag: string, value: string): string {
  return `${flag} ${value} is not a duration; pass e.g. 0s (the default: do not wait), 30s, 5m, 1h or 1m30s`;
}

export function lockFileErrorText(path: string, err: unknown): string {
  const reason = err instanceof Error ? err.message : String(err);
  return `cannot create the state lock ${path}: ${reason}; make its folder writable, or set GWLB_LOCK_DIR to a writable folder (for --sandbox, run in a writable folder)`;
}
