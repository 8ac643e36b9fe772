/**
 * Values the input cannot know and GatewayClasses it lacks (issue 8 items 3 and 4), against the
 * sandbox: a NodePort Service without nodePort makes its Gateway's target group port and name
 * unknown — warned once, planned as (known after apply), refused by apply while the other
 * Gateways apply — and a Gateway whose GatewayClass is misspelt is warned about with the close
 * match and never pruned.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runCliInProcess, sandboxAccount, trackingProblems, writeCount, type Account } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'gwlb-unknowns-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CLASS = `apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: shop-alb}
spec: {controllerName: gateway.k8s.aws/alb}
`;

/** Gateway apps/<name> (HTTP :80, class `className`) routing to Service apps/<name>-svc. */
function gatewaySet(name: string, className: string, nodePort: number | undefined): string {
  return `---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: ${name}, namespace: apps}
spec:
  gatewayClassName: ${className}
  listeners: [{name: http, port: 80, protocol: HTTP}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: ${name}-route, namespace: apps}
spec:
  parentRefs: [{name: ${name}}]
  rules: [{backendRefs: [{name: ${name}-svc, port: 80}]}]
---
apiVersion: v1
kind: Service
metadata: {name: ${name}-svc, namespace: apps}
spec:
  type: NodePort
  ports:
    - port: 80
      targetPort: 8080${nodePort !== undefined ? `\n      nodePort: ${nodePort}` : ''}
`;
}

function write(file: string, text: string): string {
  const path = join(dir, file);
  writeFileSync(path, text);
  return path;
}

const run = (acct: Account, args: readonly string[]) => runCliInProcess([...args, ...acct.flags]);
const lbNames = (acct: Account) => Object.values(acct.emu.state.elbv2.loadBalancers).map((l) => l.name).sort();
const tgCount = (acct: Account) => Object.keys(acct.emu.state.elbv2.targetGroups).length;

describe('a NodePort Service without nodePort (the API server assigns it)', () => {
  const input = write('two-gateways.yaml', CLASS + gatewaySet('good', 'shop-alb', 30100) + gatewaySet('pending', 'shop-alb', undefined));
  let acct: Account | undefined;
  afterEach(async () => {
    await acct?.close();
    acct = undefined;
  });

  it('validate warns once, at the Service; model shows the port and name unknown; explain shows the status of an assigned port', async () => {
    const v = await runCliInProcess(['validate', '-f', input]);
    expect(v.code).toBe(0);
    const warnings = v.stderr.split('\n').filter((l) => l.includes('GWLB391'));
    expect(warnings).toHaveLength(1);
    // The Service apps/pending-svc: its first port is on line 50 of the file.
    expect(warnings[0]).toMatch(/two-gateways\.yaml:50:7: warning GWLB391: Service apps\/pending-svc \(type NodePort\) has no nodePort for port 80: the API server assigns it/);
    expect(warnings[0]).toContain('Set spec.ports[].nodePort, or read the Service from the cluster (kubectl get service -n apps pending-svc -o yaml) into the input');

    const m = await runCliInProcess(['model', '-f', input]);
    expect(m.code).toBe(0);
    const stacks = JSON.parse(m.stdout) as { id: string; resources: Record<string, Record<string, { spec: { name: unknown; port: unknown } }>> }[];
    const tgs = (id: string) => Object.values(stacks.find((s) => s.id === id)!.resources['AWS::ElasticLoadBalancingV2::TargetGroup']!);
    expect(tgs('apps/pending').map((t) => [t.spec.name, t.spec.port])).toEqual([
      [{ $unknown: 'target group name (it hashes the nodePort of Service apps/pending-svc port 80)' }, { $unknown: 'nodePort of Service apps/pending-svc port 80' }],
    ]);
    expect(tgs('apps/good').map((t) => t.spec.port)).toEqual([30100]);

    const e = await runCliInProcess(['explain', '-f', input, 'gateway/apps/pending']);
    expect(e.code).toBe(0);
    expect(e.stdout).toContain('✓ Accepted=True (Accepted)');
    expect(e.stdout).not.toContain('✗');
  });

  it('plan shows (known after apply) with the note; apply creates the other Gateway, refuses this one, exit 1', async () => {
    acct = await sandboxAccount();
    const p = await run(acct, ['plan', '-f', input]);
    expect(p.code).toBe(0);
    expect(p.stdout).toMatch(/\+ port += \(known after apply\)/);
    expect(p.stdout.split('\n').filter((l) => l.includes('Service apps/pending-svc has no nodePort'))).toHaveLength(1);

    const a = await run(acct, ['apply', '--auto-approve', '-f', input]);
    expect(a.code).toBe(1);
    expect(a.stderr).toContain('gwlb apply: Gateway apps/pending was not applied: the nodePort of Service apps/pending-svc port 80 is not in the input (the API server assigns it), so its target group port and name are unknown. Set spec.ports[].nodePort in the Service, or read the Service from the cluster');
    // Only the other Gateway's load balancer and target group exist, fully tagged.
    expect(lbNames(acct)).toHaveLength(1);
    expect(lbNames(acct)[0]).toMatch(/^k8s-apps-good-/);
    expect(tgCount(acct)).toBe(1);
    expect(trackingProblems(acct.emu)).toEqual([]);

    // With the nodePort known, the refused Gateway applies; nothing else changes.
    const fixed = write('fixed.yaml', CLASS + gatewaySet('good', 'shop-alb', 30100) + gatewaySet('pending', 'shop-alb', 30200));
    const again = await run(acct, ['apply', '--auto-approve', '-f', fixed]);
    expect(again.code).toBe(0);
    expect(lbNames(acct)).toHaveLength(2);
  });
});

