/**
 * The local API servers and cluster watches a test starts, stopped after each test: push them
 * to the list this returns (it registers the afterEach).
 */
import { afterEach } from 'vitest';
import type { ClusterWatch } from '../../src/watch/kube-watch.js';
import type { Cluster } from '../cluster/helpers.js';

export interface Running {
  readonly c: Cluster;
  cw?: ClusterWatch;
}

export function stoppedAfterEach(): Running[] {
  const running: Running[] = [];
  afterEach(async () => {
    for (const r of running.splice(0)) {
      await r.cw?.stop();
      await r.c.kube.close();
    }
  });
  return running;
}
