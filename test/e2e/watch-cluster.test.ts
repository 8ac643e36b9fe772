/**
 * `gwlb watch --from-cluster --apply -o json` end to end (issue 11): the built CLI as a child
 * process against the local Kubernetes API and the AWS emulator, both in this process. An example
 * created in the cluster is programmed by a round that writes its status (Programmed flips within
 * the round: the load balancer provisions for a few describes); `kubectl wait` and `kubectl get`
 * see it; a second change makes one more round. Then the faults: 410 Gone for every watch (the
 * kinds list again and the list brings the change), the API down for 3 s (no round plans while
 * the watch is blind — no delete in any plan — then a round runs and converges; the 20 s
 * is test/watch/outage*.test.ts, on a virtual clock), and every watch cut after 1 s (the watch
 * reconnects and still sees a change). Last, a signal before the first sync ends (a wedged API).
 */
import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, createFrom, kubectl, KUBECTL, startCluster } from '../cluster/helpers.js';
import { runCliInProcess, sandboxAccount, type Account } from './harness.js';
import { changeConverges as converges, spawnWatch as spawn, type EventOf, type WatchProcess as Watch } from './watch-process.js';

const NS = '/apis/gateway.networking.k8s.io/v1/namespaces/example-ns';
const LRC = '/apis/gateway.k8s.aws/v1beta1/namespaces/example-ns/listenerruleconfigurations/blue-lrc-config';

/** The watch as a child; a wait for an event gives up after 15 s unless told otherwise. */
const spawnWatch = (args: readonly string[]) => spawn(args, { timeoutMs: 15_000 });

