/**
 * One apply per target at a time (issue 14 item 2), through the real CLI and real processes:
 * - two `apply --sandbox` in one folder with different Gateways both keep their stacks (before
 *   the lock, each wrote back its own copy of .gwlb/sandbox/state.json and one stack vanished);
 * - against one endpoint, an apply while another holds the lock is refused naming the holder,
 *   waits with --lock-timeout, and the account ends with one copy of the stack;
 * - plan (and plan --destroy) keeps working while an apply holds the lock, destroy takes it
 *   as apply does; a killed apply's lock is released or,
 *   after SIGKILL, taken over as stale;
 * - many processes racing for one stale lock take it one at a time.
 * Locks for endpoints go to a temp GWLB_LOCK_DIR, which the spawned CLIs inherit.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { acquireLock, type LockInfo } from '../../src/apply/lock.js';
import { targetLock } from '../../src/apply/lock-target.js';
import { REGION, startEmulator } from '../../src/emulator/index.js';
import { ROOT, type CliResult } from '../cli/run-cli.js';
import { CLUSTER, runCli, sandboxAccount, trackingProblems, type Account } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'gwlb-lock-e2e-'));
process.env['GWLB_LOCK_DIR'] = join(dir, 'locks');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ALB = join(ROOT, 'examples', 'alb-http-https');

/** The cheapest stack that still makes AWS calls: a Gateway with one HTTP listener (an LB and its SG). */
function gatewayDir(name: string): string {
  const d = join(dir, name);
  mkdirSync(d, { recursive: true });
  writeFileSync(
    join(d, 'gateway.yaml'),
    `apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: alb}
spec: {controllerName: gateway.k8s.aws/alb}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: ${name}, namespace: default}
spec:
  gatewayClassName: alb
  listeners: [{name: http, protocol: HTTP, port: 80}]
`,
  );
  return d;
}

/** runCli with the output visible while the process runs, to act when it says something. */
function startCli(args: readonly string[], cwd = ROOT) {
  const child = spawn(process.execPath, ['--no-warnings', `${ROOT}bin/gwlb.js`, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  const check = () => waiters.filter((w) => stdout.includes(w.text)).forEach((w) => w.resolve());
  child.stdout.on('data', (d: Buffer) => ((stdout += d.toString('utf8')), check()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  child.stdin.end();
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
  const said = (text: string) => new Promise<void>((resolve) => (waiters.push({ text, resolve }), check()));
  return { child, done, said };
}

/**
 * A proxy in front of the emulator that holds every CreateLoadBalancer call until `open()`: an
 * apply through it stops mid-way, holding its lock, for as long as the test needs.
 */
async function gatedProxy(upstream: string) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let reached!: () => void;
  const held = new Promise<void>((resolve) => (reached = resolve));
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let gone = false;
    res.on('close', () => (gone = true));
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      if (body.toString('utf8').includes('Action=CreateLoadBalancer')) {
        reached();
        await gate;
        if (gone) return; // its process was killed meanwhile: the call never reaches AWS
      }
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'content-length'].includes(k))) as Record<string, string>;
      const r = await fetch(`${upstream}${req.url ?? '/'}`, { method: req.method ?? 'POST', headers, ...(body.length > 0 ? { body } : {}) });
      const out = Buffer.from(await r.arrayBuffer());
      res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'text/xml' });
      res.end(out);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, open, held, close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))) };
}

const readHolder = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as LockInfo;

/** The stacks (by their stack tag) a sandbox state file holds, and its tracking problems. */
async function sandboxStacks(cwd: string): Promise<{ stacks: string[]; problems: string[] }> {
  const emu = await startEmulator({ statePath: join(cwd, '.gwlb', 'sandbox', 'state.json'), readOnly: true });
  try {
    const s = emu.state;
    const stacks = Object.values(s.elbv2.loadBalancers).map((lb) => (s.elbv2.tags[lb.arn] ?? []).find((t) => t.Key === 'gateway.k8s.aws.alb/stack')?.Value ?? '?');
    return { stacks: stacks.sort(), problems: trackingProblems(emu) };
  } finally {
    await emu.close();
  }
}

/**
 * examples/alb-http-https with its Gateway and load balancer renamed: a second stack that can
 * live beside the first. Its apply makes some 40 calls, long enough that two processes started
 * together usually overlap (with a one-listener Gateway one often finishes before the other
 * has loaded its modules, and the test would prove little).
 */
function albCopy(name: string): string {
  const d = join(dir, name);
  mkdirSync(d, { recursive: true });
  for (const f of readdirSync(ALB)) {
    const text = readFileSync(join(ALB, f), 'utf8').replaceAll('my-alb-gateway', name).replaceAll('my-example-gateway-alb', `${name}-alb`);
    writeFileSync(join(d, f), text);
  }
  return d;
}

