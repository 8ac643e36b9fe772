/**
 * Desired stacks kept between watch rounds. Each round gets the input as units (input-units.ts:
 * manifest files, or the cluster watch's objects); a unit whose version did not change is neither
 * parsed nor decoded again, the Snapshot is put together from the kept decoded objects, and only
 * the Gateways a change reaches (affected.ts) are resolved and modelled again — the rest keep
 * last round's stacks. The result equals a cold run's on the same input (incremental.test.ts
 * checks it on random edits). Pure: the caller reads the files or the cluster.
 */
import { hasErrors, type Diagnostic } from '../diagnostics.js';
import { OFFLINE_FACTS, type DiscoveryFacts } from '../model/discovery.js';
import { buildStacks } from '../model/index.js';
import type { Stack } from '../model/stack.js';
import { resolve } from '../resolve/index.js';
import type { ManifestText } from '../source/files.js';
import type { LoadResult } from '../source/snapshot.js';
import type { GwlbSettings } from '../run/settings.js';
import { affectedGateways, narrowSnapshot, Reach, routesOf, type ObjectChange } from './affected.js';
import { assemble, CachedUnit, fileUnit, type Defined, type InputUnit } from './input-units.js';

interface Replaced {
  readonly before?: CachedUnit;
  readonly after?: CachedUnit;
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

const gatewayKey = (o: { metadata: { namespace: string; name: string } }) => `${o.metadata.namespace}/${o.metadata.name}`;

export class IncrementalDesired {
  private units = new Map<string, CachedUnit>();
  /** Each object's winning (first) definition, and how many units define it. */
  private objects = new Map<string, Defined>();
  private count = new Map<string, number>();
  /** Objects defined more than once (GWLB004): while any, the first definition wins by unit order. */
  private duplicated = 0;
  private order = '';
  private reach: Reach | undefined;
  private stacks = new Map<string, Stack>();
  /** Resolve and model diagnostics per Gateway, from the round that last rebuilt it. */
  private gatewayDiagnostics = new Map<string, Diagnostic[]>();

  constructor(
    private readonly settings: GwlbSettings,
    private readonly facts: DiscoveryFacts = OFFLINE_FACTS,
  ) {}

  /** A round over manifest files (`-f`). */
  round(texts: readonly ManifestText[]): Round {
    return this.roundOf(texts.map(fileUnit));
  }

  /** A round over any units (files, or the cluster watch's objects), plus reading diagnostics of the whole input. */
  roundOf(units: readonly InputUnit[], inputDiagnostics: readonly Diagnostic[] = []): Round {
    const { replaced, reordered } = this.load(units);
    const changes = reordered ? this.allChanges() : this.changesIn(replaced);
    const read = assemble(units.map((u) => this.units.get(u.id)!), this.duplicated > 0);
    const loaded = inputDiagnostics.length > 0 ? { ...read, diagnostics: [...inputDiagnostics, ...read.diagnostics] } : read;
    const previous = this.reach;
    const reach = new Reach(loaded.snapshot, previous);
    this.reach = reach;
    const rebuilt = previous === undefined ? 'all' : affectedGateways(previous, reach, changes);
    this.rebuild(reach, rebuilt);
    const diagnostics = [...loaded.diagnostics, ...this.diagnosticsOfGateways()];
    const stacks = [...this.stacks.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { loaded, stacks, rebuilt, diagnostics, errored: hasErrors(diagnostics) };
  }

  /** Reads only the units that are new or whose version changed; the rest come from the cache. */
  private load(units: readonly InputUnit[]): { replaced: Replaced[]; reordered: boolean } {
    const next = new Map<string, CachedUnit>();
    const replaced: Replaced[] = [];
    for (const u of units) {
      const cached = this.units.get(u.id);
      if (cached && cached.version === u.version) {
        next.set(u.id, cached);
        continue;
      }
      const unit = new CachedUnit(u.version, u.read());
      next.set(u.id, unit);
      replaced.push({ ...(cached ? { before: cached } : {}), after: unit });
    }
    for (const [id, u] of this.units) if (!next.has(id)) replaced.push({ before: u });
    const order = units.map((u) => u.id).join('\n');
    // Which of two definitions of an object wins depends on unit order (loading keeps the first).
    const reordered = order !== this.order && [...this.units.keys()].filter((f) => next.has(f)).join('\n') !== units.map((u) => u.id).filter((f) => this.units.has(f)).join('\n');
    this.order = order;
    this.units = next;
    return { replaced, reordered };
  }

  /**
   * Objects added, edited or removed in the replaced units. An object defined more than once
   * (a duplicate, GWLB004) makes the first definition win across units: then every unit is
   * compared (allChanges), as the winner may have moved.
   */
  private changesIn(replaced: readonly Replaced[]): ObjectChange[] {
    if (replaced.length === 0) return [];
    const touched = new Map<string, { before?: Defined; after?: Defined }>();
    for (const r of replaced) {
      for (const [side, unit] of [['before', r.before], ['after', r.after]] as const) {
        for (const d of unit?.defined ?? []) {
          const t = touched.get(d.key) ?? {};
          if (t[side]) return this.allChanges(); // defined twice in the changed units
          t[side] = d;
          touched.set(d.key, t);
        }
      }
    }
    for (const [key, t] of touched) {
      const was = this.count.get(key) ?? 0;
      const now = was - (t.before ? 1 : 0) + (t.after ? 1 : 0);
      if (was > 1 || now > 1) return this.allChanges();
    }
    for (const [key, t] of touched) {
      if (t.after) this.count.set(key, 1);
      else this.count.delete(key);
    }
    return this.compare(touched.keys(), (key) => touched.get(key)!.after);
  }

  /** Objects added, edited or removed since the last round, comparing every unit. */
  private allChanges(): ObjectChange[] {
    const now = new Map<string, Defined>();
    const count = new Map<string, number>();
    for (const u of this.units.values()) {
      for (const d of u.defined) {
        count.set(d.key, (count.get(d.key) ?? 0) + 1);
        if (!now.has(d.key)) now.set(d.key, d);
      }
    }
    this.count = count;
    this.duplicated = [...count.values()].filter((n) => n > 1).length;
    return this.compare(new Set([...now.keys(), ...this.objects.keys()]), (key) => now.get(key));
  }

  /** The changes of `keys` between the last round's winning definitions and `winner`'s, which become the kept ones. */
  private compare(keys: Iterable<string>, winner: (key: string) => Defined | undefined): ObjectChange[] {
    const changes: ObjectChange[] = [];
    for (const key of keys) {
      const was = this.objects.get(key);
      const now = winner(key);
      if (now) this.objects.set(key, now);
      else this.objects.delete(key);
      if (!was && now) changes.push({ after: now.object });
      else if (was && !now) changes.push({ before: was.object });
      else if (was && now && was.written !== now.written) changes.push({ before: was.object, after: now.object });
    }
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
      ...(rebuilt === 'all' ? {} : { only: scope }),
    });
    const built = buildStacks(resolution, { facts: this.facts, settings: this.settings.cluster, endpointSlices: snapshot.endpointSlices, nodes: snapshot.nodes, secrets: snapshot.secrets });
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
 * A Gateway outside the scope is not resolved (resolve's `only`): it keeps its last diagnostics.
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
