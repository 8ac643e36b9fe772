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
import type { GwlbSettings } from '../cli/settings.js';
import { affectedGateways, narrowSnapshot, Reach, type ObjectChange } from './affected.js';

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
  /** Reading diagnostics of the whole input, then this round's resolve and model diagnostics. */
  readonly diagnostics: readonly Diagnostic[];
  /** The input has errors, or some Gateway's last build had: such a round must not prune. */
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
  private errored = new Set<string>();

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
    const diagnostics = [...loaded.diagnostics, ...this.rebuild(reach, rebuilt)];
    const stacks = [...this.stacks.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { loaded, stacks, rebuilt, diagnostics, errored: hasErrors(loaded.diagnostics) || this.errored.size > 0 };
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
  private rebuild(reach: Reach, rebuilt: ReadonlySet<string> | 'all'): Diagnostic[] {
    const snapshot = reach.snapshot;
    const present = new Set(snapshot.gateways.map(gatewayKey));
    for (const id of [...this.stacks.keys()]) if (!present.has(id)) this.stacks.delete(id);
    for (const id of [...this.errored]) if (!present.has(id)) this.errored.delete(id);
    if (rebuilt !== 'all' && rebuilt.size === 0) return [];
    const scope = rebuilt === 'all' ? present : new Set([...rebuilt].filter((g) => present.has(g)));
    const input = rebuilt === 'all' ? snapshot : narrowSnapshot(reach, scope);
    const resolution = resolve(input, {
      controllerNames: this.settings.controllerNames,
      listenerSets: this.settings.cluster.featureGates.GatewayListenerSet,
      gatewayClasses: this.settings.cluster.gatewayClasses,
    });
    const mine = { ...resolution, gateways: resolution.gateways.filter((g) => scope.has(gatewayKey(g.gateway))) };
    const built = buildStacks(mine, { facts: this.facts, settings: this.settings.cluster, endpointSlices: snapshot.endpointSlices, nodes: snapshot.nodes, secrets: snapshot.secrets });
    for (const id of scope) this.stacks.delete(id);
    for (const s of built.stacks) this.stacks.set(s.id, s);
    // Resolve diagnostics of Gateways outside the scope describe them without their routes: drop them.
    const diagnostics = [...resolution.diagnostics.filter((d) => d.object?.kind !== 'Gateway' || scope.has(`${d.object.namespace}/${d.object.name}`)), ...built.diagnostics];
    const failed = hasErrors(diagnostics);
    for (const id of scope) {
      if (failed) this.errored.add(id);
      else this.errored.delete(id);
    }
    return diagnostics;
  }
}
