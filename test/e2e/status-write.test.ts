/**
 * Issue 11 item 5, on the local Kubernetes API and the AWS emulator, both in this process:
 * `kubectl apply` an example, `gwlb apply --from-cluster --auto-approve` (in-process) programs it
 * and writes status; `kubectl wait --for=condition=Programmed` succeeds, `status.addresses` holds
 * the load balancer's DNS name, and a second apply sends no status patch. The load balancer
 * provisions for a few describes, so apply's re-check is what flips Programmed. Then the writer's
 * 409 path: a status written by someone else between read and write is re-read, kept, and merged.
 */
import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONTROLLER_NAMES, type ObjectStatus } from '../../src/resolve/types.js';
import { connectKube } from '../../src/source/cluster/client.js';
import { readLiveObjects, writeStatuses } from '../../src/source/cluster/status-write.js';
import { type Cluster, createFrom, kubectl, KUBECTL, startCluster } from '../cluster/helpers.js';
import { runCliInProcess, sandboxAccount, type Account } from './harness.js';

const GATEWAY_PATH = '/apis/gateway.networking.k8s.io/v1/namespaces/example-ns/gateways/my-alb-gateway';


const statusPatches = (c: Cluster) => c.kube.faults.requests.filter((r) => r.method === 'PATCH' && r.path.split('?')[0]!.endsWith('/status'));

