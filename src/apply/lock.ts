/**
 * One writer at a time on a target, on this machine (DESIGN.md "Live half": one writer at a
 * time): gwlb's version of Terraform's state lock. A lock is a file that exists while a process
 * holds it and says who holds it (pid, host, command, since when, what).
 *
 * - Taking it is one atomic step: the holder's JSON goes to a private temp file, which is then
 *   hard-linked to the lock path. link fails with EEXIST when the path exists, and a reader never
 *   sees a half-written lock (open 'wx' then write would show an empty file for a moment). Where
 *   the file system has no hard links, an exclusive create ('wx') is the fallback.
 * - A lock whose holder died on this host (kill(pid, 0) → ESRCH), or was taken before the host
 *   last booted (Linux's boot_id differs: the pid may belong to another program by now), is
 *   stale and is taken over.
 *   Two waiters can judge the same lock stale; if both deleted it, the slower one could delete
 *   the lock the faster one had just taken. So a stale lock is deleted only under a second lock,
 *   `<path>.takeover`, taken the same atomic way, and only if the file is still the one judged
 *   stale (same id). That section is synchronous, so no signal handler runs inside it; a
 *   takeover file left by a process killed there is reported, never broken automatically.
 * - A lock held on another host (a shared folder) is never judged stale: gwlb cannot see that
 *   host's processes.
 * - The holder releases it in a finally, and on process exit and SIGINT/SIGTERM/SIGHUP as well
 *   (a SIGKILL leaves the file behind, stale).
 */
import { randomUUID } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { constants, hostname } from 'node:os';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface LockInfo {
  /** Random, like Terraform's lock ID: tells this holder's file from a later one at the same path. */
  readonly id: string;
  readonly pid: number;
  readonly hostname: string;
  readonly command: string;
  readonly startedAt: string;
  readonly target: string;
  /** Linux's boot_id when the lock was taken; absent elsewhere. */
  readonly bootId?: string;
}

export interface LockRequest {
  readonly path: string;
  /** What the lock guards, for people reading the file or a refusal. */
  readonly target: string;
  readonly command: string;
  /** How long to wait for the holder to finish; 0 refuses at once. */
  readonly timeoutMs: number;
  /** Called once, when the lock is held by another process and the caller is going to wait. */
  readonly onWait?: (holder: LockInfo | undefined) => void;
}

export interface HeldLock {
  readonly path: string;
  readonly info: LockInfo;
  /** Deletes the lock file if it is still this holder's; safe to call twice; never throws. */
  release(): void;
}

/** Why the lock could not be taken; the command turns it into a sentence (src/ui/lock.ts). */
export class LockBusyError extends Error {
  override readonly name = 'LockBusyError';
  constructor(
    /** The file in the way: the lock, or its takeover file when a takeover was left unfinished. */
    readonly path: string,
    /** Who holds it, or undefined when the file is not a readable gwlb lock. */
    readonly holder: LockInfo | undefined,
    readonly reason: 'held' | 'unreadable' | 'takeover',
    readonly waitedMs: number,
  ) {
    super(`${path} is locked`);
  }
}

const FIRST_DELAY_MS = 50;
const MAX_DELAY_MS = 1_000;

type Seen = { kind: 'gone' } | { kind: 'held'; holder: LockInfo } | { kind: 'unreadable' };

export async function acquireLock(req: LockRequest): Promise<HeldLock> {
  const boot = bootId();
  const info: LockInfo = { id: randomUUID(), pid: process.pid, hostname: hostname(), command: req.command, startedAt: new Date().toISOString(), target: req.target, ...(boot ? { bootId: boot } : {}) };
  mkdirSync(dirname(req.path), { recursive: true });
  const started = Date.now();
  let delay = FIRST_DELAY_MS;
  let waiting = false;
  for (;;) {
    if (createExclusive(req.path, info)) return hold(req.path, info);
    const seen = readLock(req.path);
    if (seen.kind === 'gone') continue; // released between our attempt and the read
    let busy: LockBusyError | undefined;
    if (seen.kind === 'held' && isStale(seen.holder)) {
      const blocker = removeStale(req.path, seen.holder, info);
      if (!blocker) continue;
      busy = new LockBusyError(`${req.path}.takeover`, blocker.kind === 'held' ? blocker.holder : undefined, 'takeover', Date.now() - started);
    } else {
      busy = new LockBusyError(req.path, seen.kind === 'held' ? seen.holder : undefined, seen.kind === 'held' ? 'held' : 'unreadable', Date.now() - started);
    }
    if (busy.waitedMs >= req.timeoutMs) throw busy;
    if (!waiting) req.onWait?.(busy.holder);
    waiting = true;
    // Backoff with jitter, so waiters that started together do not retry in step.
    await sleep(Math.min(delay * (0.75 + Math.random() / 2), req.timeoutMs - busy.waitedMs));
    delay = Math.min(delay * 2, MAX_DELAY_MS);
  }
}

