/**
 * The incremental engine over a real cluster watch (issue 11, `--from-cluster` rounds): against the
 * local Kubernetes API, a round over the watch's units reads exactly what a whole snapshot reads —
 * the Secret an OIDC ListenerRuleConfiguration names included, which is read with a GET, not
 * watched — and builds the stacks a cold run builds; a replaced Secret is read again.
 */
import { describe, expect, it } from 'vitest';
import { connectKube } from '../../src/source/cluster/client.js';
import type { LoadResult } from '../../src/source/snapshot.js';
import { desiredState } from '../../src/run/pipeline.js';
import { loadSettings } from '../../src/run/settings.js';
import { IncrementalDesired } from '../../src/watch/incremental.js';
import { startClusterWatch, type ClusterWatch } from '../../src/watch/kube-watch.js';
import { createFrom, startCluster, type Cluster } from '../cluster/helpers.js';
import { stoppedAfterEach } from './running.js';

const env = { home: '/nonexistent', serviceAccountDir: '/nonexistent' };
const settings = loadSettings({ clusterName: 'units-test' });
const SECRET = '/api/v1/namespaces/auth/secrets/oidc-client';

const running = stoppedAfterEach();

/** The snapshot as data (origins hold functions), for comparing two reads. */
const plain = (l: LoadResult): unknown => JSON.parse(JSON.stringify(l));

async function cold(loaded: LoadResult) {
  const state = await desiredState({ files: [], settings, loaded, offline: true });
  return [...state.stacks].sort((a, b) => (a.id < b.id ? -1 : 1));
}

describe('the cluster watch as units of the incremental engine', () => {
  it('a round reads what a whole snapshot reads, Secret included, builds what a cold run builds, and reads a replaced Secret again', async () => {
    const c = await startCluster();
    const entry: { c: Cluster; cw?: ClusterWatch } = { c };
    running.push(entry);
    await createFrom(c.kube, 'examples/alb-http-https');
    await createFrom(c.kube, 'test/fixtures/oidc-secret/gateway.yaml');
    await createFrom(c.kube, 'test/fixtures/oidc-secret/secret-v1.yaml');
    const cw = await startClusterWatch({ client: await connectKube({ kubeconfig: c.kubeconfig }, env) });
    entry.cw = cw;
    await cw.synced();

    const inc = new IncrementalDesired(settings);
    const first = await cw.units();
    const round = inc.roundOf(first.units, first.diagnostics);
    const whole = await cw.snapshot();
    expect(whole.snapshot.secrets.map((s) => s.metadata.name)).toEqual(['oidc-client']);
    expect(plain(round.loaded)).toEqual(plain(whole));
    expect(round.stacks).toEqual(await cold(whole));

    const unchanged = await cw.units();
    expect([...(inc.roundOf(unchanged.units, unchanged.diagnostics).rebuilt as Set<string>)]).toEqual([]);

    expect((await fetch(`${c.kube.endpoint}${SECRET}`, { method: 'DELETE' })).status).toBe(200);
    await createFrom(c.kube, 'test/fixtures/oidc-secret/secret-v2.yaml');
    const replaced = await cw.units();
    const again = inc.roundOf(replaced.units, replaced.diagnostics);
    const wholeAgain = await cw.snapshot();
    expect(again.rebuilt).toBe('all'); // a Secret may be named from any Gateway's rules
    expect(plain(again.loaded)).toEqual(plain(wholeAgain));
    expect(plain(again.loaded)).not.toEqual(plain(whole));
    expect(again.stacks).toEqual(await cold(wholeAgain));
  });
});
