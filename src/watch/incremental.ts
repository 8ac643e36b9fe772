/**
 * Desired stacks kept between watch rounds. Each round gets the manifest texts; a file whose text
 * did not change is neither parsed nor decoded again, and only the Gateways a change reaches
 * (affected.ts) are resolved and modelled again — the rest keep last round's stacks. The result
 * equals a cold run's on the same input (incremental.test.ts checks it on random edits). Pure:
 * the caller reads the files.
 */
import { hasErrors, type Diagnostic } from '../diagnostics.js';
import { OFFLINE_FACTS, type DiscoveryFacts } from '../model/discovery.js';
import { buildStacks } from '../model/index.js';
import type { Stack } from '../model/stack.js';
import { resolve } from '../resolve/index.js';
import type { ManifestText } from '../source/files.js';
import { decodeRaw, loadDecoded, type DecodedEntry } from '../source/load.js';
import { parseManifest } from '../source/parse.js';
import type { DecodedObject } from '../source/schema/index.js';
import type { LoadResult } from '../source/snapshot.js';
import type { GwlbSettings } from '../run/settings.js';
import { affectedGateways, narrowSnapshot, Reach, routesOf, type ObjectChange } from './affected.js';

interface CachedFile {
  readonly text: string;
  readonly parseDiagnostics: readonly Diagnostic[];
  readonly entries: readonly DecodedEntry[];
  /** Per entry, the object as written (JSON), to tell an edited object from one that moved. */
  readonly written: readonly string[];
}

interface Defined {
  readonly object: DecodedObject;
  readonly written: string;
}

interface Replaced {
  readonly before?: CachedFile;
  readonly after?: CachedFile;
}

function definitions(f: CachedFile): Defined[] {
  const out: Defined[] = [];
  f.entries.forEach((e, i) => {
    if (e.kind === 'decoded' && e.object) out.push({ object: e.object, written: f.written[i]! });
  });
  return out;
}

export interface Round {
  /** The whole input, decoded. */
  readonly loaded: LoadResult;
  /** Desired stacks of every Gateway that has one, sorted by id. */
  readonly stacks: readonly Stack[];
  /** Gateways (`ns/name`) resolved and modelled this round; the others kept their stacks. */
  readonly rebuilt: ReadonlySet<string> | 'all';
  /**
   * Reading diagnostics of the whole input, then each Gateway's resolve and model diagnostics
   * from the round that last rebuilt it (a run-wide note, such as the stand-in UIDs, may then
   * count fewer Gateways than a cold run's).
   */
  readonly diagnostics: readonly Diagnostic[];
  /** Some diagnostic is an error: such a round must not apply or prune. */
  readonly errored: boolean;
}

