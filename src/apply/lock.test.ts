/**
 * The machine-local target lock (src/apply/lock.ts, lock-target.ts) in this process: take,
 * refuse, wait then take, stale takeover, and what is never judged stale. The race between
 * processes is covered by test/e2e/lock.test.ts, which runs real concurrent processes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeLockTarget, lockRefusedText } from '../ui/lock.js';
import { acquireLock, LockBusyError, type LockInfo } from './lock.js';
import { lockDir, targetLock } from './lock-target.js';

const dir = mkdtempSync(join(tmpdir(), 'gwlb-lock-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(dir, `t${++n}`, 'state.json.lock');
const request = (path: string, timeoutMs = 0) => ({ path, target: 'the test target', command: 'gwlb test', timeoutMs });

/** A pid that was alive a moment ago and is not now. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

function writeHolder(path: string, holder: Partial<LockInfo>): void {
  const info: LockInfo = { id: 'old', pid: deadPid(), hostname: hostname(), command: 'gwlb apply', startedAt: '2026-01-01T00:00:00.000Z', target: 'the test target', ...holder };
  rmSync(path, { force: true });
  writeFileSync(path, JSON.stringify(info));
}

async function refusal(p: Promise<unknown>): Promise<LockBusyError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LockBusyError);
  return err as LockBusyError;
}

describe('acquireLock', () => {
  it('writes who holds the lock, and release deletes it', async () => {
    const path = fresh();
    const lock = await acquireLock(request(path));
    const info = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
    expect(info).toMatchObject({ pid: process.pid, hostname: hostname(), command: 'gwlb test', target: 'the test target' });
    expect(new Date(info.startedAt).toISOString()).toBe(info.startedAt);
    lock.release();
    lock.release();
    expect(existsSync(path)).toBe(false);
  });

  it('refuses at once while another holder is alive, naming it', async () => {
    const path = fresh();
    const first = await acquireLock(request(path));
    const err = await refusal(acquireLock(request(path)));
    expect(err.reason).toBe('held');
    expect(err.holder?.pid).toBe(process.pid);
    expect(err.holder?.id).toBe(first.info.id);
    const text = lockRefusedText(err, 'the test target', 0);
    expect(text).toContain(`Error acquiring the state lock: the test target is locked by pid ${process.pid} on ${hostname()} (gwlb test) since ${first.info.startedAt}`);
    expect(text).toContain('--lock-timeout 5m');
    first.release();
    (await acquireLock(request(path))).release();
  });

  it('waits with a timeout, tells the caller once, and takes the lock when the holder lets go', async () => {
    const path = fresh();
    const first = await acquireLock(request(path));
    const waits: (LockInfo | undefined)[] = [];
    const second = acquireLock({ ...request(path, 60_000), onWait: (h) => waits.push(h) });
    setTimeout(() => first.release(), 300);
    const lock = await second;
    expect(waits.map((h) => h?.id)).toEqual([first.info.id]);
    expect((JSON.parse(readFileSync(path, 'utf8')) as LockInfo).id).toBe(lock.info.id);
    lock.release();
  });

  it('gives up when the timeout passes, saying how long it waited', async () => {
    const path = fresh();
    const first = await acquireLock(request(path));
    const err = await refusal(acquireLock(request(path, 200)));
    expect(err.waitedMs).toBeGreaterThanOrEqual(200);
    expect(lockRefusedText(err, 'the test target', 200)).toContain('still held after 200ms');
    first.release();
  });

  it('takes over a lock whose holder died on this host', async () => {
    const path = fresh();
    await acquireLock(request(path)).then((l) => l.release()); // creates the folder
    writeHolder(path, { id: 'dead' });
    const lock = await acquireLock(request(path));
    expect((JSON.parse(readFileSync(path, 'utf8')) as LockInfo).id).toBe(lock.info.id);
    expect(existsSync(`${path}.takeover`)).toBe(false);
    lock.release();
  });

  it.runIf(existsSync('/proc/sys/kernel/random/boot_id'))('takes over a lock taken before this host last booted, even if its pid is alive now', async () => {
    const path = fresh();
    await acquireLock(request(path)).then((l) => l.release());
    writeHolder(path, { id: 'before-reboot', pid: process.pid, bootId: '00000000-0000-0000-0000-000000000000' });
    const lock = await acquireLock(request(path));
    expect((JSON.parse(readFileSync(path, 'utf8')) as LockInfo).id).toBe(lock.info.id);
    lock.release();
  });

  it("never takes over a lock held on another host: it cannot see that host's processes", async () => {
    const path = fresh();
    await acquireLock(request(path)).then((l) => l.release());
    writeHolder(path, { hostname: 'build-agent-7' });
    const err = await refusal(acquireLock(request(path)));
    expect(err.holder?.hostname).toBe('build-agent-7');
    expect(lockRefusedText(err, 'the test target', 0)).toContain(`delete ${path}`);
  });

  it('refuses a file that is not a gwlb lock, naming it', async () => {
    const path = fresh();
    await acquireLock(request(path)).then((l) => l.release());
    writeFileSync(path, 'not json');
    const err = await refusal(acquireLock(request(path)));
    expect([err.reason, err.holder]).toEqual(['unreadable', undefined]);
    expect(lockRefusedText(err, 'the test target', 0)).toContain(`locked by ${path}, which is not a readable gwlb lock`);
  });

  it('does not break a takeover left unfinished; it names the takeover file', async () => {
    const path = fresh();
    await acquireLock(request(path)).then((l) => l.release());
    writeHolder(path, { id: 'dead' });
    writeHolder(`${path}.takeover`, { id: 'taker' });
    const err = await refusal(acquireLock(request(path)));
    expect(err.reason).toBe('takeover');
    expect(err.path).toBe(`${path}.takeover`);
    expect((JSON.parse(readFileSync(path, 'utf8')) as LockInfo).id).toBe('dead');
  });

  it('release leaves a lock that is no longer its own', async () => {
    const path = fresh();
    const lock = await acquireLock(request(path));
    writeHolder(path, { id: 'someone-else', pid: process.pid });
    lock.release();
    expect((JSON.parse(readFileSync(path, 'utf8')) as LockInfo).id).toBe('someone-else');
  });
});

describe('targetLock', () => {
  const env = { GWLB_LOCK_DIR: join(dir, 'locks') };

  it('--sandbox: next to the state it guards', () => {
    const t = targetLock({ kind: 'sandbox' }, 'us-west-2', 'sandbox', { cwd: '/work/x' });
    expect(t.path).toBe('/work/x/.gwlb/sandbox/state.json.lock');
    expect(describeLockTarget(t.key)).toBe('the sandbox in /work/x/.gwlb/sandbox');
  });

  it('endpoints and live AWS: one file per (endpoint or aws, region, cluster) in the lock folder', () => {
    const a = targetLock({ kind: 'endpoint', url: 'http://127.0.0.1:4566/' }, 'us-west-2', 'c1', { env });
    expect(a.path.startsWith(env.GWLB_LOCK_DIR)).toBe(true);
    expect(targetLock({ kind: 'endpoint', url: 'http://127.0.0.1:4566' }, 'us-west-2', 'c1', { env }).path).toBe(a.path);
    const others = [
      targetLock({ kind: 'endpoint', url: 'http://127.0.0.1:4567' }, 'us-west-2', 'c1', { env }),
      targetLock({ kind: 'endpoint', url: 'http://127.0.0.1:4566' }, 'eu-west-1', 'c1', { env }),
      targetLock({ kind: 'endpoint', url: 'http://127.0.0.1:4566' }, 'us-west-2', 'c2', { env }),
      targetLock({ kind: 'live' }, 'us-west-2', 'c1', { env }),
    ];
    expect(new Set([a.path, ...others.map((o) => o.path)]).size).toBe(5);
    expect(describeLockTarget(others[3]!.key)).toBe('AWS region us-west-2 (cluster c1)');
  });

  it('the lock folder: GWLB_LOCK_DIR, else XDG_STATE_HOME/gwlb/locks, else ~/.local/state/gwlb/locks', () => {
    expect(lockDir({ GWLB_LOCK_DIR: '/l' })).toBe('/l');
    expect(lockDir({ XDG_STATE_HOME: '/s' })).toBe('/s/gwlb/locks');
    expect(lockDir({})).toMatch(/\.local\/state\/gwlb\/locks$/);
  });
});
