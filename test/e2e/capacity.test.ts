/**
 * The ProvisionedCapacity addon end to end (issue 8): a LoadBalancerConfiguration's
 * minimumLoadBalancerCapacity is applied as the LB's capacity reservation, and once the
 * configuration drops it, a Gateway carrying LBC's `gateway.k8s.aws.addon.provisionedcapacity:
 * "true"` annotation gets the reset (model_build_addon.go 95–111): the plan shows the reservation
 * going to 0 units, apply resets it, and the next plan has no changes. The `it`s run in order
 * against one emulator.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyInProcess as apply, planInProcess as plan, runCliInProcess, sandboxAccount, type Account } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'gwlb-capacity-'));
let acct: Account;
beforeAll(async () => {
  acct = await sandboxAccount();
});
afterAll(async () => {
  await acct.close();
  rmSync(dir, { recursive: true, force: true });
});

function manifests(name: string, opts: { annotation?: string; capacity?: number }): string {
  const file = join(dir, `${name}.yaml`);
  const annotations = opts.annotation !== undefined ? `\n  annotations: {gateway.k8s.aws.addon.provisionedcapacity: "${opts.annotation}"}` : '';
  const capacity = opts.capacity !== undefined ? `\n  minimumLoadBalancerCapacity: {capacityUnits: ${opts.capacity}}` : '';
  writeFileSync(
    file,
    `apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: alb}
spec: {controllerName: gateway.k8s.aws/alb}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: web
  namespace: shop
  uid: 6a0c2e4f-8b1d-4c3e-9f5a-7d6b8c9e0f12${annotations}
spec:
  gatewayClassName: alb
  infrastructure: {parametersRef: {group: gateway.k8s.aws, kind: LoadBalancerConfiguration, name: cfg}}
  listeners: [{name: http, port: 80, protocol: HTTP}]
---
apiVersion: gateway.k8s.aws/v1beta1
kind: LoadBalancerConfiguration
metadata: {name: cfg, namespace: shop}
spec:
  scheme: internal${capacity}
`,
  );
  return file;
}

function reservation(): number | undefined {
  const lbs = Object.values(acct.emu.state.elbv2.loadBalancers);
  expect(lbs).toHaveLength(1);
  return lbs[0]!.capacityUnits;
}

interface PlanJson {
  resource_changes: { address: string; change: { actions: string[]; before: Record<string, unknown> | null; after: Record<string, unknown> | null } }[];
}

async function lbChange(file: string): Promise<{ actions: string[]; before: unknown; after: unknown }> {
  const r = await runCliInProcess(['plan', '-o', 'json', '-f', file, ...acct.flags]);
  expect(r.code).toBe(0);
  const lb = (JSON.parse(r.stdout) as PlanJson).resource_changes.find((rc) => rc.address.includes('.load_balancer['));
  expect(lb).toBeDefined();
  return { actions: lb!.change.actions, before: lb!.change.before?.['minimumLoadBalancerCapacity'], after: lb!.change.after?.['minimumLoadBalancerCapacity'] };
}

describe('ProvisionedCapacity: set, then reset through the addon annotation', () => {
  it('a configured capacity is created with the LB and then shows no changes', async () => {
    const file = manifests('set', { capacity: 100 });
    const r = await apply(acct, [file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(reservation()).toBe(100);
    expect((await plan(acct, [file])).code).toBe(0);
  });

  it('a changed capacity is an in-place update of the LB', async () => {
    const file = manifests('raise', { capacity: 200 });
    expect(await lbChange(file)).toEqual({ actions: ['update'], before: { capacityUnits: 100 }, after: { capacityUnits: 200 } });
    expect((await apply(acct, [file])).code).toBe(0);
    expect(reservation()).toBe(200);
  });

  it('capacity removed while the annotation says the addon is active: the plan shows the reset, apply resets it', async () => {
    const file = manifests('reset', { annotation: 'true' });
    expect(await lbChange(file)).toEqual({ actions: ['update'], before: { capacityUnits: 200 }, after: { capacityUnits: 0 } });
    const r = await apply(acct, [file]);
    expect(r.code).toBe(0);
    expect(reservation()).toBeUndefined();
    expect((await plan(acct, [file])).code).toBe(0);
  });

  it('without the annotation, a capacity removed from the configuration is left as it is (LBC reads no reservation)', async () => {
    expect((await apply(acct, [manifests('again', { capacity: 100 })])).code).toBe(0);
    expect(reservation()).toBe(100);
    const file = manifests('dropped', {});
    expect((await plan(acct, [file])).code).toBe(0);
    expect(reservation()).toBe(100);
  });
});

describe('ProvisionedCapacity with the LBCapacityReservation feature gate off', () => {
  it('leaves the reservation as it is: no change planned, none applied (load_balancer_synthesizer.go 87–106)', async () => {
    const config = join(dir, 'gwlb-settings.yaml');
    writeFileSync(config, 'featureGates: {LBCapacityReservation: false}\n');
    expect(reservation()).toBe(100);
    const file = manifests('gate-off', { capacity: 300 });
    const planned = await runCliInProcess(['plan', '--detailed-exitcode', '--config', config, '-f', file, ...acct.flags]);
    expect(planned.stderr).toBe('');
    expect(planned.stdout).toContain('No changes.');
    expect(planned.code).toBe(0);
    const applied = await runCliInProcess(['apply', '--auto-approve', '--config', config, '-f', file, ...acct.flags]);
    expect(applied.code).toBe(0);
    expect(reservation()).toBe(100);
    // With the gate on again, the same input is an update to 300 units.
    expect(await lbChange(file)).toEqual({ actions: ['update'], before: { capacityUnits: 100 }, after: { capacityUnits: 300 } });
  });
});
