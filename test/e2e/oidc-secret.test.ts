/**
 * Rotated OIDC client secrets reach AWS, as with LBC (issue 14 item 4). AWS never returns a client
 * secret, so gwlb never compares one: a plan of unchanged input says "No changes." (and notes
 * once that secrets are write-only), and every apply re-sends the current secret of each existing
 * OIDC rule with ModifyRule, as LBC's rule manager does on each reconcile. The secret itself never
 * appears in any output or plan file.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeRulesCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliResult } from '../cli/run-cli.js';
import { ROOT } from '../cli/run-cli.js';
import { apply, plan, runCli, sandboxAccount, type Account } from './harness.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'oidc-secret');
const GATEWAY = join(FIXTURES, 'gateway.yaml');
const V1 = join(FIXTURES, 'secret-v1.yaml');
const V2 = join(FIXTURES, 'secret-v2.yaml');
const SECRETS = ['first-secret-4d9a1c', 'rotated-secret-7e2f0b'];
const RULE = 'gateway["auth/web"].listener_rule["443:1"]';
const NOTE = 'Note: OIDC client secrets are write-only';

const dir = mkdtempSync(join(tmpdir(), 'gwlb-oidc-'));
let acct: Account;
/** Every CLI output of this file, checked for secrets at the end. */
const outputs: string[] = [];

async function cli(run: Promise<CliResult>): Promise<CliResult> {
  const r = await run;
  outputs.push(r.stdout, r.stderr);
  return r;
}

/** The client secret the emulator holds on the one OIDC rule (AWS keeps it; Describe never shows it). */
function storedSecret(): string | undefined {
  const rules = Object.values(acct.emu.state.elbv2.rules).filter((r) => r.actions.some((a) => a.AuthenticateOidcConfig));
  expect(rules).toHaveLength(1);
  return rules[0]!.actions.find((a) => a.AuthenticateOidcConfig)!.AuthenticateOidcConfig!['ClientSecret'] as string | undefined;
}

const writes = () =>
  Object.entries(acct.emu.controls.counters())
    .filter(([k]) => !/:(Describe|List|Get)/.test(k))
    .reduce((n, [, v]) => n + v, 0);

beforeAll(async () => {
  acct = await sandboxAccount();
});
afterAll(async () => {
  await acct.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a rotated OIDC client secret', () => {
  it('is sent when the rule is created', async () => {
    const r = await cli(apply(acct, [GATEWAY, V1]));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Apply complete! Resources: 6 added, 0 changed, 0 destroyed.\n');
    // A create carries the secret itself: no separate re-send.
    expect(r.stdout).not.toContain('Re-sending');
    expect(storedSecret()).toBe(SECRETS[0]);
  });

  it('is not a change: the plan says "No changes." and notes once that secrets are re-sent', async () => {
    const file = join(dir, 'rotated.json');
    const r = await cli(plan(acct, [GATEWAY, V2], ['--out', file]));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No changes. Your infrastructure matches the configuration.');
    expect(r.stdout.split(NOTE)).toHaveLength(2);
    expect(r.stdout).toContain(`${NOTE}: AWS never returns them, so gwlb neither compares nor shows them. Apply re-sends the client secret of 1 existing listener rule, as LBC does on every reconcile.`);
    const saved = readFileSync(file, 'utf8');
    expect(JSON.parse(saved)).toMatchObject({ write_only_resent: [RULE] });
    for (const s of SECRETS) expect(saved).not.toContain(s);

    // Markdown quotes each note above the collapsed full text plan, which has it too.
    const md = await cli(runCli(['plan', '-o', 'markdown', '-f', GATEWAY, '-f', V2, ...acct.flags]));
    expect(md.stdout.split(`> ${NOTE}`)).toHaveLength(2);
  });

  it('needs no approval: re-sending the secrets the input holds changes nothing the plan shows', async () => {
    acct.emu.controls.resetCounters();
    const r = await cli(runCli(['apply', '-f', GATEWAY, '-f', V1, ...acct.flags]));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No changes.');
    expect(writes()).toBe(1);
    expect(storedSecret()).toBe(SECRETS[0]);
  });

  it('reaches AWS on the next apply, as a visible step', async () => {
    const r = await cli(apply(acct, [GATEWAY, V2]));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${RULE}: Re-sending OIDC client secret...\n`);
    expect(r.stdout).toMatch(new RegExp(`${RULE.replace(/[[\]"]/g, '\\$&')}: OIDC client secret re-sent after \\d+s\n`));
    expect(r.stdout).toContain('Apply complete! Resources: 0 added, 0 changed, 0 destroyed. OIDC client secrets re-sent: 1.\n');
    expect(r.stdout).toContain('The account now matches the manifests.');
    expect(storedSecret()).toBe(SECRETS[1]);
    expect((await cli(plan(acct, [GATEWAY, V2]))).code).toBe(0);
  });

  it('is re-sent when a saved plan is applied', async () => {
    const file = join(dir, 'back.json');
    expect((await cli(plan(acct, [GATEWAY, V1], ['--out', file]))).code).toBe(0);
    const r = await cli(runCli(['apply', file, '-f', GATEWAY, '-f', V1, ...acct.flags]));
    expect(r.code).toBe(0);
    expect(storedSecret()).toBe(SECRETS[0]);
    for (const s of SECRETS) expect(readFileSync(file, 'utf8')).not.toContain(s);
  });

  it('is never echoed by DescribeRules, nor printed by any command', async () => {
    const arn = Object.values(acct.emu.state.elbv2.rules).find((r) => r.actions.some((a) => a.AuthenticateOidcConfig))!.arn;
    const described = await acct.elbv2.send(new DescribeRulesCommand({ RuleArns: [arn] }));
    const oidc = described.Rules![0]!.Actions!.find((a) => a.Type === 'authenticate-oidc')!.AuthenticateOidcConfig!;
    expect(oidc.ClientId).toBe('gwlb-e2e-client');
    expect(oidc.ClientSecret).toBeUndefined();
    const all = outputs.join('\n');
    expect(all.length).toBeGreaterThan(0);
    for (const s of SECRETS) expect(all).not.toContain(s);
  });
});
