/**
 * Saved plans (issue 5 item 4): `plan --out FILE` then `apply FILE` executes exactly that plan;
 * a plan whose account or inputs changed since it was saved is refused before any write.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../cli/run-cli.js';
import { apply, plan, runCli, sandboxAccount, type Account } from './harness.js';

const ALB = join(ROOT, 'examples', 'alb-http-https');
const NLB = join(ROOT, 'examples', 'nlb-tcp');
const dir = mkdtempSync(join(tmpdir(), 'gwlb-saved-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const writes = (acct: Account) =>
  Object.entries(acct.emu.controls.counters())
    .filter(([k]) => !/:(Describe|List)/.test(k))
    .reduce((n, [, v]) => n + v, 0);

describe('apply PLANFILE', () => {
  let acct: Account | undefined;
  afterEach(async () => {
    await acct?.close();
    acct = undefined;
  });

  it('applies a current saved plan, and the next plan has no changes', async () => {
    acct = await sandboxAccount();
    const file = join(dir, 'current.json');
    expect((await runCli(['plan', '-f', ALB, '--out', file, ...acct.flags])).code).toBe(0);
    const applied = await runCli(['apply', file, '--auto-approve', '-f', ALB, ...acct.flags]);
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Apply complete! Resources: 9 added, 0 changed, 0 destroyed.');
    expect((await plan(acct, [ALB])).code).toBe(0);
  });

  it('refuses a plan whose account changed since it was saved, before any write', async () => {
    acct = await sandboxAccount();
    const file = join(dir, 'stale-account.json');
    expect((await runCli(['plan', '-f', ALB, '--out', file, ...acct.flags])).code).toBe(0);
    expect((await apply(acct, [ALB])).code).toBe(0);
    acct.emu.controls.resetCounters();
    const r = await runCli(['apply', file, '--auto-approve', '-f', ALB, ...acct.flags]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/stale|changed/i);
    expect(writes(acct)).toBe(0);
  });

  it('refuses a plan saved for other inputs', async () => {
    acct = await sandboxAccount();
    const file = join(dir, 'stale-inputs.json');
    expect((await runCli(['plan', '-f', ALB, '--out', file, ...acct.flags])).code).toBe(0);
    acct.emu.controls.resetCounters();
    const r = await runCli(['apply', file, '--auto-approve', '-f', NLB, ...acct.flags]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/input/i);
    expect(writes(acct)).toBe(0);
  });

  it('a missing or non-JSON plan file is a one-line error', async () => {
    acct = await sandboxAccount();
    const missing = await runCli(['apply', join(dir, 'nope.json'), '--auto-approve', '-f', ALB, ...acct.flags]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe(`gwlb apply: cannot read saved plan ${join(dir, 'nope.json')}: no such file; save one with gwlb plan --out ${join(dir, 'nope.json')}`);
    expect(writes(acct)).toBe(0);
  });
});
