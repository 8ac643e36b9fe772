/**
 * The cluster watch's objects as the watch engine's units (input-units.ts): one unit per object,
 * versioned by its uid and resourceVersion, so a round decodes only the objects that changed since
 * the last one and rebuilds only the Gateways they reach — as `-f` rounds do for a changed file.
 * The objects, their order, the Secrets and the diagnostics are a one-shot read's
 * (source/cluster/read.ts `assemble`): the same Snapshot, without decoding every object again.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { KubeClient } from '../source/cluster/client.js';
import type { ServedKind } from '../source/cluster/discovery.js';
import { assemble, rawObject } from '../source/cluster/read.js';
import type { DecodedEntry } from '../source/load.js';
import type { RawObject } from '../source/schema/index.js';
import { contentOf, type InputUnit } from './input-units.js';

/** What a cluster round reads: the units, and the diagnostics about the whole read (forbidden kinds, CRDs not served). */
export interface ClusterUnits {
  readonly units: readonly InputUnit[];
  readonly diagnostics: readonly Diagnostic[];
}

/** One cached object as a unit; an object without a resourceVersion (never from an API server) is versioned by its content. */
export function objectUnit(kind: ServedKind, key: string, item: Record<string, unknown>): InputUnit {
  const m = item['metadata'] as { uid?: unknown; resourceVersion?: unknown } | undefined;
  const version = typeof m?.resourceVersion === 'string' ? `${String(m.uid)}/${m.resourceVersion}` : JSON.stringify(item);
  return {
    id: `${kind.sourceKind}/${key}`,
    version,
    read: () => {
      const raw = rawObject(item, kind);
      return contentOf([], raw ? [raw] : [], asWritten);
    },
  };
}

/**
 * An object without the fields the API server changes on every write (resourceVersion,
 * managedFields): a write that changed nothing else (a no-op `kubectl apply`) then rebuilds
 * nothing. A status write does rebuild the object's Gateways: the status is decoded.
 */
function asWritten(raw: RawObject): string {
  const metadata = raw.value['metadata'] as Record<string, unknown> | undefined;
  if (!metadata) return JSON.stringify(raw.value);
  const { resourceVersion: _v, managedFields: _f, ...rest } = metadata;
  return JSON.stringify({ ...raw.value, metadata: rest });
}

/**
 * The units of every watched object, then one unit of the Secrets the ListenerRuleConfigurations
 * name (read now with a GET each, as a one-shot read does: Secrets are never watched).
 * `warnings` are the watch's diagnostics (kinds it may not list).
 */
export async function clusterUnits(opts: {
  readonly client: KubeClient;
  readonly units: readonly InputUnit[];
  readonly listenerRuleConfigs: readonly RawObject[];
  readonly warnings: readonly Diagnostic[];
  readonly notServed: readonly string[];
}): Promise<ClusterUnits> {
  // assemble() GETs the Secrets and words what it could not read (GWLB010) or what the cluster
  // does not serve (GWLB011); the ListenerRuleConfigurations it decodes again are the units' already.
  const read = await assemble(opts.client, opts.listenerRuleConfigs, [], opts.notServed);
  const secrets = read.snapshot.secrets;
  // A Secret that does not decode is reported as a one-shot read reports it, after every other object.
  const unreadable: DecodedEntry = { kind: 'decoded', diagnostics: read.diagnostics.filter((d) => d.object?.kind === 'Secret') };
  const secretUnit: InputUnit = {
    id: 'Secret/*',
    version: JSON.stringify([secrets, unreadable]),
    read: () => {
      const entries = secrets.map((object): DecodedEntry => ({ kind: 'decoded', object, diagnostics: [] }));
      return { readDiagnostics: [], entries: [...entries, unreadable], written: [...secrets.map((s) => JSON.stringify(s)), ''] };
    },
  };
  const whole = read.diagnostics.filter((d) => d.code === 'GWLB010' || d.code === 'GWLB011');
  return { units: [...opts.units, secretUnit], diagnostics: [...opts.warnings, ...whole] };
}