/** Creates `path` holding `info`, atomically; false when it exists already. */
function createExclusive(path: string, info: LockInfo): boolean {
  const text = `${JSON.stringify(info, null, 2)}\n`;
  const temp = `${path}.${process.pid}.${info.id}.tmp`;
  try {
    writeFileSync(temp, text, { flag: 'wx' });
    linkSync(temp, path);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw err;
  } finally {
    unlinkQuietly(temp);
  }
  try {
    writeFileSync(path, text, { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

function readLock(path: string): Seen {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'gone' };
    throw err;
  }
  try {
    const v = JSON.parse(text) as Partial<LockInfo>;
    const ok = typeof v.id === 'string' && Number.isInteger(v.pid) && (v.pid ?? 0) > 0 && typeof v.hostname === 'string' && typeof v.command === 'string' && typeof v.startedAt === 'string' && typeof v.target === 'string';
    return ok ? { kind: 'held', holder: v as LockInfo } : { kind: 'unreadable' };
  } catch {
    return { kind: 'unreadable' };
  }
}

function isStale(holder: LockInfo): boolean {
  if (holder.hostname !== hostname()) return false;
  const boot = bootId();
  if (boot && typeof holder.bootId === 'string' && holder.bootId !== boot) return true;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (err) {
    // EPERM: the pid exists but belongs to another user; only ESRCH says it is gone.
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Deletes the stale lock `stale` under the takeover lock (see the header). Returns undefined
 * when the way is clear (deleted, or someone else changed it: look again), or what holds the
 * takeover lock when another process is taking over at this moment or died doing so.
 */
function removeStale(path: string, stale: LockInfo, me: LockInfo): Seen | undefined {
  const guard = `${path}.takeover`;
  if (!createExclusive(guard, me)) {
    const other = readLock(guard);
    return other.kind === 'gone' ? undefined : other;
  }
  try {
    const now = readLock(path);
    if (now.kind === 'held' && now.holder.id === stale.id) unlinkQuietly(path);
  } finally {
    unlinkQuietly(guard);
  }
  return undefined;
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

// Locks this process holds, released on exit and on a terminating signal.
const held = new Set<HeldLock>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function hold(path: string, info: LockInfo): HeldLock {
  const lock: HeldLock = {
    path,
    info,
    release() {
      if (!held.delete(lock)) return;
      if (held.size === 0) uninstall();
      try {
        const now = readLock(path);
        if (now.kind === 'held' && now.holder.id === info.id) unlinkQuietly(path);
      } catch {
        // Not deletable (permissions changed under us): the file stays, and the next run on this
        // host finds its holder gone and takes it over. Release must not turn a result into a crash.
      }
    },
  };
  if (held.size === 0) install();
  held.add(lock);
  return lock;
}

const releaseAll = (): void => {
  for (const lock of [...held]) lock.release();
};

/**
 * A terminating signal ends the process here, with the shell's status 128+N. process.exit runs
 * the exit listeners (releaseAll, ink's cleanup) and then nothing else: no AWS call and no
 * sandbox state write can slip in between the release and the end, as they could if the
 * release ran first and the signal were raised again for a later tick.
 */
function onSignal(signal: NodeJS.Signals): void {
  // While apply executes, the CLI's interrupt handler (cli/interrupt.ts) owns SIGINT/SIGTERM: it
  // lets the calls in flight finish, reports, and exits itself; the lock is then released by the
  // command's finally or, on a forced exit, by the exit listener. Only alone does this one exit.
  if (process.listenerCount(signal) > 1) return;
  process.exit(128 + (constants.signals[signal] ?? 0));
}

function install(): void {
  process.on('exit', releaseAll);
  for (const s of SIGNALS) process.on(s, onSignal);
}

function uninstall(): void {
  process.off('exit', releaseAll);
  for (const s of SIGNALS) process.off(s, onSignal);
}
