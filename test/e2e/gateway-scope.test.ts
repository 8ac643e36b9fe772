/**
 * `plan --gateway NS/NAME` narrows the AWS reads to that Gateway's stack (issue 13 item 3): a
 * no-change plan makes the account-wide listings once and the per-stack reads for the named
 * stack only — exactly the count bench/aws-minimum.ts derives from the account — and the plan it
 * prints is the one the unnarrowed reads give for that stack; nothing outside it is ever deleted.
 */
import { DeleteRuleCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { minimumPlanCalls } from '../../bench/aws-minimum.js';
import { generateManifests } from '../../bench/generate.js';
import { AwsSession } from '../../src/aws/session.js';
import { connectAws } from '../../src/aws/clients.js';
import { desiredState } from '../../src/run/pipeline.js';
import { SEED_VPC_ID } from '../../src/emulator/index.js';
import { defaultClusterSettings } from '../../src/model/index.js';
import { livePlan } from '../../src/observe/live-plan.js';
import { DEFAULT_CONTROLLER_NAMES } from '../../src/resolve/types.js';
import type { Plan } from '../../src/plan/index.js';
import { CLUSTER, runCliInProcess, sandboxAccount, writeCount, type Account } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'gwlb-scope-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const FILE = join(dir, 'gateways.yaml');
// 6 ALB Gateways (team-N/gw-N), 2 routes × 2 rules each on the HTTP listener.
const MANIFESTS = generateManifests({ gateways: 6, routes: 12, rulesPerRoute: 2, withinAlbQuota: true });
writeFileSync(FILE, MANIFESTS);
const SCOPE = 'team-3/gw-3';

const cli = (acct: Account, args: readonly string[]) => runCliInProcess([...args, '-f', FILE, ...acct.flags]);
const planJson = async (acct: Account, extra: readonly string[] = []) => {
  const r = await cli(acct, ['plan', '-o', 'json', ...extra]);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Plan;
};

/** The desired stacks, as the CLI builds them (for the attribute / target-health rows of the formula). */
async function desiredStacks(acct: Account) {
  const conn = await connectAws({ kind: 'endpoint', url: acct.emu.endpoint });
  try {
    const settings = { cluster: defaultClusterSettings(CLUSTER), controllerNames: DEFAULT_CONTROLLER_NAMES, diagnostics: [] };
    const session = new AwsSession(conn, CLUSTER);
    const r = await livePlan({
      session,
      settings: settings.cluster,
      prune: false,
      desire: async (facts) => ({ ...(await desiredState({ files: [FILE], settings, facts })), inputGateways: [], errored: false }),
    });
    return r.desired.stacks;
  } finally {
    await conn.close();
  }
}

describe('plan --gateway NS/NAME reads only that stack', () => {
  let acct: Account | undefined;
  afterEach(async () => {
    await acct?.close();
    acct = undefined;
  });

  it('a no-change plan for 1 of 6 Gateways makes exactly the calls of the formula for that stack', async () => {
    acct = await sandboxAccount();
    const a = acct;
    expect((await cli(a, ['apply', '--auto-approve'])).code).toBe(0);
    const desired = await desiredStacks(a);
    a.emu.controls.resetCounters();
    const r = await cli(a, ['plan', '--detailed-exitcode', '--gateway', SCOPE]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No changes.');
    const expected = Object.fromEntries(minimumPlanCalls(a.emu, SEED_VPC_ID, desired, SCOPE).filter((row) => row.minimum > 0).map((row) => [row.action, row.minimum]));
    expect(a.emu.controls.counters()).toEqual(expected);
    // The stack's own reads: its 1 LB → 1 DescribeListeners.
    expect(expected['elbv2:DescribeListeners']).toBe(1);
    // Unnarrowed, the same plan reads every stack's listeners.
    a.emu.controls.resetCounters();
    expect((await cli(a, ['plan', '--detailed-exitcode'])).code).toBe(0);
    expect(a.emu.controls.callCount('elbv2:DescribeListeners')).toBe(6);
  });

  it('the narrowed plan is the unnarrowed plan of that stack, and never deletes outside it (even with --prune)', async () => {
    acct = await sandboxAccount();
    const a = acct;
    expect((await cli(a, ['apply', '--auto-approve'])).code).toBe(0);
    // Drift in two stacks: a rule deleted by hand in the named stack and in another one.
    const stackOf = (arn: string) => (a.emu.state.elbv2.tags[arn] ?? []).find((t) => t.Key === 'gateway.k8s.aws.alb/stack')?.Value;
    for (const id of [SCOPE, 'team-1/gw-1']) {
      const lb = Object.values(a.emu.state.elbv2.loadBalancers).find((l) => stackOf(l.arn) === id)!;
      const listener = Object.values(a.emu.state.elbv2.listeners).find((l) => l.loadBalancerArn === lb.arn && l.port === 80)!;
      const rule = Object.values(a.emu.state.elbv2.rules).find((x) => x.listenerArn === listener.arn && x.priority !== 'default')!;
      await a.elbv2.send(new DeleteRuleCommand({ RuleArn: rule.arn }));
    }
    const full = await planJson(a);
    const narrowed = await planJson(a, ['--gateway', SCOPE]);
    expect(full.resource_changes.some((rc) => rc.stack === 'team-1/gw-1')).toBe(true);
    expect(narrowed.resource_changes.length).toBeGreaterThan(0);
    expect(narrowed.resource_changes).toEqual(full.resource_changes.filter((rc) => rc.stack === SCOPE));
    expect(narrowed.stacks).toEqual(full.stacks.filter((s) => s.id === SCOPE));

    // An input that names only the scoped Gateway, with --prune: the other stacks stay untouched.
    const only = join(dir, 'only.yaml');
    const keep = (doc: string) => (!/kind: (Gateway|HTTPRoute)\n/.test(doc) ? true : /name: gw-3\n/.test(doc));
    writeFileSync(only, MANIFESTS.split('\n---\n').filter(keep).join('\n---\n'));
    a.emu.controls.resetCounters();
    const pruned = await runCliInProcess(['apply', '--auto-approve', '--prune', '--gateway', SCOPE, '-f', only, ...a.flags]);
    expect(pruned.stderr).toBe('');
    expect(pruned.code).toBe(0);
    expect(writeCount(a)).toBeGreaterThan(0);
    expect(a.emu.controls.callCount('DeleteLoadBalancer')).toBe(0);
    expect(Object.values(a.emu.state.elbv2.loadBalancers)).toHaveLength(6);
  });
});
