/**
 * Ctrl-C during apply (DESIGN.md: an interrupted apply never leaves an untracked resource): the
 * real CLI, slowed by emulator latency on its create calls, gets SIGINT after its first
 * "Creation complete" line. It lets the call in flight finish, starts nothing more, lists what
 * was done and what was not, and exits 130; the next apply converges.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, type CliResult } from '../cli/run-cli.js';
import { apply, plan, sandboxAccount, trackingProblems, type Account } from './harness.js';

const ALB = join(ROOT, 'examples', 'alb-http-https');

/** Like the harness's runCli, but hands out the child, so the test can signal it. */
function spawnCli(args: readonly string[]): { child: ChildProcessWithoutNullStreams; stdout: () => string; done: Promise<CliResult & { signal: NodeJS.Signals | null }> } {
  const launcher = process.env['GWLB_E2E_CLI'] ?? `${ROOT}bin/gwlb.js`;
  const child = spawn(process.execPath, ['--no-warnings', launcher, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  child.stdin.end('');
  const done = new Promise<CliResult & { signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? -1, signal, stdout, stderr }));
  });
  return { child, stdout: () => stdout, done };
}

/** The list under `Done:` or `Not done:` in the outcome report. */
function listed(out: string, heading: string): string[] {
  const lines = out.split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) return [];
  const items: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (!l.startsWith('  ')) break;
    items.push(l.trim());
  }
  return items;
}

/** Runs apply and sends `signal` after its first "Creation complete" line. */
async function applyInterrupted(acct: Account, signal: NodeJS.Signals) {
  const run = spawnCli(['apply', '--auto-approve', '-f', ALB, ...acct.flags]);
  const watch = () => {
    if (!run.stdout().includes('Creation complete')) return;
    run.child.stdout.off('data', watch);
    run.child.kill(signal);
  };
  run.child.stdout.on('data', watch);
  return run.done;
}

/** Every create takes a while, so the apply is surely mid-way when the signal lands. */
function slowCreates(acct: Account, ms: number): void {
  acct.emu.controls.setLatency({ perAction: ms > 0 ? { CreateSecurityGroup: ms, CreateTargetGroup: ms, CreateLoadBalancer: ms, CreateListener: ms, CreateRule: ms } : {} });
}

describe('apply interrupted by Ctrl-C', () => {
  let acct: Account | undefined;
  afterEach(async () => {
    await acct?.close();
    acct = undefined;
  });

  it('finishes the call in flight, starts no other, reports done and not done, exits 130; the next apply converges', async () => {
    acct = await sandboxAccount();
    slowCreates(acct, 400);
    const result = await applyInterrupted(acct, 'SIGINT');

    expect(result.stderr).not.toMatch(/gwlb apply:/);
    expect(result.code).toBe(130);
    const out = result.stdout;
    expect(out).toContain('Interrupt received.\nPlease wait for gwlb to exit or data loss may occur.\nGracefully shutting down...\n');
    // Nothing starts after the interrupt; only the call already in flight may still complete.
    const after = out.slice(out.indexOf('Interrupt received.'));
    expect(after).not.toMatch(/: (Creating|Modifying|Destroying|Replacing)\.\.\.$/m);
    const done = listed(out, 'Done:');
    const notDone = listed(out, 'Not done:');
    expect(done.length).toBeGreaterThan(0);
    expect(notDone.length).toBeGreaterThan(0);
    expect(out).toContain(`Apply interrupted: ${done.length} done, ${notDone.length} not started.`);
    for (const d of done) expect(out).toContain(`${d.replace(/^✓ /, '').replace(/ \(create\)$/, '')}: Creation complete`);
    // An interrupted apply is not followed by the check that the account matches.
    expect(out).not.toContain('The account now matches the manifests.');
    expect(trackingProblems(acct.emu)).toEqual([]);

    slowCreates(acct, 0);
    const again = await apply(acct, [ALB]);
    expect(again.stderr).not.toMatch(/gwlb apply:/);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('The account now matches the manifests.');
    expect((await plan(acct, [ALB])).code).toBe(0);
    expect(trackingProblems(acct.emu)).toEqual([]);
  });

  it('stops the same way on SIGTERM, and exits 143', async () => {
    acct = await sandboxAccount();
    slowCreates(acct, 400);
    const result = await applyInterrupted(acct, 'SIGTERM');
    expect(result.code).toBe(143);
    expect(result.stdout).toContain('Interrupt received.');
    expect(result.stdout).toMatch(/Apply interrupted: [1-9]\d* done, [1-9]\d* not started\./);
    expect(trackingProblems(acct.emu)).toEqual([]);
  });
});
