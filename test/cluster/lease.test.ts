/**
 * The cluster lock (DESIGN.md "One writer at a time"): a coordination.k8s.io/v1 Lease in the
 * local Kubernetes API — created, renewed and released by its holder, waited for while another
 * holds it, taken over once it expired, raced for by two — and `apply --from-cluster` holding it.
 */
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockCluster, LockRefusedError } from '../../src/run/lock.js';
import { connectKube, type KubeClient } from '../../src/source/cluster/client.js';
import { ClusterError } from '../../src/source/cluster/errors.js';
import { acquireLease, LeaseBusyError, leaseName, microTime, type LeaseSpec } from '../../src/source/cluster/lease.js';
import { runCliInProcess, sandboxAccount, type Account } from '../e2e/harness.js';
import { createFrom, startCluster, type Cluster } from './helpers.js';

const env = { home: '/nonexistent', serviceAccountDir: '/nonexistent' };
const LEASES = '/apis/coordination.k8s.io/v1/namespaces/kube-system/leases';

let c: Cluster;
let client: KubeClient;
beforeAll(async () => {
  c = await startCluster();
  client = await connectKube({ kubeconfig: c.kubeconfig }, env);
});
afterAll(() => c.kube.close());

async function leaseOf(cluster: string): Promise<{ spec: LeaseSpec; metadata: { resourceVersion: string } }> {
  const got = await client.get(`${LEASES}/${leaseName(cluster)}`);
  expect(got.status).toBe(200);
  return got.body as { spec: LeaseSpec; metadata: { resourceVersion: string } };
}

/** A Lease another gwlb holds, renewed `agoMs` ago. */
function heldByOther(cluster: string, agoMs: number, durationSeconds = 15): void {
  c.kube.create({
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: leaseName(cluster), namespace: 'kube-system' },
    spec: { holderIdentity: 'ci-runner-7_4242', leaseDurationSeconds: durationSeconds, acquireTime: microTime(Date.now() - agoMs), renewTime: microTime(Date.now() - agoMs), leaseTransitions: 3 },
  });
}

