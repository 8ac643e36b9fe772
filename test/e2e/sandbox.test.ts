/**
 * `--sandbox` as the READMEs document it: any cluster name works (the sandbox tags its VPC and
 * subnets for each name on first use), and every example runs with the commands of README.md's
 * quick start and examples/README.md. The sandbox keeps its state under the working directory,
 * so each test runs in its own temp directory; the CLI runs in-process (runCliInProcess) because
 * a child process per command would spend most of its time loading the AWS SDK.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EmulatorState } from '../../src/emulator/index.js';
import { ROOT } from '../cli/run-cli.js';
import { runCliInProcess } from './harness.js';

const EXAMPLES = join(ROOT, 'examples');
const dirs = readdirSync(EXAMPLES).filter((d) => statSync(join(EXAMPLES, d)).isDirectory());

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'gwlb-sandbox-'));
  process.chdir(cwd);
});
afterEach(() => {
  process.chdir(ROOT);
  rmSync(cwd, { recursive: true, force: true });
});

function sandboxState(): EmulatorState {
  return JSON.parse(readFileSync(join(cwd, '.gwlb', 'sandbox', 'state.json'), 'utf8')) as EmulatorState;
}

/** Cluster names each seeded subnet is tagged for. */
function subnetClusters(): string[][] {
  return Object.values(sandboxState().ec2.subnets).map((s) =>
    s.tags.filter((t) => t.Key.startsWith('kubernetes.io/cluster/')).map((t) => t.Key.slice('kubernetes.io/cluster/'.length)),
  );
}

describe('the sandbox serves any cluster name', () => {
  it('tags a sandbox already used for `sandbox` for prod too, then plans, applies and converges for prod', async () => {
    const example = join(EXAMPLES, 'alb-http-https');
    expect((await runCliInProcess(['apply', '--sandbox', '--auto-approve', '-f', join(EXAMPLES, 'nlb-tcp')])).code).toBe(0);
    expect(subnetClusters().every((c) => c.join() === 'sandbox')).toBe(true);

    const planned = await runCliInProcess(['plan', '--sandbox', '--cluster-name', 'prod', '-f', example]);
    expect(planned.stderr).not.toMatch(/gwlb plan:|error/);
    expect(planned.code).toBe(0);
    // Subnets are discovered (the seeded ids), not "(known after apply)".
    expect(planned.stdout).toMatch(/subnetID = "subnet-0a5e0000000000010"/);
    expect(planned.stdout).toContain('"elbv2.k8s.aws/cluster"        = "prod"');
    // plan never writes the sandbox state: it tagged the subnets for prod in memory only.
    expect(subnetClusters().every((c) => c.join() === 'sandbox')).toBe(true);

    const applied = await runCliInProcess(['apply', '--sandbox', '--cluster-name', 'prod', '--auto-approve', '-f', example]);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('The account now matches the manifests.');
    expect(subnetClusters().every((c) => c.join() === 'sandbox,prod')).toBe(true);
    const again = await runCliInProcess(['plan', '--sandbox', '--cluster-name', 'prod', '--detailed-exitcode', '-f', example]);
    expect(again.stdout).toContain('No changes.');
    expect(again.code).toBe(0);
  });

  it('takes the cluster name from gwlb.yaml', async () => {
    writeFileSync(join(cwd, 'gwlb.yaml'), 'clusterName: staging\n');
    const example = join(EXAMPLES, 'nlb-tcp');
    expect((await runCliInProcess(['apply', '--sandbox', '--auto-approve', '-f', example])).code).toBe(0);
    const planned = await runCliInProcess(['plan', '--sandbox', '--detailed-exitcode', '-f', example]);
    expect(planned.stdout).toContain('No changes.');
    expect(planned.code).toBe(0);
    expect(subnetClusters().every((c) => c.join() === 'sandbox,staging')).toBe(true);
    const lbTags = Object.values(sandboxState().elbv2.tags).flat();
    expect(lbTags).toContainEqual({ Key: 'elbv2.k8s.aws/cluster', Value: 'staging' });
  });
});

describe('every example runs with the documented sandbox commands', () => {
  for (const dir of dirs) {
    it(dir, async () => {
      const files = ['-f', join(EXAMPLES, dir)];
      // examples/README.md
      expect((await runCliInProcess(['explain', ...files])).code).toBe(0);
      const planned = await runCliInProcess(['plan', '--sandbox', ...files]);
      expect(planned.stderr).not.toMatch(/error GWLB/);
      expect(planned.code).toBe(0);
      // README.md's quick start
      const applied = await runCliInProcess(['apply', '--sandbox', '--auto-approve', ...files]);
      expect(applied.stderr).not.toMatch(/gwlb apply:|error GWLB/);
      expect(applied.code).toBe(0);
      expect(applied.stdout).toContain('The account now matches the manifests.');
      const again = await runCliInProcess(['plan', '--sandbox', '--detailed-exitcode', ...files]);
      expect(again.stdout).toContain('No changes.');
      expect(again.code).toBe(0);
    });
  }
});
