/**
 * Saved plans (issue 5 item 4, issue 14 item 3): `plan --out FILE` then `apply FILE` executes
 * exactly that plan; a plan whose account, inputs or settings changed since it was saved, or whose
 * changes were edited by hand, or that was made offline, is refused before any write.
 */
import { AddTagsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../cli/run-cli.js';
import { apply, plan, runCli, runCliInProcess, sandboxAccount, type Account, writeCount } from './harness.js';

const ALB = join(ROOT, 'examples', 'alb-http-https');
const NLB = join(ROOT, 'examples', 'nlb-tcp');
const dir = mkdtempSync(join(tmpdir(), 'gwlb-saved-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const writes = writeCount;

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
    expect(applied.stdout).toContain('Apply complete! Resources: 10 added, 0 changed, 0 destroyed.');
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

  it('refuses a plan saved under other settings: a reviewed "No changes" never becomes a tag removal', async () => {
    acct = await sandboxAccount();
    const a = acct;
    expect((await runCliInProcess(['apply', '--auto-approve', '-f', ALB, ...a.flags])).code).toBe(0);
    const lb = Object.values(a.emu.state.elbv2.loadBalancers)[0]!;
    await a.elbv2.send(new AddTagsCommand({ ResourceArns: [lb.arn], Tags: [{ Key: 'owner', Value: 'ops' }] }));
    const keep = join(dir, 'keep-owner.yaml');
    writeFileSync(keep, 'externalManagedTags: [owner]\n');
    const file = join(dir, 'settings.json');
    const saved = await runCliInProcess(['plan', '--detailed-exitcode', '-f', ALB, '--config', keep, '--out', file, ...a.flags]);
    expect(saved.code).toBe(0);
    expect(saved.stdout).toContain('No changes.');
    a.emu.controls.resetCounters();
    const r = await runCliInProcess(['apply', file, '--auto-approve', '-f', ALB, ...a.flags]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`saved plan ${file} is stale: the manifests, settings or discovered facts changed`);
    expect(writes(a)).toBe(0);
    expect(a.emu.state.elbv2.tags[lb.arn]?.some((t) => t.Key === 'owner')).toBe(true);
    // Under the settings it was made with, the same file applies (nothing to do).
    expect((await runCliInProcess(['apply', file, '--auto-approve', '-f', ALB, '--config', keep, ...a.flags])).code).toBe(0);
    expect(writes(a)).toBe(0);
  });

  it('refuses a plan whose changes were edited after it was written, and an offline plan', async () => {
    acct = await sandboxAccount();
    const a = acct;
    const file = join(dir, 'edited.json');
    expect((await runCliInProcess(['plan', '-f', ALB, '--out', file, ...a.flags])).code).toBe(0);
    const json = JSON.parse(readFileSync(file, 'utf8')) as { resource_changes: unknown[] };
    // Drop one change (the plan would then skip it) and keep the rest as written.
    writeFileSync(file, JSON.stringify({ ...json, resource_changes: json.resource_changes.slice(1) }));
    const edited = await runCliInProcess(['apply', file, '--auto-approve', '-f', ALB, ...a.flags]);
    expect(edited.code).toBe(1);
    expect(edited.stderr).toContain(`saved plan ${file} was edited after it was written`);

    const offline = join(dir, 'offline.json');
    expect((await runCliInProcess(['plan', '--offline', '-f', ALB, '--out', offline, '--cluster-name', 'sandbox'])).code).toBe(0);
    const r = await runCliInProcess(['apply', offline, '--auto-approve', '-f', ALB, ...a.flags]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('was made with --offline');
    expect(writes(a)).toBe(0);
    expect(Object.keys(a.emu.state.elbv2.loadBalancers)).toHaveLength(0);
  });

  it('gwlb show renders a saved plan as plan printed it, without AWS or manifests', async () => {
    acct = await sandboxAccount();
    const file = join(dir, 'show.json');
    const planned = await runCliInProcess(['plan', '-f', ALB, '--out', file, ...acct.flags]);
    expect(planned.code).toBe(0);
    await acct.close();
    acct = undefined;
    const shown = await runCliInProcess(['show', file]);
    expect(shown.code).toBe(0);
    expect(`${shown.stdout}\nSaved the plan to: ${file}\n`).toBe(planned.stdout);
    const json = await runCliInProcess(['show', file, '-o', 'json']);
    expect(JSON.parse(json.stdout).resource_changes).toEqual(JSON.parse(readFileSync(file, 'utf8')).resource_changes);
    expect((await runCliInProcess(['show', file, '-o', 'markdown'])).stdout).toContain('Plan:');
    const bad = await runCliInProcess(['show', join(dir, 'nope.json')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe(`gwlb show: cannot read ${join(dir, 'nope.json')}: no such file`);
  });

  it('a missing or non-JSON plan file is a one-line error', async () => {
    acct = await sandboxAccount();
    const missing = await runCli(['apply', join(dir, 'nope.json'), '--auto-approve', '-f', ALB, ...acct.flags]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe(`gwlb apply: cannot read saved plan ${join(dir, 'nope.json')}: no such file; save one with gwlb plan --out ${join(dir, 'nope.json')}`);
    expect(writes(acct)).toBe(0);
  });
});