const objectKey = (o: DecodedObject) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`;
const gatewayKey = (o: { metadata: { namespace: string; name: string } }) => `${o.metadata.namespace}/${o.metadata.name}`;

export class IncrementalDesired {
  private files = new Map<string, CachedFile>();
  /** Each object's winning (first) definition, and how many files define it. */
  private objects = new Map<string, Defined>();
  private count = new Map<string, number>();
  private order = '';
  private reach: Reach | undefined;
  private stacks = new Map<string, Stack>();
  /** Resolve and model diagnostics per Gateway, from the round that last rebuilt it. */
  private gatewayDiagnostics = new Map<string, Diagnostic[]>();

  constructor(
    private readonly settings: GwlbSettings,
    private readonly facts: DiscoveryFacts = OFFLINE_FACTS,
  ) {}

  round(texts: readonly ManifestText[]): Round {
    const { loaded, replaced, reordered } = this.load(texts);
    const previous = this.reach;
    const changes = reordered ? this.allChanges() : this.changesIn(replaced);
    const reach = new Reach(loaded.snapshot);
    this.reach = reach;
    const rebuilt = previous === undefined ? 'all' : affectedGateways(previous, reach, changes);
    this.rebuild(reach, rebuilt);
    const diagnostics = [...loaded.diagnostics, ...this.diagnosticsOfGateways()];
    const stacks = [...this.stacks.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { loaded, stacks, rebuilt, diagnostics, errored: hasErrors(diagnostics) };
  }

  /** Parses and decodes only the files whose text changed; the rest come from the cache. */
  private load(texts: readonly ManifestText[]): { loaded: LoadResult; replaced: Replaced[]; reordered: boolean } {
    const next = new Map<string, CachedFile>();
    const replaced: Replaced[] = [];
    for (const t of texts) {
      const cached = this.files.get(t.file);
      if (cached && cached.text === t.text) {
        next.set(t.file, cached);
        continue;
      }
      const parsed = parseManifest(t);
      const file = { text: t.text, parseDiagnostics: parsed.diagnostics, entries: parsed.objects.map(decodeRaw), written: parsed.objects.map((raw) => JSON.stringify(raw.value)) };
      next.set(t.file, file);
      replaced.push({ ...(cached ? { before: cached } : {}), after: file });
    }
    for (const [name, f] of this.files) if (!next.has(name)) replaced.push({ before: f });
    const order = texts.map((t) => t.file).join('\n');
    // Which of two definitions of an object wins depends on file order (loading keeps the first).
    const reordered = order !== this.order && [...this.files.keys()].filter((f) => next.has(f)).join('\n') !== texts.map((t) => t.file).filter((f) => this.files.has(f)).join('\n');
    this.order = order;
    this.files = next;
    const files = texts.map((t) => next.get(t.file)!);
    const loaded = loadDecoded(
      files.flatMap((f) => f.entries),
      files.flatMap((f) => f.parseDiagnostics),
    );
    return { loaded, replaced, reordered };
  }

  /**
   * Objects added, edited or removed in the replaced files. An object defined more than once
   * (a duplicate, GWLB004) makes the first definition win across files: then every file is
   * compared (allChanges), as the winner may have moved.
   */
  private changesIn(replaced: readonly Replaced[]): ObjectChange[] {
    if (replaced.length === 0) return [];
    const touched = new Map<string, { before?: Defined; after?: Defined }>();
    for (const r of replaced) {
      for (const [side, file] of [['before', r.before], ['after', r.after]] as const) {
        if (!file) continue;
        for (const d of definitions(file)) {
          const key = objectKey(d.object);
          const t = touched.get(key) ?? {};
          if (t[side]) return this.allChanges(); // defined twice in the changed files
          t[side] = d;
          touched.set(key, t);
        }
      }
    }
    const counts = new Map<string, number>();
    for (const [key, t] of touched) {
      const was = this.count.get(key) ?? 0;
      const now = was - (t.before ? 1 : 0) + (t.after ? 1 : 0);
      if (was > 1 || now > 1) return this.allChanges();
      counts.set(key, now);
    }
    const changes: ObjectChange[] = [];
    for (const [key, t] of touched) {
      const was = this.objects.get(key);
      if (counts.get(key) === 0) this.count.delete(key);
      else this.count.set(key, 1);
      if (t.after) this.objects.set(key, t.after);
      else this.objects.delete(key);
      if (!was && t.after) changes.push({ after: t.after.object });
      else if (was && !t.after) changes.push({ before: was.object });
      else if (was && t.after && was.written !== t.after.written) changes.push({ before: was.object, after: t.after.object });
    }
    return changes;
  }

  /** Objects added, edited or removed since the last round, comparing every file. */
  private allChanges(): ObjectChange[] {
    const now = new Map<string, Defined>();
    const count = new Map<string, number>();
    for (const f of this.files.values()) {
      for (const d of definitions(f)) {
        const key = objectKey(d.object);
        count.set(key, (count.get(key) ?? 0) + 1);
        if (!now.has(key)) now.set(key, d);
      }
    }
    const changes: ObjectChange[] = [];
    for (const [key, n] of now) {
      const was = this.objects.get(key);
      if (!was) changes.push({ after: n.object });
      else if (was.written !== n.written) changes.push({ before: was.object, after: n.object });
    }
    for (const [key, was] of this.objects) if (!now.has(key)) changes.push({ before: was.object });
    this.objects = now;
    this.count = count;
    return changes;
  }

  /** Resolves and models the `rebuilt` Gateways; returns their diagnostics. */
  private rebuild(reach: Reach, rebuilt: ReadonlySet<string> | 'all'): void {
    const snapshot = reach.snapshot;
    const present = new Set(snapshot.gateways.map(gatewayKey));
    for (const map of [this.stacks, this.gatewayDiagnostics]) for (const id of [...map.keys()]) if (!present.has(id)) map.delete(id);
    if (rebuilt !== 'all' && rebuilt.size === 0) return;
    const scope = rebuilt === 'all' ? present : new Set([...rebuilt].filter((g) => present.has(g)));
    const input = rebuilt === 'all' ? snapshot : narrowSnapshot(reach, scope);
    const resolution = resolve(input, {
      controllerNames: this.settings.controllerNames,
      listenerSets: this.settings.cluster.featureGates.GatewayListenerSet,
      gatewayClasses: this.settings.cluster.gatewayClasses,
    });
    const mine = { ...resolution, gateways: resolution.gateways.filter((g) => scope.has(gatewayKey(g.gateway))) };
    const built = buildStacks(mine, { facts: this.facts, settings: this.settings.cluster, endpointSlices: snapshot.endpointSlices, nodes: snapshot.nodes, secrets: snapshot.secrets });
    for (const id of scope) {
      this.stacks.delete(id);
      this.gatewayDiagnostics.set(id, []);
    }
    for (const s of built.stacks) this.stacks.set(s.id, s);
    const routes = new Map(routesOf(input).map((r) => [`${r.kind}/${r.metadata.namespace}/${r.metadata.name}`, r]));
    for (const d of [...resolution.diagnostics, ...built.diagnostics]) {
      for (const id of attributedTo(d, reach, routes, scope)) this.gatewayDiagnostics.get(id)?.push(d);
    }
  }

  /** Each Gateway's last resolve and model diagnostics, once each, in Gateway order. */
  private diagnosticsOfGateways(): Diagnostic[] {
    const seen = new Set<string>();
    const out: Diagnostic[] = [];
    for (const ds of this.gatewayDiagnostics.values()) {
      for (const d of ds) {
        const key = `${d.code}\u0000${d.message}\u0000${d.location?.file}:${d.location?.line}:${d.location?.column}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(d);
      }
    }
    return out;
  }
}