describe('apply --sandbox: two processes in one folder', () => {
  it('with different Gateways both keep their stacks, 20 runs out of 20', async () => {
    const a = albCopy('gw-a');
    const b = albCopy('gw-b');
    let waited = 0;
    for (let run = 0; run < 20; run++) {
      const cwd = mkdtempSync(join(dir, 'sandbox-'));
      const apply = (files: string) => runCli(['apply', '--sandbox', '--auto-approve', '--lock-timeout', '2m', '-f', files], { cwd });
      const results = await Promise.all([apply(a), apply(b)]);
      for (const r of results) expect([r.code, r.stderr]).toEqual([0, '']);
      if (results.some((r) => r.stdout.includes('Acquiring the state lock'))) waited += 1;
      expect(await sandboxStacks(cwd)).toEqual({ stacks: ['example-ns/gw-a', 'example-ns/gw-b'], problems: [] });
      expect(existsSync(join(cwd, '.gwlb', 'sandbox', 'state.json.lock'))).toBe(false);
    }
    // The processes start together, so at least some runs overlap and one of the two waits;
    // a test in which none did would prove nothing about the lock.
    expect(waited).toBeGreaterThan(0);
  }, 1_800_000);

  it('while a lock is held, plan works, apply and destroy refuse naming the holder, and --lock-timeout waits for it', async () => {
    const cwd = mkdtempSync(join(dir, 'held-'));
    const gw = gatewayDir('gw-held');
    const holder = await acquireLock({ path: join(cwd, '.gwlb', 'sandbox', 'state.json.lock'), target: 'test', command: 'gwlb apply', timeoutMs: 0 });
    try {
      const plan = await runCli(['plan', '--sandbox', '--detailed-exitcode', '-f', gw], { cwd });
      expect([plan.code, plan.stderr]).toEqual([2, '']);
      expect(plan.stdout).toContain('Plan: 3 to add, 0 to change, 0 to destroy.');
      const refused = await runCli(['apply', '--sandbox', '--auto-approve', '-f', gw], { cwd });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`gwlb apply: Error acquiring the state lock: the sandbox in `);
      expect(refused.stderr).toContain(`is locked by pid ${process.pid} on ${hostname()} (gwlb apply) since ${holder.info.startedAt}; wait for it to finish, or pass --lock-timeout 5m to wait`);
      expect(refused.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(existsSync(join(cwd, '.gwlb', 'sandbox', 'state.json'))).toBe(false); // neither plan nor the refused apply wrote state
      const bad = await runCli(['apply', '--sandbox', '--auto-approve', '--lock-timeout', '5', '-f', gw], { cwd });
      expect([bad.code, bad.stderr]).toEqual([1, 'gwlb apply: --lock-timeout 5 is not a duration; pass e.g. 0s (the default: do not wait), 30s, 5m, 1h or 1m30s\n']);
      const waiting = startCli(['apply', '--sandbox', '--auto-approve', '--lock-timeout', '5m', '-f', gw], cwd);
      await waiting.said('Acquiring the state lock');
      holder.release();
      const r = await waiting.done;
      expect([r.code, r.stderr]).toEqual([0, '']);
      expect(r.stdout).toContain(`Acquiring the state lock: the sandbox in ${cwd}/.gwlb/sandbox is locked by pid ${process.pid}`);
      expect(r.stdout).toContain('Apply complete! Resources: 3 added, 0 changed, 0 destroyed.');

      // destroy writes too and takes the same lock; plan --destroy only reads.
      const state = join(cwd, '.gwlb', 'sandbox', 'state.json');
      const before = readFileSync(state, 'utf8');
      const again = await acquireLock({ path: join(cwd, '.gwlb', 'sandbox', 'state.json.lock'), target: 'test', command: 'gwlb apply', timeoutMs: 0 });
      try {
        const destroy = await runCli(['destroy', '--sandbox', '--all', '--auto-approve'], { cwd });
        expect(destroy.code).toBe(1);
        expect(destroy.stderr).toMatch(/^gwlb destroy: Error acquiring the state lock: .* is locked by pid \d+ /);
        const preview = await runCli(['plan', '--destroy', '--sandbox', '--all', '--detailed-exitcode'], { cwd });
        expect([preview.code, preview.stderr]).toEqual([2, '']);
        expect(readFileSync(state, 'utf8')).toBe(before);
      } finally {
        again.release();
      }
    } finally {
      holder.release();
    }
  }, 300_000);
});