describe('status write-back after apply --from-cluster', () => {
  let c: Cluster;
  let acct: Account;
  beforeAll(async () => {
    c = await startCluster();
    acct = await sandboxAccount();
    if (KUBECTL) {
      const applied = await kubectl(c.kubeconfig, ['apply', '-f', 'examples/alb-http-https']);
      expect(applied.code, applied.out).toBe(0);
    } else await createFrom(c.kube, 'examples/alb-http-https');
  });
  afterAll(async () => {
    await acct?.close();
    await c?.kube.close();
  });
  const from = () => ['--from-cluster', '--kubeconfig', c.kubeconfig, ...acct.flags];

  it('apply writes Programmed once the load balancer is active, and the DNS name in status.addresses', async () => {
    // Still provisioning on apply's own describes: the status re-check is what sees it active.
    acct.emu.controls.setLifecycle({ describesUntilActive: 4 });
    const applied = await runCliInProcess(['apply', '--auto-approve', ...from()]);
    expect(applied.stderr).not.toMatch(/gwlb apply:/);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Waiting for the load balancer of example-ns/my-alb-gateway to become active');
    expect(applied.stdout).toContain('Status written to 3 objects: Gateway example-ns/my-alb-gateway, HTTPRoute example-ns/http-route-blue, HTTPRoute example-ns/http-route-orange.');
    const [lb] = (await acct.elbv2.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? [];
    const res = await fetch(`${c.kube.endpoint}${GATEWAY_PATH}`);
    const gw = (await res.json()) as { status: { addresses: unknown; conditions: { type: string; status: string; message: string; observedGeneration: number }[] } };
    expect(gw.status.addresses).toEqual([{ type: 'Hostname', value: lb!.DNSName!.toLowerCase() }]);
    expect(gw.status.conditions.find((x) => x.type === 'Programmed')).toMatchObject({ status: 'True', message: lb!.LoadBalancerArn, observedGeneration: 1 });
    const route = (await (await fetch(`${c.kube.endpoint}/apis/gateway.networking.k8s.io/v1/namespaces/example-ns/httproutes/http-route-blue`)).json()) as { status: { parents: { controllerName: string }[] } };
    expect(route.status.parents.map((p) => p.controllerName)).toEqual([DEFAULT_CONTROLLER_NAMES.alb]);
  });

  it.skipIf(!KUBECTL)(`kubectl wait and kubectl get see it${KUBECTL ? '' : ' (skipped: kubectl is not on PATH)'}`, async () => {
    const waited = await kubectl(c.kubeconfig, ['wait', '-n', 'example-ns', '--for=condition=Programmed', 'gateway/my-alb-gateway', '--timeout=20s']);
    expect(waited.out).toContain('condition met');
    expect(waited.code).toBe(0);
    const [lb] = (await acct.elbv2.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? [];
    const yaml = await kubectl(c.kubeconfig, ['get', '-n', 'example-ns', 'gateway', 'my-alb-gateway', '-o', 'yaml']);
    expect(yaml.out).toContain(`value: ${lb!.DNSName!.toLowerCase()}`);
  });

  it('a second apply writes nothing: no status patch in the request log', async () => {
    c.kube.faults.clearRequests();
    const again = await runCliInProcess(['apply', '--auto-approve', ...from()]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nothing written');
    expect(statusPatches(c)).toEqual([]);
  });

  it('--no-write-status writes nothing and reads nothing for it', async () => {
    await fetch(`${c.kube.endpoint}${GATEWAY_PATH}/status`, { method: 'PATCH', headers: { 'content-type': 'application/merge-patch+json' }, body: JSON.stringify({ status: { addresses: null } }) });
    c.kube.faults.clearRequests();
    const applied = await runCliInProcess(['apply', '--auto-approve', '--no-write-status', ...from()]);
    expect(applied.code).toBe(0);
    expect(applied.stdout).not.toContain('Status');
    expect(statusPatches(c)).toEqual([]);
  });

  it('409: a status written by someone else since the read is re-read, kept, and ours merged in', async () => {
    const client = await connectKube({ kubeconfig: c.kubeconfig });
    const status: ObjectStatus = {
      object: { kind: 'Gateway', namespace: 'example-ns', name: 'my-alb-gateway' },
      apiVersion: 'gateway.networking.k8s.io/v1',
      status: { kind: 'Gateway', conditions: [{ type: 'Accepted', status: 'True', reason: 'Accepted', message: '', observedGeneration: 1 }], addresses: [{ type: 'Hostname', value: 'lb.example.com' }] },
    };
    const stale = await readLiveObjects(client, [status]);
    const other = { type: 'example.com/Audited', status: 'True', reason: 'Seen', message: '', lastTransitionTime: '2026-01-01T00:00:00Z' };
    const res = await fetch(`${c.kube.endpoint}${GATEWAY_PATH}/status`, { method: 'PATCH', headers: { 'content-type': 'application/json-patch+json' }, body: JSON.stringify([{ op: 'add', path: '/status/conditions/-', value: other }]) });
    expect(res.status).toBe(200);
    c.kube.faults.clearRequests();
    const result = await writeStatuses(client, { statuses: [status], live: stale, controllerNames: DEFAULT_CONTROLLER_NAMES, now: '2026-02-01T00:00:00Z' });
    expect(result).toMatchObject({ conflicts: 1, failed: [] });
    expect(result.written).toHaveLength(1);
    expect(c.kube.faults.requests.map((r) => `${r.method} ${r.path.split('?')[0]}`)).toEqual([`PATCH ${GATEWAY_PATH}/status`, `GET ${GATEWAY_PATH}`, `PATCH ${GATEWAY_PATH}/status`]);
    const gw = (await (await fetch(`${c.kube.endpoint}${GATEWAY_PATH}`)).json()) as { status: { addresses: unknown; conditions: { type: string }[] } };
    expect(gw.status.conditions.map((x) => x.type)).toContain('example.com/Audited');
    expect(gw.status.addresses).toEqual([{ type: 'Hostname', value: 'lb.example.com' }]);
  });

  it('RBAC forbids the status write: apply names the RBAC rule to add and --no-write-status, and exits 1', async () => {
    c.kube.faults.forbid({ group: 'gateway.networking.k8s.io', resource: 'gateways/status', verb: 'patch' });
    try {
      const applied = await runCliInProcess(['apply', '--auto-approve', ...from()]);
      expect(applied.code).toBe(1);
      expect(applied.stderr).toContain('could not write the status of Gateway example-ns/my-alb-gateway: RBAC forbids patch');
      expect(applied.stderr).toContain('{apiGroups: ["gateway.networking.k8s.io"], resources: ["gateways/status"], verbs: ["patch"]}');
      expect(applied.stderr).toContain('--no-write-status');
    } finally {
      c.kube.faults.allowAll();
    }
  });

  it('a Gateway marked for deletion, held by LBC’s finalizer, with --take-over: its stack is deleted, no status is written, the finalizer stays (gwlb adds and removes none) and apply says how to remove it', async () => {
    const hold = await fetch(`${c.kube.endpoint}${GATEWAY_PATH}`, { method: 'PATCH', headers: { 'content-type': 'application/merge-patch+json' }, body: JSON.stringify({ metadata: { finalizers: ['gateway.k8s.aws/alb'] } }) });
    expect(hold.status).toBe(200);
    expect((await fetch(`${c.kube.endpoint}${GATEWAY_PATH}`, { method: 'DELETE' })).status).toBe(202);
    c.kube.faults.clearRequests();
    const applied = await runCliInProcess(['apply', '--auto-approve', '--take-over', ...from()]);
    expect(applied.stderr).not.toMatch(/gwlb apply:/);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/Resources: 0 added, 0 changed, \d+ destroyed/);
    expect(applied.stdout).toContain("LBC's finalizer gateway.k8s.aws/alb still holds it; gwlb adds and removes no finalizer. If LBC no longer runs: kubectl patch gateway my-alb-gateway -n example-ns");
    expect((await acct.elbv2.send(new DescribeLoadBalancersCommand({}))).LoadBalancers).toEqual([]);
    expect(statusPatches(c)).toEqual([]);
    const gw = (await (await fetch(`${c.kube.endpoint}${GATEWAY_PATH}`)).json()) as { metadata: { finalizers: string[]; deletionTimestamp?: string } };
    expect(gw.metadata).toMatchObject({ finalizers: ['gateway.k8s.aws/alb'], deletionTimestamp: expect.any(String) });
  });
});

describe('status after an apply that failed', () => {
  let c: Cluster;
  let acct: Account;
  beforeAll(async () => {
    c = await startCluster();
    acct = await sandboxAccount();
    await createFrom(c.kube, 'examples/alb-http-https');
  });
  afterAll(async () => {
    await acct?.close();
    await c?.kube.close();
  });

  it("a deploy error gets LBC's Accepted=False/Invalid with its static message, and no addresses", async () => {
    acct.emu.controls.addFailure({ action: 'elbv2:CreateRule', times: 100, error: { kind: 'error', code: 'ValidationError', message: 'injected', status: 400 } });
    const applied = await runCliInProcess(['apply', '--auto-approve', '--from-cluster', '--kubeconfig', c.kubeconfig, ...acct.flags]);
    expect(applied.code).toBe(1);
    // Route statuses come from the loader, before the deploy (as LBC's): they are written too.
    expect(applied.stdout).toContain('Status written to 3 objects: Gateway example-ns/my-alb-gateway, HTTPRoute');
    const gw = (await (await fetch(`${c.kube.endpoint}${GATEWAY_PATH}`)).json()) as { status: { conditions: { type: string; status: string; reason: string; message: string }[]; addresses?: unknown } };
    // Programmed is the CRD's default on a real API server (this one does not default status).
    expect(gw.status.conditions.map((x) => [x.type, x.status, x.reason, x.message])).toEqual([
      ['Accepted', 'False', 'Invalid', 'Check Gateway Events for more information.'],
      ['Programmed', 'Unknown', 'Pending', 'Waiting for controller'],
    ]);
    expect(gw.status.addresses).toBeUndefined();
  });
});
