/**
 * A cluster watch's memory without a cluster: the kind caches (kube-watch-cache.ts) fed with the
 * generated manifests as watch events, each object with a uid and a resourceVersion. For the
 * replan benchmark's cluster round and the cluster tests of the incremental engine.
 */
import { load } from 'js-yaml';
import type { KubeClient } from '../src/source/cluster/client.js';
import type { ServedKind } from '../src/source/cluster/discovery.js';
import { assemble } from '../src/source/cluster/read.js';
import type { LoadResult } from '../src/source/snapshot.js';
import { clusterUnits, type ClusterUnits } from '../src/watch/cluster-units.js';
import { KindCache, metaOf } from '../src/watch/kube-watch-cache.js';

type Item = Record<string, unknown>;

/** No object of these tests names a Secret: reading one would be a test bug. */
const NO_CLIENT = {
  get: () => {
    throw new Error('FakeCluster: no Secret reads');
  },
} as unknown as KubeClient;

export class FakeCluster {
  private readonly caches = new Map<string, KindCache>();
  private version = 0;

  /** Creates or replaces an object (ADDED / MODIFIED), as the API server would: a new resourceVersion. */
  put(item: Item): void {
    const apiVersion = item['apiVersion'] as string;
    const kind = item['kind'] as string;
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    let cache = this.caches.get(kind);
    if (!cache) {
      const served: ServedKind = { sourceKind: kind, group: group!, version: version!, plural: `${kind.toLowerCase()}s`, namespaced: kind !== 'GatewayClass' && kind !== 'Namespace' && kind !== 'Node' };
      cache = new KindCache(served);
      this.caches.set(kind, cache);
    }
    const metadata = { ...(item['metadata'] as Item) };
    metadata['uid'] ??= `uid-${kind}-${String(metadata['namespace'] ?? '')}-${String(metadata['name'])}`;
    metadata['resourceVersion'] = String(++this.version);
    cache.apply('MODIFIED', { ...item, metadata });
  }

  /** Deletes an object by kind, namespace and name. */
  remove(kind: string, namespace: string, name: string): void {
    const cache = this.caches.get(kind);
    const item = { metadata: { name, namespace } };
    if (cache && metaOf(item)) cache.apply('DELETED', item);
  }

  /** What `--from-cluster` watch rounds read now. */
  units(): Promise<ClusterUnits> {
    const caches = [...this.caches.values()];
    return clusterUnits({ client: NO_CLIENT, units: caches.flatMap((c) => c.units()), listenerRuleConfigs: [], warnings: [], notServed: [] });
  }

  /** What a whole cluster read gives for the same objects (kube-watch.ts `snapshot()`). */
  snapshot(): Promise<LoadResult> {
    return assemble(NO_CLIENT, [...this.caches.values()].flatMap((c) => c.raws()), [], []);
  }
}

/** Each YAML document as an object. */
export function itemsOf(docs: readonly string[]): Item[] {
  return docs.map((d) => load(d) as Item);
}
