/**
 * A command's lock on its AWS target, from the --lock-timeout flag to a held lock or a one-line
 * refusal: the key (src/apply/lock-target.ts), the lock (src/apply/lock.ts) and the sentences
 * (src/ui/lock.ts). The caller releases the lock after its last AWS call and, for --sandbox,
 * after the emulator has written its state: the whole read-modify-write happens under it.
 */
import { resolveRegion, type AwsTarget } from '../aws/clients.js';
import { acquireLock, LockBusyError, type HeldLock } from '../apply/lock.js';
import { targetLock } from '../apply/lock-target.js';
import { describeLockTarget, invalidDurationText, lockFileErrorText, lockRefusedText, lockWaitingText } from '../ui/lock.js';
import { formatDuration, parseDuration } from '../cli/duration.js';
import type { KubeconfigOptions } from '../source/cluster/kubeconfig.js';
import type { HeldLease, LeaseBusyError, LeaseSpec } from '../source/cluster/lease.js';

export type { HeldLock, HeldLease };

/** The command prints `message` and exits 1; nothing was read or written in AWS. */
export class LockRefusedError extends Error {
  override readonly name = 'LockRefusedError';
}

export interface TargetLockOptions {
  readonly target: AwsTarget;
  readonly clusterName: string;
  /** `gwlb apply`: written into the lock, so a refused process can say who holds it. */
  readonly command: string;
  /** The --lock-timeout value as typed; absent means 0s, refuse at once (Terraform's default). */
  readonly timeout?: string | undefined;
  /** Where the "waiting for the lock" notice goes. */
  readonly say: (text: string) => void;
}

export async function lockTarget(options: TargetLockOptions): Promise<HeldLock> {
  const timeoutMs = options.timeout === undefined ? 0 : parseDuration(options.timeout);
  if (timeoutMs === undefined) throw new LockRefusedError(invalidDurationText('--lock-timeout', options.timeout ?? ''));
  const { key, path } = targetLock(options.target, resolveRegion(options.target), options.clusterName);
  const target = describeLockTarget(key);
  // This lock only orders gwlb processes on one machine. With --from-cluster, apply also takes the
  // cluster's coordination.k8s.io Lease (lockCluster below, after this lock), so that runs on
  // different machines and CI jobs exclude each other too.
  try {
    return await acquireLock({ path, target, command: options.command, timeoutMs, onWait: (holder) => options.say(lockWaitingText(target, holder, timeoutMs)) });
  } catch (err) {
    if (err instanceof LockBusyError) throw new LockRefusedError(lockRefusedText(err, target, timeoutMs));
    if (typeof (err as NodeJS.ErrnoException).syscall === 'string') throw new LockRefusedError(lockFileErrorText(path, err));
    throw err;
  }
}

export interface ClusterLockOptions {
  readonly cluster: KubeconfigOptions;
  readonly clusterName: string;
  /** The --lock-timeout value as typed; absent means 0s. */
  readonly timeout?: string | undefined;
  /**
   * When the command started waiting for its first lock (Date.now()): --lock-timeout bounds the
   * wait for both locks together, so the Lease gets only what the machine lock left of it.
   */
  readonly waitingSince?: number;
  readonly say: (text: string) => void;
}

/** Who holds a Lease and until when, for the sentences below. */
function leaseHolder(h: LeaseSpec, expiry: number | undefined): string {
  const left = expiry === undefined ? '' : ` (renewed at ${h.renewTime ?? h.acquireTime}, valid for ${formatDuration(Math.max(0, Math.round((expiry - Date.now()) / 1000) * 1000))} more)`;
  return `${h.holderIdentity ?? 'nobody'}${left}`;
}

function leaseRefusedText(err: LeaseBusyError, expiry: number | undefined, timeoutMs: number): string {
  const waitHint = timeoutMs > 0 ? `it was still held after ${formatDuration(timeoutMs)}; wait for that run to finish, or pass a longer --lock-timeout` : 'wait for that run to finish, or pass --lock-timeout 5m to wait';
  return `Error acquiring the cluster lock: the Lease ${err.where} is held by ${leaseHolder(err.holder, expiry)}; ${waitHint}`;
}

/**
 * The cluster's Lease (src/source/cluster/lease.ts) for a command that writes with --from-cluster,
 * taken after the machine-local lock; the caller awaits release() before releasing that one.
 */
export async function lockCluster(options: ClusterLockOptions): Promise<HeldLease> {
  const timeoutMs = options.timeout === undefined ? 0 : parseDuration(options.timeout);
  if (timeoutMs === undefined) throw new LockRefusedError(invalidDurationText('--lock-timeout', options.timeout ?? ''));
  const left = options.waitingSince === undefined ? timeoutMs : Math.max(0, timeoutMs - (Date.now() - options.waitingSince));
  const [{ connectKube }, lease, { isClusterError }] = await Promise.all([import('../source/cluster/client.js'), import('../source/cluster/lease.js'), import('../source/cluster/errors.js')]);
  try {
    const client = await connectKube(options.cluster);
    return await lease.acquireLease({
      client,
      clusterName: options.clusterName,
      timeoutMs: left,
      onWait: (h) => options.say(`Acquiring the cluster lock: the Lease ${lease.LEASE_NAMESPACE}/${lease.leaseName(options.clusterName)} is held by ${leaseHolder(h, lease.leaseExpiry(h))}; waiting up to ${formatDuration(left)}...\n`),
      onLost: (h) => options.say(`Warning: the cluster lock was taken over by ${h.holderIdentity ?? 'another process'} while this run held it (its renewals failed for longer than the Lease lasts)\n`),
    });
  } catch (err) {
    if (err instanceof lease.LeaseBusyError) throw new LockRefusedError(leaseRefusedText(err, lease.leaseExpiry(err.holder), timeoutMs));
    if (isClusterError(err)) throw new LockRefusedError(`cannot take the cluster lock: ${err.message}`);
    throw err;
  }
}
