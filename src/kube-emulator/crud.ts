/**
 * get, create, update (PUT), patch and delete of one object, with the API server's rules: a
 * namespaced object needs its namespace to exist (unless createNamespaces); a resourceVersion in the body is a
 * precondition (409 Conflict); a write that changes nothing is not stored (no new
 * resourceVersion, no watch event); deleting a Namespace deletes what is in it; a dry run
 * (`dryRun=All`) answers as the write would but stores nothing. An object with finalizers is only
 * marked (deletionTimestamp) by a delete, and goes once a write empties its finalizers.
 */
import { bodyObject, canonicalJson, prepareCreate, prepareUpdate, present, timestamp } from './metadata.js';
import { applyPatchOfType, type PatchType } from './patch.js';
import type { Target } from './paths.js';
import { CORE_GROUP, RESOURCES, type ResourceDef } from './resources.js';
import { ServiceAllocator } from './services.js';
import { alreadyExists, conflict, failure, notFound } from './status.js';
import type { KubeObject, KubeStore } from './store.js';

const NAMESPACE = RESOURCES.find((r) => r.group === CORE_GROUP && r.plural === 'namespaces')!;
const SERVICE = RESOURCES.find((r) => r.group === CORE_GROUP && r.plural === 'services')!;

function methodNotAllowed(): Error {
  return failure('MethodNotAllowed', 'the server does not allow this method on the requested resource');
}

function hasFinalizers(o: KubeObject): boolean {
  const f = o.metadata['finalizers'];
  return Array.isArray(f) && f.length > 0;
}

function sameContent(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject): string => canonicalJson({ ...o, apiVersion: undefined, metadata: { ...o.metadata, resourceVersion: undefined } });
  return strip(a) === strip(b);
}

export class KubeObjects {
  private readonly allocator: ServiceAllocator;

  constructor(
    private readonly store: KubeStore,
    private readonly now: () => number,
    /** Create a missing namespace on first use instead of answering 404 (a sandbox convenience; the real server refuses). */
    private readonly createNamespaces = false,
  ) {
    this.allocator = new ServiceAllocator(() => store.list(SERVICE));
  }

  private current(t: Target): KubeObject {
    if (t.name === undefined) throw methodNotAllowed();
    const found = this.store.get(t.r, t.namespace, t.name);
    if (found === undefined) throw notFound(t.r, t.name);
    return found;
  }

  private requireNamespace(namespace: string | undefined, dryRun: boolean): void {
    if (namespace === undefined || this.store.get(NAMESPACE, undefined, namespace) !== undefined) return;
    if (!this.createNamespaces) throw notFound(NAMESPACE, namespace);
    if (!dryRun) this.create({ r: NAMESPACE, version: 'v1', apiVersion: 'v1' }, { metadata: { name: namespace } });
  }

  get(t: Target): KubeObject {
    return present(this.current(t), t.apiVersion);
  }

  /** POST to a collection. */
  create(t: Target, body: unknown): KubeObject {
    if (t.name !== undefined || (t.r.namespaced && t.namespace === undefined)) throw methodNotAllowed();
    const object = prepareCreate(t.r, bodyObject(t.r, body, t.namespace), t.apiVersion, this.now());
    if (this.store.get(t.r, t.namespace, object.metadata.name) !== undefined) throw alreadyExists(t.r, object.metadata.name);
    this.requireNamespace(t.namespace, t.dryRun === true);
    if (t.r === SERVICE) this.allocator.apply(t.r, object, undefined);
    return present(t.dryRun ? object : this.store.write(t.r, object), t.apiVersion);
  }

  /** PUT of the object or its status. */
  update(t: Target, body: unknown): KubeObject {
    const current = this.current(t);
    return this.replace(t, current, bodyObject(t.r, body, t.namespace));
  }

  private replace(t: Target, current: KubeObject, next: KubeObject): KubeObject {
    const precondition = next.metadata.resourceVersion;
    if (precondition !== undefined && precondition !== '' && precondition !== current.metadata.resourceVersion) throw conflict(t.r, current.metadata.name);
    const updated = prepareUpdate(t.r, current, next, t.subresource);
    if (t.r === SERVICE && t.subresource === undefined) this.allocator.apply(t.r, updated, current);
    if (sameContent(current, updated)) return present(current, t.apiVersion);
    if (t.dryRun) return present(updated, t.apiVersion);
    if (updated.metadata['deletionTimestamp'] !== undefined && !hasFinalizers(updated)) {
      // The last finalizer removed from an object being deleted: it goes now.
      this.store.write(t.r, updated);
      return present(this.store.remove(t.r, t.namespace, updated.metadata.name)!, t.apiVersion);
    }
    return present(this.store.write(t.r, updated), t.apiVersion);
  }

  /** PATCH of the object or its status; server-side apply creates a missing object. */
  patch(t: Target, type: PatchType, patch: unknown): KubeObject {
    if (t.name === undefined) throw methodNotAllowed();
    const existing = this.store.get(t.r, t.namespace, t.name);
    if (existing === undefined) {
      if (type !== 'apply' || t.subresource !== undefined) throw notFound(t.r, t.name);
      return this.create({ ...t, name: undefined } as Target, applyPatchOfType(type, { metadata: { name: t.name } }, patch));
    }
    const base = present(existing, t.apiVersion);
    const patched = applyPatchOfType(type, structuredClone(base), patch);
    const next = bodyObject(t.r, patched, t.namespace);
    // The stored resourceVersion is in the base; only a patch that sets a different one is a precondition.
    if (next.metadata.resourceVersion === existing.metadata.resourceVersion) delete next.metadata.resourceVersion;
    return this.replace(t, existing, next);
  }

  /** The object as deleted, or as marked for deletion when finalizers hold it (`pending`, answered 202). */
  delete(t: Target): { object: KubeObject; pending: boolean } {
    if (t.subresource !== undefined) throw methodNotAllowed();
    const current = this.current(t);
    if (hasFinalizers(current)) {
      if (t.dryRun || current.metadata['deletionTimestamp'] !== undefined) return { object: present(current, t.apiVersion), pending: true };
      const marked = structuredClone(current);
      marked.metadata['deletionTimestamp'] = timestamp(this.now());
      marked.metadata['deletionGracePeriodSeconds'] = 0;
      return { object: present(this.store.write(t.r, marked), t.apiVersion), pending: true };
    }
    if (t.dryRun) return { object: present(current, t.apiVersion), pending: false };
    if (t.r === NAMESPACE) this.emptyNamespace(current.metadata.name);
    const deleted = this.store.remove(t.r, t.namespace, current.metadata.name)!;
    return { object: present(deleted, t.apiVersion), pending: false };
  }

  private emptyNamespace(namespace: string): void {
    for (const r of RESOURCES.filter((x: ResourceDef) => x.namespaced)) {
      for (const o of this.store.list(r, namespace)) this.store.remove(r, namespace, o.metadata.name);
    }
  }
}
