/**
 * E2E harness: an emulator in this process (seeded sandbox account) and the real CLI as a child
 * process pointed at it with --endpoint-url. The child runs asynchronously (spawn, not
 * spawnSync), because the emulator answers from this process's event loop.
 * `GWLB_E2E_CLI` may name another launcher script (e.g. during development before a command is
 * wired into src/cli/commands/index.ts); by default it is bin/gwlb.js, as a user runs it.
 */
import { spawn } from 'node:child_process';
import { ACMClient } from '@aws-sdk/client-acm';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { REGION, SEED_CLUSTER, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { SANDBOX_TARGET_GROUP } from '../../src/emulator/sandbox.js';
import { ROOT, type CliResult } from '../cli/run-cli.js';

export const CLUSTER = SEED_CLUSTER;

export function runCli(args: readonly string[], options: { cwd?: string; input?: string } = {}): Promise<CliResult> {
  const launcher = process.env['GWLB_E2E_CLI'] ?? `${ROOT}bin/gwlb.js`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--no-warnings', launcher, ...args], { cwd: options.cwd ?? ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/**
 * The same CLI code, run in this process through `main` with its output captured: for loops that
 * would otherwise start hundreds of Node processes (each spends most of its time loading the AWS
 * SDK). The spawned `runCli` stays the default; this is for the kill-point sweep.
 */
export async function runCliInProcess(args: readonly string[]): Promise<CliResult> {
  const { main } = await import('../../src/cli/main.js');
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const noColor = process.env['NO_COLOR'];
  process.env['NO_COLOR'] = '1';
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += chunk.toString()), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += chunk.toString()), true)) as typeof process.stderr.write;
  try {
    const code = await main(['node', 'gwlb', ...args]);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    if (noColor === undefined) delete process.env['NO_COLOR'];
    else process.env['NO_COLOR'] = noColor;
  }
}

export interface Account {
  readonly emu: RunningEmulator;
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly ec2: EC2Client;
  readonly acm: ACMClient;
  /** `--endpoint-url URL --cluster-name sandbox`: the flags every CLI call here passes. */
  readonly flags: readonly string[];
  close(): Promise<void>;
}

export async function sandboxAccount(): Promise<Account> {
  const emu = await startEmulator({ seed: true });
  // LBs are active at once: these tests are about convergence, not provisioning waits.
  emu.controls.setLifecycle({ describesUntilActive: 0 });
  const common = { region: REGION, endpoint: emu.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
  const elbv2 = new ElasticLoadBalancingV2Client(common);
  const ec2 = new EC2Client(common);
  const acm = new ACMClient(common);
  return {
    emu,
    elbv2,
    ec2,
    acm,
    flags: ['--endpoint-url', emu.endpoint, '--cluster-name', CLUSTER],
    async close() {
      elbv2.destroy();
      ec2.destroy();
      acm.destroy();
      await emu.close();
    },
  };
}

export const applyInProcess = (acct: Account, files: readonly string[]) => runCliInProcess(['apply', '--auto-approve', ...files.flatMap((f) => ['-f', f]), ...acct.flags]);
export const planInProcess = (acct: Account, files: readonly string[]) => runCliInProcess(['plan', '--detailed-exitcode', ...files.flatMap((f) => ['-f', f]), ...acct.flags]);

export const apply = (acct: Account, files: readonly string[], extra: readonly string[] = []) => runCli(['apply', '--auto-approve', ...files.flatMap((f) => ['-f', f]), ...acct.flags, ...extra]);
export const plan = (acct: Account, files: readonly string[], extra: readonly string[] = []) => runCli(['plan', '--detailed-exitcode', ...files.flatMap((f) => ['-f', f]), ...acct.flags, ...extra]);

/** Every LB, TG and SG gwlb made carries the tracking tags, and no name is used twice. */
export function trackingProblems(emu: RunningEmulator): string[] {
  const problems: string[] = [];
  const s = emu.state;
  const elbTags = (arn: string) => Object.fromEntries((s.elbv2.tags[arn] ?? []).map((t) => [t.Key, t.Value]));
  const tracked = (tags: Record<string, string | undefined>) => tags['elbv2.k8s.aws/cluster'] === CLUSTER && Object.keys(tags).some((k) => k.endsWith('/stack')) && Object.keys(tags).some((k) => k.endsWith('/resource'));
  for (const lb of Object.values(s.elbv2.loadBalancers)) if (!tracked(elbTags(lb.arn))) problems.push(`untagged load balancer ${lb.name}`);
  // The sandbox's hand-made target group (for the targetgroupname example) is untagged on purpose.
  for (const tg of Object.values(s.elbv2.targetGroups)) if (!tracked(elbTags(tg.arn)) && tg.name !== SANDBOX_TARGET_GROUP.name) problems.push(`untagged target group ${tg.name}`);
  for (const g of Object.values(s.ec2.securityGroups)) {
    const tags = Object.fromEntries(g.tags.map((t) => [t.Key, t.Value]));
    const seeded = g.groupName === 'default' || g.groupName.startsWith('eks-cluster-sg-') || g.groupName.startsWith('eks-remoteAccess-');
    const backend = tags['elbv2.k8s.aws/resource'] === 'backend-sg' && tags['elbv2.k8s.aws/cluster'] === CLUSTER;
    if (!seeded && !backend && !tracked(tags)) problems.push(`untagged security group ${g.groupName}`);
  }
  const names = [...Object.values(s.elbv2.loadBalancers).map((l) => `lb ${l.name}`), ...Object.values(s.elbv2.targetGroups).map((t) => `tg ${t.name}`), ...Object.values(s.ec2.securityGroups).map((g) => `sg ${g.groupName}`)];
  for (const n of new Set(names)) if (names.filter((x) => x === n).length > 1) problems.push(`duplicate ${n}`);
  return problems;
}

/** AWS write calls the emulator answered since its counters were last reset. */
export function writeCount(acct: Account): number {
  return Object.entries(acct.emu.controls.counters())
    .filter(([k]) => !/:(Describe|List|Get)/.test(k))
    .reduce((n, [, v]) => n + v, 0);
}