/**
 * The Gateways of `scope` a diagnostic belongs to: the Gateway it names, a route's or
 * ListenerSet's parents; anything else (run-wide notes, a Service) to every Gateway rebuilt.
 * A Gateway outside the scope was resolved without its routes: its diagnostics are dropped.
 */
function attributedTo(d: Diagnostic, reach: Reach, routes: ReadonlyMap<string, ReturnType<typeof routesOf>[number]>, scope: ReadonlySet<string>): readonly string[] {
  const o = d.object;
  if (!o) return [...scope];
  const id = `${o.namespace}/${o.name}`;
  switch (o.kind) {
    case 'Gateway':
      return scope.has(id) ? [id] : [];
    case 'ListenerSet': {
      const ls = reach.snapshot.listenerSets.find((l) => l.metadata.namespace === o.namespace && l.metadata.name === o.name);
      const parent = ls ? reach.listenerSetGateway(ls) : undefined;
      return parent !== undefined && scope.has(parent) ? [parent] : [...scope];
    }
    case 'HTTPRoute':
    case 'GRPCRoute':
    case 'TCPRoute':
    case 'UDPRoute':
    case 'TLSRoute': {
      const route = routes.get(`${o.kind}/${id}`);
      const parents = route ? reach.parents(route).filter((p) => scope.has(p)) : [];
      return parents.length > 0 ? [...new Set(parents)] : [...scope];
    }
    default:
      return [...scope];
  }
}
