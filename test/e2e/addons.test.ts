/**
 * The WAFv2 and Shield addons end to end on the emulator (issue 12 item 4): a
 * LoadBalancerConfiguration's `wafV2.webACL` is associated with the Gateway's ALB, a changed ACL
 * re-associated, a removed one disassociated; `shieldConfiguration.enabled` creates the
 * protection LBC names, false or removed deletes it. gwlb knows an addon is active from the
 * account (plan/addons.ts), so these inputs carry no `gateway.k8s.aws.addon.*` annotation. Each
 * step is followed by a plan with no changes. The `it`s run in order against one `--sandbox`
 * (in-process and unpaced: against an endpoint gwlb paces WAFv2 calls to AWS's one per second or
 * two, aws-rules/request-rates.ts), its state file under a temp working directory.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_WEB_ACLS, webAclArn, type EmulatorState } from '../../src/emulator/index.js';
import { ROOT } from '../cli/run-cli.js';
import { runCliInProcess } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'gwlb-addons-'));
beforeAll(() => process.chdir(dir));
afterAll(() => {
  process.chdir(ROOT);
  rmSync(dir, { recursive: true, force: true });
});

const STATE = () => join(dir, '.gwlb', 'sandbox', 'state.json');
const state = () => JSON.parse(readFileSync(STATE(), 'utf8')) as EmulatorState;
/** Changes the sandbox account between commands (no command holds it then). */
function edit(change: (s: EmulatorState) => void): void {
  const s = state();
  change(s);
  writeFileSync(STATE(), JSON.stringify(s));
}
const apply = (files: string[]) => runCliInProcess(['apply', '--sandbox', '--auto-approve', ...files.flatMap((f) => ['-f', f])]);
const plan = (files: string[]) => runCliInProcess(['plan', '--sandbox', '--detailed-exitcode', ...files.flatMap((f) => ['-f', f])]);

const [ALLOW, BLOCK] = SEED_WEB_ACLS.map((a) => webAclArn(a.name, a.id)) as [string, string];

function manifests(name: string, opts: { acl?: string; shield?: boolean }): string {
  const file = join(dir, `${name}.yaml`);
  const waf = opts.acl !== undefined ? `\n  wafV2: {webACL: "${opts.acl}"}` : '';
  const shield = opts.shield !== undefined ? `\n  shieldConfiguration: {enabled: ${opts.shield}}` : '';
  writeFileSync(
    file,
    `apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: alb}
spec: {controllerName: gateway.k8s.aws/alb}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: web, namespace: shop, uid: 1f0c2e4f-8b1d-4c3e-9f5a-7d6b8c9e0f12}
spec:
  gatewayClassName: alb
  infrastructure: {parametersRef: {group: gateway.k8s.aws, kind: LoadBalancerConfiguration, name: cfg}}
  listeners: [{name: http, port: 80, protocol: HTTP}]
---
apiVersion: gateway.k8s.aws/v1beta1
kind: LoadBalancerConfiguration
metadata: {name: cfg, namespace: shop}
spec:
  scheme: internal${waf}${shield}
`,
  );
  return file;
}

function lbArn(): string {
  const lbs = Object.values(state().elbv2.loadBalancers);
  expect(lbs).toHaveLength(1);
  return lbs[0]!.arn;
}
const association = () => state().wafv2.associations[lbArn()];
const protections = () => Object.values(state().shield.protections).filter((p) => p.resourceArn === lbArn());

async function applied(file: string): Promise<void> {
  const r = await apply([file]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const again = await plan([file]);
  expect(again.stdout).toContain('No changes.');
  expect(again.code).toBe(0);
}

interface PlanJson {
  resource_changes: { address: string; change: { actions: string[]; before: Record<string, unknown> | null; after: Record<string, unknown> | null } }[];
}

async function addonChanges(file: string) {
  const r = await runCliInProcess(['plan', '--sandbox', '-o', 'json', '-f', file]);
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as PlanJson).resource_changes
    .filter((rc) => /wafv2_web_acl_association|shield_protection/.test(rc.address))
    .map((rc) => ({ address: rc.address, actions: rc.change.actions, before: rc.change.before, after: rc.change.after }));
}

