/**
 * The cluster watch's memory: the current objects of each kind, keyed by `ns/name`, as a list
 * and the watch events after it left them. A relist replaces a kind's objects and reports what
 * the missed events would have said; a snapshot hands the objects to the same decode path a
 * one-shot read uses, in the same order (namespace/name, as the API server lists them).
 */
import type { ServedKind } from '../source/cluster/discovery.js';
import { rawObject } from '../source/cluster/read.js';
import type { RawObject } from '../source/schema/index.js';
import { objectUnit } from './cluster-units.js';
import type { InputUnit } from './input-units.js';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One object that changed in the cluster: what the watch loop is told. */
export interface ClusterChange {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly type: ChangeType;
}

type Item = Record<string, unknown>;

interface Meta {
  readonly name: string;
  readonly namespace: string;
  readonly uid: string | undefined;
  readonly resourceVersion: string | undefined;
}

export function metaOf(item: Item): Meta | undefined {
  const m = item['metadata'] as { name?: unknown; namespace?: unknown; uid?: unknown; resourceVersion?: unknown } | undefined;
  if (typeof m?.name !== 'string') return undefined;
  return {
    name: m.name,
    namespace: typeof m.namespace === 'string' ? m.namespace : '',
    uid: typeof m.uid === 'string' ? m.uid : undefined,
    resourceVersion: typeof m.resourceVersion === 'string' ? m.resourceVersion : undefined,
  };
}

const keyOf = (m: Meta): string => `${m.namespace}/${m.name}`;

export class KindCache {
  private readonly objects = new Map<string, Item>();

  constructor(readonly kind: ServedKind) {}

  get size(): number {
    return this.objects.size;
  }

  /** Applies one watch event; the change to report, or undefined when it changes nothing. */
  apply(type: ChangeType, item: Item): ClusterChange | undefined {
    const m = metaOf(item);
    if (!m) return undefined;
    const key = keyOf(m);
    if (type === 'DELETED') {
      const had = this.objects.get(key);
      // A DELETED for another object of the same name (a uid we no longer hold) changes nothing.
      if (!had || (m.uid !== undefined && metaOf(had)?.uid !== m.uid)) return undefined;
      this.objects.delete(key);
      return this.change(m, 'DELETED');
    }
    const had = this.objects.get(key);
    this.objects.set(key, item);
    if (had && metaOf(had)?.resourceVersion === m.resourceVersion && m.resourceVersion !== undefined) return undefined;
    return this.change(m, had ? 'MODIFIED' : 'ADDED');
  }

  /** Replaces every object with a fresh list; the changes between the two. */
  replace(items: readonly Item[]): ClusterChange[] {
    const next = new Map<string, Item>();
    for (const item of items) {
      const m = metaOf(item);
      if (m) next.set(keyOf(m), item);
    }
    const changes: ClusterChange[] = [];
    for (const [key, item] of next) {
      const had = this.objects.get(key);
      const m = metaOf(item)!;
      const was = had ? metaOf(had) : undefined;
      // A new uid under the same name was deleted and re-created while we did not watch.
      if (was && was.uid !== m.uid) changes.push(this.change(was, 'DELETED'), this.change(m, 'ADDED'));
      else if (!was) changes.push(this.change(m, 'ADDED'));
      else if (was.resourceVersion !== m.resourceVersion) changes.push(this.change(m, 'MODIFIED'));
    }
    for (const [key, item] of this.objects) if (!next.has(key)) changes.push(this.change(metaOf(item)!, 'DELETED'));
    this.objects.clear();
    for (const [key, item] of next) this.objects.set(key, item);
    return changes;
  }

  /** The objects in `ns/name` order, ready for decode. */
  raws(): RawObject[] {
    const out: RawObject[] = [];
    for (const key of this.sortedKeys()) {
      const raw = rawObject(this.objects.get(key)!, this.kind);
      if (raw) out.push(raw);
    }
    return out;
  }

  /** The objects in `ns/name` order as the watch engine's units (cluster-units.ts): only changed ones are decoded. */
  units(): InputUnit[] {
    return this.sortedKeys().map((key) => objectUnit(this.kind, key, this.objects.get(key)!));
  }

  private sortedKeys(): string[] {
    return [...this.objects.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  private change(m: Meta, type: ChangeType): ClusterChange {
    return { kind: this.kind.sourceKind, namespace: m.namespace, name: m.name, type };
  }
}