/** The next round a cluster change started from `from` on, converged. */
const changeConverges = (w: Watch, from: number) => converges(w, from, 'cluster');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function patchMessage(c: Cluster, body: string): Promise<void> {
  const res = await fetch(`${c.kube.endpoint}${LRC}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/merge-patch+json' },
    body: JSON.stringify({ spec: { actions: [{ type: 'fixed-response', fixedResponseConfig: { statusCode: 404, contentType: 'text/plain', messageBody: body } }] } }),
  });
  expect(res.status).toBe(200);
}

describe('gwlb watch --from-cluster --apply', () => {
  let c: Cluster;
  let acct: Account;
  let w: Watch;
  let at = 0;
  const watchArgs = () => ['--from-cluster', '--kubeconfig', c.kubeconfig, ...acct.flags, '--apply', '--resync', '2s', '-o', 'json'];
  beforeAll(async () => {
    c = await startCluster();
    acct = await sandboxAccount();
    // Still provisioning on the apply's own describes: the round's status re-check flips Programmed.
    acct.emu.controls.setLifecycle({ describesUntilActive: 3 });
    w = spawnWatch(watchArgs());
    // The first round runs once every kind is listed: an empty cluster, nothing to do. The resync
    // (AWS re-read) every 2 s is what starts rounds while the cluster watch is blind below.
    const first = await w.next('plan', 0, (e) => e.round === 1, 30_000);
    expect(first.event.has_changes).toBe(false);
    at = first.index + 1;
  });
  afterAll(async () => {
    if (w && w.child.exitCode === null) {
      w.child.kill('SIGTERM');
      expect((await w.exited).code).toBe(0);
    }
    await acct?.close();
    await c?.kube.close();
  });

  it('a created example is programmed by a round that writes its status, Programmed once the load balancer is active', async () => {
    await createFrom(c.kube, 'examples/alb-http-https');
    const programmed = await w.next('status_written', at, (e) => e.object === 'Gateway example-ns/my-alb-gateway' && e.conditions?.['Programmed'] === 'True');
    const routes = w.events.filter((e) => e.type === 'status_written' && e.object.startsWith('HTTPRoute ')).map((e) => (e.type === 'status_written' ? e.object : ''));
    expect(new Set(routes)).toEqual(new Set(['HTTPRoute example-ns/http-route-blue', 'HTTPRoute example-ns/http-route-orange']));
    const done = w.events.slice(at, programmed.index).find((e) => e.type === 'apply_done');
    expect(done).toMatchObject({ failed: 0, matches: true });
    const [lb] = (await acct.elbv2.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? [];
    const gw = (await (await fetch(`${c.kube.endpoint}${NS}/gateways/my-alb-gateway`)).json()) as { status: { addresses: unknown; conditions: { type: string; status: string; message: string }[] } };
    expect(gw.status.addresses).toEqual([{ type: 'Hostname', value: lb!.DNSName!.toLowerCase() }]);
    expect(gw.status.conditions.find((x) => x.type === 'Programmed')).toMatchObject({ status: 'True', message: lb!.LoadBalancerArn });
    at = programmed.index + 1;
  });

  it.skipIf(!KUBECTL)(`kubectl wait and kubectl get see it${KUBECTL ? '' : ' (skipped: kubectl is not on PATH)'}`, async () => {
    const waited = await kubectl(c.kubeconfig, ['wait', '-n', 'example-ns', '--for=condition=Programmed', 'gateway/my-alb-gateway', '--timeout=30s']);
    expect(waited.out).toContain('condition met');
    expect(waited.code).toBe(0);
    const [lb] = (await acct.elbv2.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? [];
    const yaml = await kubectl(c.kubeconfig, ['get', '-n', 'example-ns', 'gateway', 'my-alb-gateway', '-o', 'yaml']);
    expect(yaml.out).toContain(`value: ${lb!.DNSName!.toLowerCase()}`);
  });

  it('a second change makes one more round, which converges', async () => {
    // Settle: the rounds the creation started (one per debounced batch) are over.
    const before = await settled(w);
    await patchMessage(c, 'second text');
    const { round, next } = await changeConverges(w, before);
    const changeRounds = w.events.slice(before).filter((e) => e.type === 'round_started' && e.trigger.kind !== 'resync');
    expect(changeRounds.map((e) => (e.type === 'round_started' ? e.round : 0))).toEqual([round]);
    at = next;
  });

  it('410 Gone for every watch: each kind lists again, the list brings a change made meanwhile, and a round converges', async () => {
    const from = await settled(w);
    const lrcLists = () => c.kube.faults.requests.filter((r) => r.method === 'GET' && /^\/apis\/gateway\.k8s\.aws\/v1(beta1)?\/listenerruleconfigurations\?limit=/.test(r.path)).length;
    const listed = lrcLists();
    // Every watch from now on is answered 410 (as an HTTP status); the open ones are cut, so each
    // kind re-watches from its version, is refused, and can only catch up by listing again.
    c.kube.faults.expireWatches({ as: 'status' });
    c.kube.faults.dropWatches();
    try {
      await patchMessage(c, 'text after 410');
      // A kind is blind from the cut until its list: a round started before every kind listed
      // again is refused and retried; the first round that plans has the change, and converges.
      const plan = await w.next('plan', from);
      expect(plan.event).toMatchObject({ add: 0, change: 1, destroy: 0 });
      const done = await w.next('apply_done', plan.index, (e) => e.round === plan.event.round);
      expect(done.event).toMatchObject({ failed: 0, interrupted: false, matches: true });
      expect(lrcLists()).toBeGreaterThan(listed);
      const refused = w.events.slice(from, plan.index).filter((e) => e.type === 'error');
      expect(refused.every((e) => e.type === 'error' && e.message.startsWith('the cluster watch cannot read'))).toBe(true);
    } finally {
      c.kube.faults.stopExpiringWatches();
    }
  });

  it('the API down for 3 s: no round plans while the watch is blind, then a round runs and converges', async () => {
    const from = await settled(w);
    c.kube.faults.down({ forMs: 3000 });
    const blind = await w.next('error', from, (e) => e.phase === 'read' && e.message.includes('the cluster watch cannot read'), 15_000);
    expect(blind.event.retry_in_ms).toBeGreaterThan(0);
    // Recovered: a round plans again, with nothing to change.
    const plan = await w.next('plan', blind.index, () => true, 20_000);
    expect(plan.event).toMatchObject({ has_changes: false, destroy: 0 });
    // No plan of the whole run deleted anything.
    const plans = w.events.filter((e): e is EventOf<'plan'> => e.type === 'plan');
    expect(plans.flatMap((p) => p.changes.filter((ch) => ch.action.includes('delete')))).toEqual([]);
    expect(plans.every((p) => p.destroy === 0)).toBe(true);
  });

  it('every watch cut after 1 s: the watch reconnects, sees a change made meanwhile, and converges once the cuts stop', async () => {
    // A new watch, so its reconnects start at client-go's first delay (the outage above grew the
    // old one's, and a backoff resets only after 2 minutes without failure). SIGTERM stops the old
    // one: exit 0, no apply in flight.
    w.child.kill('SIGTERM');
    expect((await w.exited).code).toBe(0);
    w = spawnWatch(watchArgs());
    const first = await w.next('plan', 0, (e) => e.round === 1, 30_000);
    expect(first.event.has_changes).toBe(false);
    const from = first.index + 1;
    const watchesBefore = c.kube.faults.watchCount();
    c.kube.faults.dropWatchesAfter(1000);
    c.kube.faults.dropWatches(); // the watches open now were opened before the fault
    try {
      await sleep(2000);
      // The kinds' watches were cut and opened again.
      expect(c.kube.faults.watchCount() - watchesBefore).toBeGreaterThan(5);
      await patchMessage(c, 'third text');
      await sleep(300);
    } finally {
      c.kube.faults.dropWatchesAfter(undefined);
    }
    // A kind is blind from a cut to its re-watch, so rounds wait for every kind to be current.
    const done = await w.next('apply_done', from, (e) => e.matches === true, 20_000);
    const plan = w.events.slice(from, done.index).findLast((e) => e.type === 'plan');
    expect(plan).toMatchObject({ change: 1, destroy: 0 });
    at = done.index + 1;
  });

  it('usage: --kubeconfig without --from-cluster is refused before anything is read', async () => {
    const stray = await runCliInProcess(['watch', '--kubeconfig', c.kubeconfig, '-f', 'examples/alb-http-https', '--offline']);
    expect(stray.code).toBe(1);
    expect(stray.stderr).toBe('gwlb watch: --kubeconfig and --context only go with --from-cluster\n');
  });
});

/**
 * Waits until no round but a resync has started for 1 s (the debounce's quiet window is 0.5 s)
 * and the last round ended; returns the next index.
 */
async function settled(w: Watch): Promise<number> {
  const changeRounds = () => w.events.filter((e) => e.type === 'round_started' && e.trigger.kind !== 'resync').length;
  for (;;) {
    const n = changeRounds();
    await sleep(1000);
    const lastStart = w.events.findLastIndex((e) => e.type === 'round_started');
    const ended = w.events.slice(lastStart).some((e) => e.type === 'plan' || e.type === 'error');
    if (changeRounds() === n && ended) return w.events.length;
  }
}

describe('gwlb watch --from-cluster: a signal before the first sync', () => {
  const clusters: Cluster[] = [];
  afterAll(async () => {
    for (const c of clusters) await c.kube.close();
  });

  /**
   * Starts a watch on `c` and waits for its first line (written just before the signal handlers
   * are installed) and its first list; then sends `signal`. The exit, how long it took, the output.
   */
  async function signalDuringSync(c: Cluster, extra: readonly string[], signal: NodeJS.Signals) {
    const w = spawnWatch(['--from-cluster', '--kubeconfig', c.kubeconfig, '--offline', '-o', 'json', ...extra]);
    const listing = () => c.kube.faults.requests.some((r) => r.method === 'GET' && r.path.includes('?limit='));
    for (let waited = 0; w.header() === undefined || !listing(); waited += 20) {
      if (waited > 30_000) throw new Error(`the watch never started listing; stderr:\n${w.stderr()}`);
      await sleep(20);
    }
    const sent = Date.now();
    w.child.kill(signal);
    const exit = await w.exited;
    return { exit, ms: Date.now() - sent, events: w.events, header: w.header(), stderr: w.stderr() };
  }

  it('every list hangs (SIGTERM), or Gateways cannot be listed (--once, SIGINT): each stops within 7 s with `stopped` and no round', async () => {
    const [wedged, forbidden] = await Promise.all([startCluster(), startCluster()]);
    clusters.push(wedged, forbidden);
    // Discovery answers; lists never do (the client gives up after 5 s and backs off), or are refused.
    wedged.kube.faults.stall(['list', 'watch']);
    forbidden.kube.faults.forbid({ group: 'gateway.networking.k8s.io', resource: 'gateways', verb: 'list' });
    const [term, once] = await Promise.all([signalDuringSync(wedged, [], 'SIGTERM'), signalDuringSync(forbidden, ['--once'], 'SIGINT')]);
    if (process.env['WATCH_DEBUG']) console.log(JSON.stringify([term, once], null, 1));
    for (const [r, reason] of [[term, 'SIGTERM'], [once, 'SIGINT']] as const) {
      expect(r.ms).toBeLessThan(7000);
      expect(r.header).toEqual({ format_version: '1.1' });
      expect(r.events).toEqual([{ type: 'stopped', time: expect.any(String), rounds: 0, reason, apply_cut_short: false }]);
      expect(r.stderr).toBe('');
    }
    expect(term.exit).toEqual({ code: 0, signal: null });
    // --once promised a round and ran none: the signal's exit code, so a pipeline does not go on.
    expect(once.exit).toEqual({ code: 130, signal: null });
  });
});