describe('WAFv2 web ACL association', () => {
  it('a configured web ACL: the plan shows the association, apply associates it', async () => {
    const file = manifests('waf', { acl: ALLOW });
    const shown = await plan([file]);
    expect(shown.code).toBe(2);
    expect(shown.stdout).toContain('# gateway["shop/web"].wafv2_web_acl_association["LoadBalancer"] will be created');
    expect(shown.stdout).toContain(`+ webACLARN   = "${ALLOW}"`);
    await applied(file);
    expect(association()).toBe(ALLOW);
  });

  it('a changed web ACL: the plan shows the change, apply re-associates', async () => {
    const file = manifests('waf-changed', { acl: BLOCK });
    expect(await addonChanges(file)).toEqual([
      { address: 'gateway["shop/web"].wafv2_web_acl_association["LoadBalancer"]', actions: ['update'], before: { webACLARN: ALLOW, resourceARN: lbArn() }, after: { webACLARN: BLOCK, resourceARN: lbArn() } },
    ]);
    const shown = await plan([file]);
    expect(shown.stdout).toContain('# gateway["shop/web"].wafv2_web_acl_association["LoadBalancer"] will be updated in-place');
    expect(shown.stdout).toContain(`~ webACLARN = "${ALLOW}" -> "${BLOCK}"`);
    await applied(file);
    expect(association()).toBe(BLOCK);
  });

  it('the web ACL removed from the configuration: the plan shows the disassociation, apply disassociates', async () => {
    const file = manifests('waf-removed', {});
    expect(await addonChanges(file)).toEqual([
      { address: 'gateway["shop/web"].wafv2_web_acl_association["LoadBalancer"]', actions: ['delete'], before: { webACLARN: BLOCK, resourceARN: lbArn() }, after: null },
    ]);
    await applied(file);
    expect(association()).toBeUndefined();
  });
});

describe('Shield protection', () => {
  it('enabled: apply creates the protection LBC names', async () => {
    const file = manifests('shield', { shield: true });
    const shown = await plan([file]);
    expect(shown.stdout).toContain('# gateway["shop/web"].shield_protection["LoadBalancer"] will be created');
    expect(shown.stdout).toContain('+ name        = "managed by aws-load-balancer-controller"');
    await applied(file);
    expect(protections().map((p) => p.name)).toEqual(['managed by aws-load-balancer-controller']);
  });

  it('enabled: false: apply deletes it', async () => {
    const file = manifests('shield-off', { shield: false });
    expect((await addonChanges(file)).map((c) => c.actions)).toEqual([['delete']]);
    await applied(file);
    expect(protections()).toEqual([]);
  });

  it('removed from the configuration: apply deletes it too', async () => {
    await applied(manifests('shield-again', { shield: true }));
    expect(protections()).toHaveLength(1);
    await applied(manifests('shield-removed', {}));
    expect(protections()).toEqual([]);
  });

  it('a protection gwlb did not name is never deleted, and satisfies an enabled configuration', async () => {
    const arn = lbArn();
    edit((s) => (s.shield.protections['hand-made'] = { id: 'hand-made', name: 'security team', resourceArn: arn, tags: [] }));
    expect(await addonChanges(manifests('foreign-off', {}))).toEqual([]);
    expect((await addonChanges(manifests('foreign-on', { shield: true }))).map((c) => c.actions)).toEqual([['no-op']]);
    edit((s) => delete s.shield.protections['hand-made']);
  });

  it('without a Shield Advanced subscription nothing Shield is planned (LBC skips its synthesizer)', async () => {
    edit((s) => (s.shield.subscription = 'INACTIVE'));
    try {
      const file = manifests('unsubscribed', { shield: true });
      expect(await addonChanges(file)).toEqual([]);
      await applied(file);
      expect(protections()).toEqual([]);
    } finally {
      edit((s) => (s.shield.subscription = 'ACTIVE'));
    }
  });
});
