/**
 * The watch engine's input, in units it can keep between rounds: a manifest file (its text is its
 * version), or one object from the cluster watch (its uid and resourceVersion). A unit whose
 * version did not change is neither parsed nor decoded again; the Snapshot is put together from
 * the units' decoded objects with the grouping and duplicate rule of `loadDecoded`
 * (source/load.ts), without going through every object again when no object is defined twice.
 * Pure.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { ManifestText } from '../source/files.js';
import { decodeRaw, loadDecoded, type DecodedEntry } from '../source/load.js';
import { parseManifest } from '../source/parse.js';
import type { DecodedObject, RawObject } from '../source/schema/index.js';
import { emptySnapshot, type LoadResult, type Snapshot } from '../source/snapshot.js';

export interface InputUnit {
  /** Names the unit from round to round: a file's name, or `Kind/ns/name` of a cluster object. */
  readonly id: string;
  /** Equal in two rounds only if the unit's content is. */
  readonly version: string;
  /** Reads the unit: called only when it is new or its version changed. */
  read(): UnitContent;
}

export interface UnitContent {
  /** Diagnostics of reading the unit (YAML errors), before any object's. */
  readonly readDiagnostics: readonly Diagnostic[];
  readonly entries: readonly DecodedEntry[];
  /** Per entry, the object as written (JSON), to tell an edited object from one that moved. */
  readonly written: readonly string[];
}

/** One object defined by a unit: the decoded object and how it was written. */
export interface Defined {
  readonly key: string;
  readonly object: DecodedObject;
  readonly written: string;
}

export const objectKey = (o: DecodedObject): string => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`;

/** A unit as kept between rounds: its content, with what assembling and comparing need. */
export class CachedUnit {
  readonly defined: readonly Defined[];
  readonly decodeDiagnostics: readonly Diagnostic[];
  readonly skipped: LoadResult['skipped'];

  constructor(
    readonly version: string,
    readonly content: UnitContent,
  ) {
    const defined: Defined[] = [];
    const diagnostics: Diagnostic[] = [];
    const skipped: LoadResult['skipped'][number][] = [];
    content.entries.forEach((e, i) => {
      if (e.kind === 'skipped') {
        skipped.push(e.skipped);
        return;
      }
      diagnostics.push(...e.diagnostics);
      if (e.object) defined.push({ key: objectKey(e.object), object: e.object, written: content.written[i]! });
    });
    this.defined = defined;
    this.decodeDiagnostics = diagnostics;
    this.skipped = skipped;
  }
}

/** `written` says what of an object counts as a change (all of it, unless told otherwise). */
export function contentOf(readDiagnostics: readonly Diagnostic[], raws: readonly RawObject[], written: (raw: RawObject) => string = (raw) => JSON.stringify(raw.value)): UnitContent {
  return { readDiagnostics, entries: raws.map(decodeRaw), written: raws.map(written) };
}

export function fileUnit(t: ManifestText): InputUnit {
  return {
    id: t.file,
    version: t.text,
    read: () => {
      const parsed = parseManifest(t);
      return contentOf(parsed.diagnostics, parsed.objects);
    },
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };

/** Where each kind goes in a Snapshot (source/load.ts `addToSnapshot`). */
const FIELD: { readonly [K in DecodedObject['kind']]: keyof Snapshot } = {
  GatewayClass: 'gatewayClasses',
  Gateway: 'gateways',
  ListenerSet: 'listenerSets',
  HTTPRoute: 'httpRoutes',
  GRPCRoute: 'grpcRoutes',
  TCPRoute: 'tcpRoutes',
  UDPRoute: 'udpRoutes',
  TLSRoute: 'tlsRoutes',
  ReferenceGrant: 'referenceGrants',
  LoadBalancerConfiguration: 'loadBalancerConfigurations',
  TargetGroupConfiguration: 'targetGroupConfigurations',
  ListenerRuleConfiguration: 'listenerRuleConfigurations',
  Service: 'services',
  EndpointSlice: 'endpointSlices',
  Namespace: 'namespaces',
  Node: 'nodes',
  Secret: 'secrets',
};

/**
 * The units' objects as `loadDecoded` groups them: every read diagnostic first, then each
 * object's in input order. With an object defined twice (`duplicates`), `loadDecoded` itself
 * decides which definition wins and reports the others (GWLB004).
 */
export function assemble(units: readonly CachedUnit[], duplicates: boolean): LoadResult {
  const readDiagnostics = units.flatMap((u) => u.content.readDiagnostics);
  if (duplicates) return loadDecoded(units.flatMap((u) => u.content.entries), readDiagnostics);
  const snapshot = emptySnapshot() as Mutable<Snapshot>;
  const diagnostics = readDiagnostics;
  const skipped: LoadResult['skipped'][number][] = [];
  for (const u of units) {
    for (const d of u.decodeDiagnostics) diagnostics.push(d);
    for (const s of u.skipped) skipped.push(s);
    for (const d of u.defined) (snapshot[FIELD[d.object.kind]] as DecodedObject[]).push(d.object);
  }
  return { snapshot, diagnostics, skipped };
}
