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
import { parseDuration } from './duration.js';

export type { HeldLock };

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
  // This lock only orders gwlb processes on one machine. When gwlb reads Gateways from a cluster
  // (--from-cluster, not built yet), apply also takes a coordination.k8s.io Lease named after the
  // target in the cluster (DESIGN.md "Live half"), so that runs on different machines and CI
  // jobs exclude each other too; it would be taken here, after the local lock.
  try {
    return await acquireLock({ path, target, command: options.command, timeoutMs, onWait: (holder) => options.say(lockWaitingText(target, holder, timeoutMs)) });
  } catch (err) {
    if (err instanceof LockBusyError) throw new LockRefusedError(lockRefusedText(err, target, timeoutMs));
    if (typeof (err as NodeJS.ErrnoException).syscall === 'string') throw new LockRefusedError(lockFileErrorText(path, err));
    throw err;
  }
}