describe('a Gateway whose GatewayClass is misspelt', () => {
  let acct: Account | undefined;
  afterEach(async () => {
    await acct?.close();
    acct = undefined;
  });

  it('is warned about with the close match, listed by explain as not handled, and plan --prune keeps its stack', async () => {
    acct = await sandboxAccount();
    const right = write('right.yaml', CLASS + gatewaySet('web', 'shop-alb', 30300) + gatewaySet('api', 'shop-alb', 30301));
    expect((await run(acct, ['apply', '--auto-approve', '-f', right])).code).toBe(0);
    expect(lbNames(acct)).toHaveLength(2);

    const typo = write('typo.yaml', CLASS + gatewaySet('web', 'shop-abl', 30300) + gatewaySet('api', 'shop-alb', 30301));
    acct.emu.controls.resetCounters();
    const p = await run(acct, ['plan', '--prune', '--detailed-exitcode', '-f', typo]);
    expect(p.code).toBe(0);
    expect(p.stderr).toMatch(/typo\.yaml:\d+:\d+: warning GWLB201: GatewayClass shop-abl is neither in the input nor in the gatewayClasses setting; LBC ignores Gateway apps\/web until the class exists, and gwlb leaves its AWS resources as they are\. Did you mean shop-alb\?/);
    expect(p.stdout).not.toContain('will be destroyed');
    expect(p.stdout).not.toContain('is not in the input');
    expect(p.stdout).toContain('Gateway apps/web is in the input but gwlb builds no model for it');

    const a = await run(acct, ['apply', '--auto-approve', '--prune', '-f', typo]);
    expect(a.code).toBe(0);
    expect(writeCount(acct)).toBe(0);
    expect(lbNames(acct)).toHaveLength(2);

    const e = await runCliInProcess(['explain', '-f', typo, 'gateway/apps/web']);
    expect(e.code).toBe(0);
    expect(e.stdout).toContain('Gateway apps/web  not handled · class shop-abl');
    expect(e.stdout).toContain('Did you mean shop-alb?');
  });

  it('a class named in the gatewayClasses setting is handled without its manifest', async () => {
    acct = await sandboxAccount();
    const config = write('gwlb.yaml', 'gatewayClasses: {shared-alb: gateway.k8s.aws/alb}\n');
    const noClass = write('no-class.yaml', gatewaySet('shared', 'shared-alb', 30400));
    const without = await run(acct, ['plan', '-f', noClass]);
    expect(without.stderr).toContain('warning GWLB201');
    expect(without.stdout).not.toContain('will be created');
    const a = await run(acct, ['apply', '--auto-approve', '--config', config, '-f', noClass]);
    expect(a.code).toBe(0);
    expect(a.stderr).not.toContain('GWLB201');
    expect(lbNames(acct)).toHaveLength(1);
  });
});
