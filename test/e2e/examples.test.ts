/**
 * Every example applies and then plans clean: `apply --auto-approve` exits 0 and
 * `plan --detailed-exitcode` exits 0 (idempotence, DESIGN.md quality bars), each against a fresh
 * seeded emulator, through the real CLI.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CreateTargetGroupCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterEach, describe, expect, it } from 'vitest';
import { SEED_VPC_ID } from '../../src/emulator/index.js';
import { ROOT } from '../cli/run-cli.js';
import { apply, plan, sandboxAccount, trackingProblems, type Account } from './harness.js';

const EXAMPLES = join(ROOT, 'examples');
const dirs = readdirSync(EXAMPLES).filter((d) => statSync(join(EXAMPLES, d)).isDirectory());

/** Known gaps of the emulator that stop an example, with what it lacks. */
const EMULATOR_GAPS: Record<string, string> = {};

/** What an example expects to exist in the account beforehand. */
const SETUP: Record<string, (a: Account) => Promise<unknown>> = {
  // The TargetGroupName backend names an out-of-band target group.
  targetgroupname: (a) => a.elbv2.send(new CreateTargetGroupCommand({ Name: 'test-gw-import123', Protocol: 'TCP', Port: 443, VpcId: SEED_VPC_ID, TargetType: 'ip' })),
};

describe('apply then plan converges for every example', () => {
  let acct: Account | undefined;
  afterEach(async () => {
    await acct?.close();
    acct = undefined;
  });

  for (const dir of dirs) {
    it.skipIf(dir in EMULATOR_GAPS)(dir, async () => {
      acct = await sandboxAccount();
      await SETUP[dir]?.(acct);
      const files = [join(EXAMPLES, dir)];
      const applied = await apply(acct, files);
      expect(applied.stderr).not.toMatch(/gwlb apply:/);
      expect(applied.code).toBe(0);
      expect(applied.stdout).toMatch(/Apply complete!|No changes/);
      expect(applied.stdout).toContain('The account now matches the manifests.');
      const planned = await plan(acct, files);
      expect(planned.stdout).toContain('No changes');
      expect(planned.code).toBe(0);
      expect(trackingProblems(acct.emu).filter((p) => !p.includes('test-gw-import123'))).toEqual([]);
    });
  }
});