describe('apply --endpoint-url: one Gateway, two processes', () => {
  let acct: Account | undefined;
  let proxy: Awaited<ReturnType<typeof gatedProxy>> | undefined;
  afterEach(async () => {
    proxy?.open();
    await proxy?.close();
    await acct?.close();
    acct = proxy = undefined;
  });
  const lockPath = (url: string) => targetLock({ kind: 'endpoint', url }, REGION, CLUSTER).path;

  it('the second refuses naming the first, or waits with --lock-timeout; the account ends with one stack', async () => {
    acct = await sandboxAccount();
    proxy = await gatedProxy(acct.emu.endpoint);
    const flags = ['--auto-approve', '-f', ALB, '--endpoint-url', proxy.url, '--cluster-name', CLUSTER];
    const first = startCli(['apply', ...flags]);
    await proxy.held; // the first apply is inside its CreateLoadBalancer call, holding the lock
    const holder = readHolder(lockPath(proxy.url));
    expect(holder.command).toBe('gwlb apply');

    const refused = await runCli(['apply', ...flags]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`gwlb apply: Error acquiring the state lock: endpoint ${proxy.url} (region ${REGION}, cluster ${CLUSTER}) is locked by pid ${holder.pid} on ${holder.hostname} (gwlb apply) since ${holder.startedAt}`);

    const plan = await runCli(['plan', '-f', ALB, '--endpoint-url', proxy.url, '--cluster-name', CLUSTER]);
    expect([plan.code, plan.stderr]).toEqual([0, '']); // plan reads; it takes no lock

    const second = startCli(['apply', '--lock-timeout', '2m', ...flags]);
    await second.said('Acquiring the state lock');
    proxy.open();
    const [a, b] = await Promise.all([first.done, second.done]);
    expect([a.code, a.stderr]).toEqual([0, '']);
    expect([b.code, b.stderr]).toEqual([0, '']);
    expect(a.stdout).toContain('Apply complete! Resources: 10 added');
    expect(b.stdout).toContain('No changes.');
    expect(trackingProblems(acct.emu)).toEqual([]);
    expect(Object.keys(acct.emu.state.elbv2.loadBalancers)).toHaveLength(1);
    expect(existsSync(lockPath(proxy.url))).toBe(false);
  }, 300_000);

  it('SIGTERM releases the lock; after SIGKILL the next apply takes the stale lock over', async () => {
    acct = await sandboxAccount();
    proxy = await gatedProxy(acct.emu.endpoint);
    const flags = ['--auto-approve', '-f', ALB, '--endpoint-url', proxy.url, '--cluster-name', CLUSTER];
    const path = lockPath(proxy.url);

    const terminated = startCli(['apply', ...flags]);
    await proxy.held;
    expect(existsSync(path)).toBe(true);
    terminated.child.kill('SIGTERM');
    expect((await terminated.done).code).toBe(143); // 128 + SIGTERM, as a shell reports it
    expect(existsSync(path)).toBe(false);

    const killed = startCli(['apply', ...flags]);
    while (!existsSync(path)) await new Promise((resolve) => setTimeout(resolve, 20));
    const stale = readHolder(path);
    killed.child.kill('SIGKILL');
    await killed.done;
    expect(readHolder(path).id).toBe(stale.id); // left behind by the killed process

    proxy.open();
    const r = await runCli(['apply', ...flags]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(trackingProblems(acct.emu)).toEqual([]);
    expect(existsSync(path)).toBe(false);
  }, 300_000);
});

describe('the lock across processes', () => {
  it('eight processes that each die holding the lock take it over one at a time', async () => {
    // Every holder is SIGKILLed while holding, so each next holder gets in by taking over a
    // stale lock while the others poll for it: the takeover race, over and over.
    const path = join(dir, 'race', 'state.json.lock');
    const log = join(dir, 'race', 'log');
    mkdirSync(join(dir, 'race'), { recursive: true });
    writeFileSync(path, JSON.stringify({ id: 'stale', pid: 2 ** 22 + 1, hostname: hostname(), command: 'gwlb apply', startedAt: new Date().toISOString(), target: 'race' }));
    const script = `
      import { appendFileSync } from 'node:fs';
      import { acquireLock } from ${JSON.stringify(`${ROOT}dist/src/apply/lock.js`)};
      await acquireLock({ path: ${JSON.stringify(path)}, target: 'race', command: 'race', timeoutMs: 600000 });
      appendFileSync(${JSON.stringify(log)}, 'in ' + process.pid + '\\n');
      await new Promise((r) => setTimeout(r, 20));
      appendFileSync(${JSON.stringify(log)}, 'out ' + process.pid + '\\n');
      process.kill(process.pid, 'SIGKILL');`;
    const runs = Array.from(
      { length: 8 },
      () =>
        new Promise<NodeJS.Signals | null>((resolve, reject) => {
          const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'inherit' });
          child.on('error', reject);
          child.on('close', (_code, signal) => resolve(signal));
        }),
    );
    expect(await Promise.all(runs)).toEqual(Array(8).fill('SIGKILL'));
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(16);
    for (let i = 0; i < lines.length; i += 2) expect(lines[i + 1]).toBe(lines[i]!.replace('in', 'out'));
  });
});