describe('the cluster Lease', () => {
  it('is created for the holder, renewed while held and cleared on release', async () => {
    const held = await acquireLease({ client, clusterName: 'Prod_Cluster', timeoutMs: 0, renewEveryMs: 50 });
    expect(held.where).toBe('kube-system/gwlb-prod-cluster');
    expect(held.identity).toBe(`${hostname()}_${process.pid}`);
    const first = await leaseOf('Prod_Cluster');
    expect(first.spec).toMatchObject({ holderIdentity: held.identity, leaseDurationSeconds: 30, leaseTransitions: 0 });
    expect(first.spec.renewTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    await new Promise((r) => setTimeout(r, 200));
    const renewed = await leaseOf('Prod_Cluster');
    expect(Number(renewed.metadata.resourceVersion)).toBeGreaterThan(Number(first.metadata.resourceVersion));
    expect(Date.parse(renewed.spec.renewTime!)).toBeGreaterThan(Date.parse(first.spec.renewTime!));
    await held.release();
    const released = await leaseOf('Prod_Cluster');
    expect(released.spec.holderIdentity).toBeUndefined();
    expect(released.spec.leaseDurationSeconds).toBe(1);
    // Free again: the next holder takes it at once.
    const next = await acquireLease({ client, clusterName: 'Prod_Cluster', timeoutMs: 0, identity: 'other_1' });
    expect((await leaseOf('Prod_Cluster')).spec.holderIdentity).toBe('other_1');
    await next.release();
  });

  it('refuses a live holder at once, or waits for its release up to the timeout', async () => {
    const first = await acquireLease({ client, clusterName: 'busy', timeoutMs: 0, identity: 'first_1' });
    const refused = await acquireLease({ client, clusterName: 'busy', timeoutMs: 0, identity: 'second_2' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LeaseBusyError);
    expect((refused as LeaseBusyError).holder.holderIdentity).toBe('first_1');
    const waits: LeaseSpec[] = [];
    setTimeout(() => void first.release(), 300);
    const second = await acquireLease({ client, clusterName: 'busy', timeoutMs: 5000, identity: 'second_2', onWait: (h) => waits.push(h) });
    expect(waits.map((h) => h.holderIdentity)).toEqual(['first_1']);
    expect((await leaseOf('busy')).spec).toMatchObject({ holderIdentity: 'second_2', leaseTransitions: 0 });
    await second.release();
  });

  it('takes over an expired Lease of another holder, counting the transition', async () => {
    heldByOther('expired', 60_000);
    const held = await acquireLease({ client, clusterName: 'expired', timeoutMs: 0, identity: 'me_1' });
    expect((await leaseOf('expired')).spec).toMatchObject({ holderIdentity: 'me_1', leaseTransitions: 4, leaseDurationSeconds: 30 });
    await held.release();
  });

  it('lets exactly one of two racing takers have it', async () => {
    const results = await Promise.allSettled(['a_1', 'b_2', 'c_3'].map((identity) => acquireLease({ client, clusterName: 'race', timeoutMs: 0, identity })));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof LeaseBusyError)).toBe(true);
    await (won[0] as PromiseFulfilledResult<{ release(): Promise<void> }>).value.release();
  });

  it('names the RBAC rule when leases are forbidden', async () => {
    c.kube.faults.forbid({ group: 'coordination.k8s.io', resource: 'leases', verb: 'get' });
    try {
      const err = await acquireLease({ client, clusterName: 'rbac', timeoutMs: 0 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ClusterError);
      expect((err as Error).message).toContain('add the rule {apiGroups: ["coordination.k8s.io"], resources: ["leases"], verbs: ["get"]}');
      expect((err as Error).message).toContain('in namespace kube-system (gwlb locks the cluster with the Lease kube-system/gwlb-rbac)');
    } finally {
      c.kube.faults.allowAll();
    }
  });

  it('lockCluster refuses a live holder in one line naming it and saying what to do', async () => {
    heldByOther('held-live', 1000, 60);
    const err = await lockCluster({ cluster: { kubeconfig: c.kubeconfig }, clusterName: 'held-live', say: () => {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LockRefusedError);
    expect((err as Error).message).toMatch(/^Error acquiring the cluster lock: the Lease kube-system\/gwlb-held-live is held by ci-runner-7_4242 \(renewed at \S+, valid for 5\ds more\); wait for that run to finish, or pass --lock-timeout 5m to wait$/);
    const said: string[] = [];
    const waited = await lockCluster({ cluster: { kubeconfig: c.kubeconfig }, clusterName: 'held-live', timeout: '300ms', say: (t) => said.push(t) }).catch((e: unknown) => e);
    expect((waited as Error).message).toContain('it was still held after 300ms; wait for that run to finish, or pass a longer --lock-timeout');
    expect(said).toEqual([expect.stringMatching(/^Acquiring the cluster lock: the Lease kube-system\/gwlb-held-live is held by ci-runner-7_4242 .*; waiting up to 300ms\.\.\.\n$/)]);
    // --lock-timeout bounds both locks together: a wait for the machine lock that used it all up
    // leaves the Lease no time (refused at once, no waiting notice).
    const late: string[] = [];
    const spent = await lockCluster({ cluster: { kubeconfig: c.kubeconfig }, clusterName: 'held-live', timeout: '1s', waitingSince: Date.now() - 5000, say: (t) => late.push(t) }).catch((e: unknown) => e);
    expect((spent as Error).message).toContain('it was still held after 1s');
    expect(late).toEqual([]);
  });
});

describe('apply --from-cluster holds the Lease', () => {
  let acct: Account;
  beforeAll(async () => {
    acct = await sandboxAccount();
    await createFrom(c.kube, 'examples/alb-http-https');
  });
  afterAll(() => acct?.close());
  const clusterName = () => acct.flags[acct.flags.indexOf('--cluster-name') + 1]!;

  it('takes, renews and releases it around the apply, and refuses while another holds it', async () => {
    c.kube.faults.clearRequests();
    const applied = await runCliInProcess(['apply', '--auto-approve', '--from-cluster', '--kubeconfig', c.kubeconfig, ...acct.flags]);
    expect(applied.stderr).not.toMatch(/gwlb apply:/);
    expect(applied.code).toBe(0);
    const lease = `${LEASES}/${leaseName(clusterName())}`;
    const writes = c.kube.faults.requests.filter((r) => r.path.startsWith(LEASES) && r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
    expect(writes[0]).toBe(`POST ${LEASES}`);
    expect(writes.at(-1)).toBe(`PUT ${lease}`);
    expect((await leaseOf(clusterName())).spec.holderIdentity).toBeUndefined();

    const other = await acquireLease({ client, clusterName: clusterName(), timeoutMs: 0, identity: 'laptop_99' });
    try {
      const refused = await runCliInProcess(['apply', '--auto-approve', '--from-cluster', '--kubeconfig', c.kubeconfig, ...acct.flags]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/^gwlb apply: Error acquiring the cluster lock: the Lease kube-system\/gwlb-\S+ is held by laptop_99 \(renewed at \S+, valid for \d+s more\); wait for that run to finish, or pass --lock-timeout 5m to wait\n$/);
    } finally {
      await other.release();
    }
  });
});
