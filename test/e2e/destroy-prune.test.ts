/**
 * Destroy and prune guards (issue 9 item 1): --prune with an input that holds no Gateway refuses
 * and deletes nothing; a Gateway gwlb skips (unknown GatewayClass) is never pruned as absent;
 * --gateway naming a Gateway not in the input is an error; `gwlb destroy` and `plan --destroy`
 * delete exactly the named stacks, with Terraform's destroy prompt.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../cli/run-cli.js';
import { runCli, runCliInProcess, sandboxAccount, trackingProblems, type Account, writeCount } from './harness.js';

const ALB = join(ROOT, 'examples', 'alb-http-https');
const NLB = join(ROOT, 'examples', 'nlb-tcp');
const ALB_GW = 'example-ns/my-alb-gateway';
const dir = mkdtempSync(join(tmpdir(), 'gwlb-destroy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (acct: Account, args: readonly string[]) => runCliInProcess([...args, ...acct.flags]);
const backendSgs = (acct: Account) => Object.values(acct.emu.state.ec2.securityGroups).filter((g) => g.groupName.startsWith('k8s-traffic-')).length;
const lbTypes = (acct: Account) => Object.values(acct.emu.state.elbv2.loadBalancers).map((l) => l.type).sort();
const writes = writeCount;

describe('prune guards', () => {
  let acct: Account | undefined;
  afterEach(async () => {
    await acct?.close();
    acct = undefined;
  });

  it('--prune with an empty directory refuses, exit 1, nothing deleted', async () => {
    acct = await sandboxAccount();
    expect((await run(acct, ['apply', '--auto-approve', '-f', ALB])).code).toBe(0);
    const empty = mkdtempSync(join(dir, 'empty-'));
    acct.emu.controls.resetCounters();
    for (const cmd of [['apply', '--auto-approve'], ['plan']]) {
      const r = await run(acct, [...cmd, '-f', empty, '--prune']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('--prune with an input that holds no Gateway would delete every stack this cluster owns');
    }
    expect(writes(acct)).toBe(0);
    expect(lbTypes(acct)).toEqual(['application']);
  });

  it('a Gateway whose GatewayClass the input lacks is not absent: --prune keeps its stack', async () => {
    acct = await sandboxAccount();
    expect((await run(acct, ['apply', '--auto-approve', '-f', ALB, '-f', NLB])).code).toBe(0);
    // The NLB Gateway without its GatewayClass: gwlb skips it (as LBC ignores it), it is still in the input.
    const gatewayOnly = join(dir, 'nlb-gateway-only.yaml');
    const docs = readFileSync(join(NLB, 'gateway.yaml'), 'utf8').split(/^---$/m).filter((d) => /kind: Gateway\s*$/m.test(d));
    writeFileSync(gatewayOnly, docs.join('\n---\n'));
    const r = await run(acct, ['apply', '--auto-approve', '--prune', '-f', ALB, '-f', gatewayOnly]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/will be destroyed/);
    expect(lbTypes(acct)).toEqual(['application', 'network']);
  });

  it('--gateway naming a Gateway that is not in the input is an error', async () => {
    acct = await sandboxAccount();
    const r = await run(acct, ['plan', '-f', ALB, '--gateway', 'example-ns/nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`--gateway example-ns/nope is not in the input; it holds ${ALB_GW}`);
  });
});

describe('gwlb destroy', () => {
  let acct: Account | undefined;
  afterEach(async () => {
    await acct?.close();
    acct = undefined;
  });

  it('plan --destroy previews, destroy --gateway deletes that stack only, and --all the rest', async () => {
    acct = await sandboxAccount();
    const a = acct;
    expect((await run(a, ['apply', '--auto-approve', '-f', ALB, '-f', NLB])).code).toBe(0);
    a.emu.controls.resetCounters();

    const preview = await run(a, ['plan', '--destroy', '--detailed-exitcode', '--gateway', ALB_GW]);
    expect(preview.code).toBe(2);
    expect(preview.stdout).toContain(`(because gwlb destroy deletes the stack of Gateway ${ALB_GW})`);
    expect(preview.stdout).toMatch(/Plan: 0 to add, 0 to change, 9 to destroy\./);
    expect(writes(a)).toBe(0);

    const one = await run(a, ['destroy', '--auto-approve', '--gateway', ALB_GW]);
    expect(one.stderr).toBe('');
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('The account now matches the manifests.');
    expect(lbTypes(a)).toEqual(['network']);
    // The NLB still attaches the shared backend security group: it stays.
    expect(one.stdout).not.toContain('backend_security_group');
    expect(backendSgs(a)).toBe(1);

    const typo = await run(a, ['destroy', '--auto-approve', '--gateway', 'example-ns/typo']);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain('this cluster owns no stack for example-ns/typo; nothing to destroy');

    const all = await run(a, ['destroy', '--auto-approve', '--all']);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/cluster\.backend_security_group\["k8s-traffic-sandbox-[0-9a-f]{10}"\] will be destroyed/);
    expect(lbTypes(a)).toEqual([]);
    expect(backendSgs(a)).toBe(0);
    expect(Object.values(a.emu.state.elbv2.targetGroups)).toEqual([]);
    expect(trackingProblems(a.emu)).toEqual([]);
    expect((await run(a, ['destroy', '--auto-approve', '--all'])).stdout).toContain('this cluster owns no stack; nothing to destroy');
  });

  it('asks with the destroy prompt; no terminal and no --auto-approve stops; no scope is an error', async () => {
    acct = await sandboxAccount();
    expect((await run(acct, ['apply', '--auto-approve', '-f', ALB])).code).toBe(0);
    acct.emu.controls.resetCounters();
    const r = await runCli(['destroy', '-f', ALB, ...acct.flags]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no terminal to ask for approval');
    const none = await runCli(['destroy', ...acct.flags]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('say what to destroy: -f PATH');
    expect(writes(acct)).toBe(0);
    expect(lbTypes(acct)).toEqual(['application']);
  });
});
