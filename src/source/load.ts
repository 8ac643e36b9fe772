/** Manifests → Snapshot: parse, decode per kind, drop duplicates, group by kind. */
import type { Diagnostic } from '../diagnostics.js';
import { readManifests, type ManifestText } from './files.js';
import { parseManifest } from './parse.js';
import { decodeKnown, type DecodedObject, type RawObject } from './schema/index.js';
import { emptySnapshot, type LoadResult, type Snapshot } from './snapshot.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };

function addToSnapshot(snapshot: Mutable<Snapshot>, object: DecodedObject): void {
  switch (object.kind) {
    case 'GatewayClass': snapshot.gatewayClasses.push(object); break;
    case 'Gateway': snapshot.gateways.push(object); break;
    case 'ListenerSet': snapshot.listenerSets.push(object); break;
    case 'HTTPRoute': snapshot.httpRoutes.push(object); break;
    case 'GRPCRoute': snapshot.grpcRoutes.push(object); break;
    case 'TCPRoute': snapshot.tcpRoutes.push(object); break;
    case 'UDPRoute': snapshot.udpRoutes.push(object); break;
    case 'TLSRoute': snapshot.tlsRoutes.push(object); break;
    case 'ReferenceGrant': snapshot.referenceGrants.push(object); break;
    case 'LoadBalancerConfiguration': snapshot.loadBalancerConfigurations.push(object); break;
    case 'TargetGroupConfiguration': snapshot.targetGroupConfigurations.push(object); break;
    case 'ListenerRuleConfiguration': snapshot.listenerRuleConfigurations.push(object); break;
    case 'Service': snapshot.services.push(object); break;
    case 'EndpointSlice': snapshot.endpointSlices.push(object); break;
    case 'Namespace': snapshot.namespaces.push(object); break;
    case 'Node': snapshot.nodes.push(object); break;
    case 'Secret': snapshot.secrets.push(object); break;
    default: {
      const unreachable: never = object;
      throw new Error(`unhandled kind ${(unreachable as DecodedObject).kind}`);
    }
  }
}

interface Loading {
  readonly snapshot: Mutable<Snapshot>;
  readonly diagnostics: Diagnostic[];
  readonly skipped: Mutable<LoadResult>['skipped'];
  readonly seen: Map<string, DecodedObject>;
}

function startLoading(): Loading {
  return { snapshot: emptySnapshot() as Mutable<Snapshot>, diagnostics: [], skipped: [], seen: new Map() };
}

/** One raw object, decoded (or set aside: a kind gwlb does not read). Pure; watch caches these per file. */
export type DecodedEntry =
  | { readonly kind: 'skipped'; readonly skipped: LoadResult['skipped'][number] }
  | { readonly kind: 'decoded'; readonly object?: DecodedObject; readonly diagnostics: readonly Diagnostic[] };

export function decodeRaw(raw: RawObject): DecodedEntry {
  const decoded = decodeKnown(raw);
  if (!decoded) {
    const apiVersion = raw.value['apiVersion'] as string;
    const kind = raw.value['kind'] as string;
    const name = (raw.value['metadata'] as Record<string, unknown>)['name'] as string;
    return { kind: 'skipped', skipped: { kind, apiVersion, name, file: raw.origin.location.file, line: raw.origin.location.line } };
  }
  const { object, diagnostics } = decoded;
  return object ? { kind: 'decoded', diagnostics, object } : { kind: 'decoded', diagnostics };
}

function addEntry(l: Loading, entry: DecodedEntry): void {
  if (entry.kind === 'skipped') {
    l.skipped.push(entry.skipped);
    return;
  }
  l.diagnostics.push(...entry.diagnostics);
  const object = entry.object;
  if (!object) return;
  const key = `${object.kind}/${object.metadata.namespace}/${object.metadata.name}`;
  const first = l.seen.get(key);
  if (first) {
    const at = first.origin.location;
    l.diagnostics.push({
      severity: 'error',
      code: 'GWLB004',
      message: `duplicate ${object.kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name}: already defined at ${at.file}:${at.line}:${at.column}; remove one of them (the first is used)`,
      location: object.origin.location,
      object: { kind: object.kind, namespace: object.metadata.namespace, name: object.metadata.name },
      path: 'metadata.name',
    });
    return;
  }
  l.seen.set(key, object);
  addToSnapshot(l.snapshot, object);
}

function addRaw(l: Loading, raw: RawObject): void {
  addEntry(l, decodeRaw(raw));
}

function done(l: Loading): LoadResult {
  return { snapshot: l.snapshot, diagnostics: l.diagnostics, skipped: l.skipped };
}

/** Decodes already-read manifest texts. Pure apart from the texts given. */
export function loadTexts(texts: readonly ManifestText[]): LoadResult {
  const l = startLoading();
  for (const text of texts) {
    const parsed = parseManifest(text);
    l.diagnostics.push(...parsed.diagnostics);
    for (const raw of parsed.objects) addRaw(l, raw);
  }
  return done(l);
}

/**
 * Already-decoded entries, in input order, with the parse diagnostics that came before them:
 * the same duplicate rule and grouping as loadTexts, without decoding again.
 */
export function loadDecoded(entries: Iterable<DecodedEntry>, parseDiagnostics: readonly Diagnostic[] = []): LoadResult {
  const l = startLoading();
  l.diagnostics.push(...parseDiagnostics);
  for (const entry of entries) addEntry(l, entry);
  return done(l);
}

/**
 * Raw objects listed from a cluster → Snapshot, through the same schema checks, defaults and
 * duplicate rule as objects read from files.
 */
export function loadRawObjects(raws: Iterable<RawObject>): LoadResult {
  const l = startLoading();
  for (const raw of raws) addRaw(l, raw);
  return done(l);
}

/** Reads and decodes the manifests named by `-f` paths (files, directories, `-`). */
export async function loadManifests(paths: readonly string[], stdin?: NodeJS.ReadableStream): Promise<LoadResult> {
  const read = await readManifests(paths, stdin);
  const loaded = loadTexts(read.texts);
  return { ...loaded, diagnostics: [...read.diagnostics, ...loaded.diagnostics] };
}
