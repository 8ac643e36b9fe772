/**
 * Changed manifests (issue 5, "Done when"): from an applied base, each change gives the plan that
 * lbc-model-deploy.md §10 predicts — golden text and `-o json` in test/golden/plan-changes/, and
 * the action of every changed resource asserted here — and converges: `apply --auto-approve`
 * succeeds and `plan --detailed-exitcode` then exits 0.
 *
 * Each chain is one emulator and one sequence of steps (test/fixtures/changes/<chain>/NN-*): a step
 * plans against the state the previous step applied, so the `it`s of a chain must run in order
 * (vitest runs the tests of a file sequentially).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../cli/run-cli.js';
import { expectGolden } from '../helpers/golden.js';
import { applyInProcess as apply, planInProcess as plan, runCliInProcess, sandboxAccount, trackingProblems, type Account } from './harness.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'changes');
const GOLDEN = join(ROOT, 'test', 'golden', 'plan-changes');

/**
 * The emulator makes the random parts of ids as AWS does (16 hex digits at the end of ELB ARNs,
 * 17 in `sg-` ids), so they differ between runs; goldens hold them normalised:
 * - a security-group id becomes `sg-{<its group name>}` (names are LBC's deterministic hashes);
 * - each distinct random ARN segment becomes `{n}`, numbered in order of first appearance in that
 *   output, so the golden still shows which ARNs are the same.
 * An LB's `securityGroups` is a set that gwlb sorts by id, so its order follows the random ids:
 * in JSON those lists are re-sorted after normalising. (The text plans here never print one: the
 * LB's security groups do not change in any step.)
 */
