/**
 * The objects, one global resourceVersion counter (as etcd's revision) and a bounded history of
 * changes. The history serves watches from a resourceVersion and continued lists (a consistent
 * page at the first page's resourceVersion, rebuilt by undoing newer changes); a resourceVersion
 * older than the history is "compacted" and answered with 410 Expired, as the real server does.
 */
import { resourceKey, type ResourceDef } from './resources.js';

export type KubeObject = Record<string, unknown> & { metadata: ObjectMeta };

export interface ObjectMeta extends Record<string, unknown> {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  readonly type: EventType;
  readonly rv: number;
  readonly resource: string;
  /** The object after the change (for DELETED, as it was when deleted). */
  readonly object: KubeObject;
  /** The object before the change (MODIFIED, DELETED). */
  readonly previous?: KubeObject;
}

function objectKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

export class KubeStore {
  private revision = 1;
  /** The newest resourceVersion no longer in the history; watching from before it is 410. */
  private compacted = 0;
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  private readonly history: StoreEvent[] = [];
  private readonly listeners = new Set<(e: StoreEvent) => void>();

  constructor(private readonly historySize = 1000) {}

  get resourceVersion(): number {
    return this.revision;
  }

  get oldestResourceVersion(): number {
    return this.compacted;
  }

  private bucket(r: ResourceDef): Map<string, KubeObject> {
    const key = resourceKey(r);
    let b = this.objects.get(key);
    if (b === undefined) this.objects.set(key, (b = new Map()));
    return b;
  }

  get(r: ResourceDef, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.bucket(r).get(objectKey(namespace, name));
  }

  /** Objects in namespace/name order; every namespace when `namespace` is undefined. */
  list(r: ResourceDef, namespace?: string): KubeObject[] {
    return sortObjects([...this.bucket(r).values()].filter((o) => namespace === undefined || o.metadata.namespace === namespace));
  }

  /** Stores `object` (its metadata.resourceVersion is set here) and records the change. */
  write(r: ResourceDef, object: KubeObject): KubeObject {
    const rv = ++this.revision;
    object.metadata.resourceVersion = String(rv);
    const key = objectKey(object.metadata.namespace, object.metadata.name);
    const previous = this.bucket(r).get(key);
    this.bucket(r).set(key, object);
    this.record({ type: previous === undefined ? 'ADDED' : 'MODIFIED', rv, resource: resourceKey(r), object, ...(previous ? { previous } : {}) });
    return object;
  }

  remove(r: ResourceDef, namespace: string | undefined, name: string): KubeObject | undefined {
    const key = objectKey(namespace, name);
    const previous = this.bucket(r).get(key);
    if (previous === undefined) return undefined;
    this.bucket(r).delete(key);
    const rv = ++this.revision;
    // The DELETED event carries the object at the deletion's resourceVersion (watch cache behaviour).
    const object = { ...previous, metadata: { ...previous.metadata, resourceVersion: String(rv) } };
    this.record({ type: 'DELETED', rv, resource: resourceKey(r), object, previous });
    return object;
  }

  private record(e: StoreEvent): void {
    this.history.push(e);
    while (this.history.length > this.historySize) this.compacted = this.history.shift()!.rv;
    for (const l of this.listeners) l(e);
  }

  /** Changes of `r` after `rv`, or 'expired' when some of them are no longer in the history. */
  changesSince(r: ResourceDef, rv: number): StoreEvent[] | 'expired' {
    if (rv < this.compacted) return 'expired';
    const key = resourceKey(r);
    return this.history.filter((e) => e.rv > rv && e.resource === key);
  }

  /** `r`'s objects as they were at `rv` (undoing newer changes), or 'expired'. */
  listAt(r: ResourceDef, rv: number, namespace?: string): KubeObject[] | 'expired' {
    const changes = this.changesSince(r, rv);
    if (changes === 'expired') return 'expired';
    const at = new Map(this.bucket(r));
    for (const e of [...changes].reverse()) {
      const key = objectKey(e.object.metadata.namespace, e.object.metadata.name);
      if (e.previous === undefined) at.delete(key);
      else at.set(key, e.previous);
    }
    return sortObjects([...at.values()].filter((o) => namespace === undefined || o.metadata.namespace === namespace));
  }

  /** Calls `listener` for every change from now on; returns the unsubscribe function. */
  subscribe(listener: (e: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function sortObjects(objects: KubeObject[]): KubeObject[] {
  const key = (o: KubeObject): string => objectKey(o.metadata.namespace, o.metadata.name);
  return objects.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