function normaliseIds(acct: Account, output: string, json: boolean): string {
  const names = new Map(Object.values(acct.emu.state.ec2.securityGroups).map((g) => [g.groupId, g.groupName]));
  let text = output.replace(/\bsg-0[0-9a-f]{16}\b/g, (id) => `sg-{${names.get(id) ?? 'unknown'}}`);
  if (json) {
    const sortGroups = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(sortGroups);
      if (v === null || typeof v !== 'object') return v;
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'securityGroups' && Array.isArray(x) && x.every((s) => typeof s === 'string') ? [...x].sort() : sortGroups(x)]));
    };
    text = `${JSON.stringify(sortGroups(JSON.parse(text)), null, 2)}\n`;
  }
  const seen = new Map<string, number>();
  const id = (raw: string) => {
    if (!seen.has(raw)) seen.set(raw, seen.size + 1);
    return `{${seen.get(raw)!}}`;
  };
  return text.replace(/arn:aws:elasticloadbalancing:[^"\s]*/g, (arn) => arn.replace(/\/([0-9a-f]{16})(?=\/|$)/g, (_m, hex: string) => `/${id(hex)}`));
}

interface PlanJson {
  resource_changes: { address: string; change: { actions: string[]; replace_paths: (string | number)[][] } }[];
}

/** `address → actions` of every resource that changes (no-ops left out), and the replace paths. */
function changesOf(json: string): { actions: Record<string, string>; replacePaths: Record<string, string[]> } {
  const plan = JSON.parse(json) as PlanJson;
  const changed = plan.resource_changes.filter((rc) => rc.change.actions.join() !== 'no-op');
  return {
    actions: Object.fromEntries(changed.map((rc) => [rc.address.replace(/^gateway\["[^"]+"\]\./, ''), rc.change.actions.join('/')])),
    replacePaths: Object.fromEntries(changed.filter((rc) => rc.change.replace_paths.length > 0).map((rc) => [rc.address.replace(/^gateway\["[^"]+"\]\./, ''), rc.change.replace_paths.map((p) => p.join('.'))])),
  };
}

interface Step {
  readonly dir: string;
  /** The action of every resource that changes, as §10 predicts (terraform's `create/delete` = create-before-destroy). */
  readonly actions: Record<string, string>;
  readonly replacePaths?: Record<string, string[]>;
  /** Lines the text plan must show. */
  readonly text?: readonly string[];
}

const ALB_SVC_A = 'target_group["shop/web:shop-store:HTTPRoute-shop-svc-a:8080"]';

const CHAINS: Record<string, { base: string; steps: readonly Step[] }> = {
  alb: {
    base: join(FIXTURES, 'alb', '00-base'),
    steps: [
      {
        // /search is longer than /store, so it takes priority 1 (LBC's precedence); the store rule
        // matches by content and only moves: SetRulePriorities plus its resource tag (§10.4).
        dir: '01-route-added',
        actions: { 'target_group["shop/web:shop-search:HTTPRoute-shop-svc-c:8080"]': 'create', 'listener_rule["80:2"]': 'update', 'listener_rule["80:1"]': 'create' },
        text: ['~ priority = 1 -> 2', '~ "gateway.k8s.aws.alb/resource" = "80:1" -> "80:2"'],
      },
      {
        // Weights differ, so no content match; same priority → ModifyRule (§10.3, §10.4).
        dir: '02-weight-changed',
        actions: { 'listener_rule["80:2"]': 'update' },
        text: ['~ weight = 20 -> 50', '~ weight = 80 -> 50'],
      },
      {
        // The unmatched listener and its rule go; the admin route's TG is deleted; the managed SG
        // loses the 8080 ingress (§10.4 SG ingress revoke).
        dir: '03-listener-removed',
        actions: {
          'security_group["ManagedLBSecurityGroup"]': 'update',
          'listener_rule["8080:1"]': 'delete',
          'listener["8080"]': 'delete',
          'target_group["shop/web:shop-admin:HTTPRoute-shop-svc-a:8080"]': 'delete',
        },
      },
      {
        // Health check drift → ModifyTargetGroup in place (§10.4).
        dir: '04-tgc-health-check',
        actions: { [ALB_SVC_A]: 'update' },
        text: ['~ path = "/healthz" -> "/ready"'],
      },
      {
        // targetType forces a new TG (new name): created first, the rule repointed, the old one
        // deleted afterwards (§10.5).
        dir: '05-tgc-target-type',
        actions: { [ALB_SVC_A]: 'create/delete', 'listener_rule["80:2"]': 'update' },
        replacePaths: { [ALB_SVC_A]: ['targetType'] },
        text: ['~ targetType = "instance" -> "ip" # forces replacement', '+/- create replacement and then destroy'],
      },
      {
        // Scheme forces LB replacement, deleted first (§10.5); AWS deletes its listeners and
        // rules with it, so they are recreated; TGs and the SG stay.
        dir: '06-scheme-changed',
        actions: { 'load_balancer["LoadBalancer"]': 'delete/create', 'listener["80"]': 'delete/create', 'listener_rule["80:1"]': 'delete/create', 'listener_rule["80:2"]': 'delete/create' },
        replacePaths: { 'load_balancer["LoadBalancer"]': ['scheme'] },
        text: ['~ scheme        = "internal" -> "internet-facing" # forces replacement', '-/+ destroy and then create replacement'],
      },
    ],
  },
  nlb: {
    base: join(ROOT, 'examples', 'nlb-tcp'),
    steps: [
      {
        // NLBHealthCheckAdvancedConfig is on by default: NLB health-check changes are in place (§10.5).
        dir: '01-tgc-health-check',
        actions: { 'target_group["default/my-gateway:default-my-tcp-route:TCPRoute-default-my-service:9000"]': 'update' },
        text: ['~ intervalSeconds       = 15 -> 10', '~ healthyThresholdCount = 3 -> 2'],
      },
      {
        dir: '02-scheme-changed',
        actions: { 'load_balancer["LoadBalancer"]': 'delete/create', 'listener["8080"]': 'delete/create' },
        replacePaths: { 'load_balancer["LoadBalancer"]': ['scheme'] },
      },
    ],
  },
};

// The CLI runs in-process here (the same `main` as bin/gwlb.js): each step takes four runs, and
// process starts would dominate the suite. examples.test.ts covers the spawned binary.
for (const [chain, { base, steps }] of Object.entries(CHAINS)) {
  describe(`changed manifests: ${chain} chain`, () => {
    let acct: Account;
    beforeAll(async () => {
      acct = await sandboxAccount();
      const applied = await apply(acct, [base]);
      expect(applied.stderr).not.toMatch(/gwlb apply:/);
      expect(applied.code).toBe(0);
      expect((await plan(acct, [base])).code).toBe(0);
    });
    afterAll(async () => acct?.close());

    for (const step of steps) {
      it(`${step.dir}: expected plan, then apply converges`, async () => {
        const files = [join(FIXTURES, chain, step.dir)];
        const text = await plan(acct, files);
        expect(text.stderr).toBe('');
        expect(text.code).toBe(2);
        const json = await runCliInProcess(['plan', '-o', 'json', ...files.flatMap((f) => ['-f', f]), ...acct.flags]);
        expect(json.code).toBe(0);
        const golden = join(GOLDEN, `${chain}-${step.dir.replace(/^\d+-/, '')}`);
        expectGolden(`${golden}.txt`, normaliseIds(acct, text.stdout, false));
        expectGolden(`${golden}.json`, normaliseIds(acct, json.stdout, true));

        const got = changesOf(json.stdout);
        expect(got.actions).toEqual(step.actions);
        expect(got.replacePaths).toEqual(step.replacePaths ?? {});
        for (const line of step.text ?? []) expect(text.stdout).toContain(line);
        const counts = Object.values(step.actions).reduce(
          (n, a) => ({ add: n.add + (a.includes('create') ? 1 : 0), change: n.change + (a === 'update' ? 1 : 0), destroy: n.destroy + (a.includes('delete') ? 1 : 0) }),
          { add: 0, change: 0, destroy: 0 },
        );
        expect(text.stdout).toContain(`Plan: ${counts.add} to add, ${counts.change} to change, ${counts.destroy} to destroy.`);

        const applied = await apply(acct, files);
        expect(applied.stderr).not.toMatch(/gwlb apply:/);
        expect(applied.code).toBe(0);
        expect(applied.stdout).toContain('The account now matches the manifests.');
        const again = await plan(acct, files);
        expect(again.stdout).toContain('No changes');
        expect(again.code).toBe(0);
        expect(trackingProblems(acct.emu)).toEqual([]);
      });
    }
  });
}
