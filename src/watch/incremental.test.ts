import { describe, expect, it } from 'vitest';
import { generateManifests } from '../../bench/generate.js';
import { desiredState } from '../run/pipeline.js';
import { loadSettings } from '../run/settings.js';
import type { ManifestText } from '../source/files.js';
import { loadTexts } from '../source/load.js';
import { FakeCluster, itemsOf } from '../../bench/replan-cluster.js';
import type { Diagnostic } from '../diagnostics.js';
import type { DecodedObject } from '../source/schema/index.js';
import type { Snapshot } from '../source/snapshot.js';
import { IncrementalDesired } from './incremental.js';

const settings = loadSettings({ clusterName: 'watch-test' });
const FILES = 5;

/** The generated documents spread over FILES files, round-robin, so one edit touches one file. */
function filesOf(docs: readonly (string | undefined)[]): ManifestText[] {
  const out: ManifestText[] = [];
  for (let f = 0; f < FILES; f++) {
    const mine = docs.filter((d, i): d is string => d !== undefined && i % FILES === f);
    out.push({ file: `m${f}.yaml`, text: mine.join('\n---\n') + '\n' });
  }
  return out;
}

/** A cold run's stacks, in the order a round lists them (by id). */
async function cold(texts: readonly ManifestText[]) {
  const state = await desiredState({ files: [], settings, loaded: loadTexts(texts), offline: true });
  return { stacks: [...state.stacks].sort((a, b) => (a.id < b.id ? -1 : 1)) };
}

const docsOf = (scale: { gateways: number; routes: number }) => generateManifests({ ...scale, rulesPerRoute: 2, withinAlbQuota: true }).trimEnd().split('\n---\n');
const indexOf = (docs: readonly (string | undefined)[], needle: string) => docs.findIndex((d) => d?.includes(needle));

describe('IncrementalDesired', () => {
  it('an edited route rebuilds only its Gateway, and the stacks equal a cold run', async () => {
    const docs: (string | undefined)[] = docsOf({ gateways: 4, routes: 20 });
    const inc = new IncrementalDesired(settings);
    const first = inc.round(filesOf(docs));
    expect(first.rebuilt).toBe('all');
    expect(first.stacks).toEqual((await cold(filesOf(docs))).stacks);

    const r = indexOf(docs, 'name: route-5\n');
    docs[r] = docs[r]!.replace('/svc-5/v0', '/svc-5/edited');
    const second = inc.round(filesOf(docs));
    expect([...(second.rebuilt as Set<string>)]).toEqual(['team-1/gw-1']);
    expect(second.stacks).toEqual((await cold(filesOf(docs))).stacks);
  });

  it('a route moved to another Gateway rebuilds both; a removed Gateway loses its stack', async () => {
    const docs: (string | undefined)[] = docsOf({ gateways: 4, routes: 20 });
    const inc = new IncrementalDesired(settings);
    inc.round(filesOf(docs));
    const r = indexOf(docs, 'name: route-6\n');
    docs[r] = docs[r]!.replace('- name: gw-2', '- name: gw-3').replace('namespace: team-2', 'namespace: team-3');
    const moved = inc.round(filesOf(docs));
    expect([...(moved.rebuilt as Set<string>)].sort()).toEqual(['team-2/gw-2', 'team-3/gw-3']);
    expect(moved.stacks).toEqual((await cold(filesOf(docs))).stacks);

    docs[indexOf(docs, 'name: gw-0\n')] = undefined;
    const removed = inc.round(filesOf(docs));
    expect(removed.stacks.map((s) => s.id)).not.toContain('team-0/gw-0');
    expect(removed.stacks).toEqual((await cold(filesOf(docs))).stacks);
  });

  it('an unchanged input rebuilds nothing; a Namespace rebuilds every Gateway', async () => {
    const docs: (string | undefined)[] = docsOf({ gateways: 3, routes: 9 });
    const inc = new IncrementalDesired(settings);
    inc.round(filesOf(docs));
    expect([...(inc.round(filesOf(docs)).rebuilt as Set<string>)]).toEqual([]);
    docs.push('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-1\n  labels: {env: prod}');
    expect(inc.round(filesOf(docs)).rebuilt).toBe('all');
  });

  it("a Gateway's errors stay in the round's diagnostics while another Gateway is edited", async () => {
    const docs: (string | undefined)[] = docsOf({ gateways: 3, routes: 9 });
    const r0 = indexOf(docs, 'name: route-0\n');
    docs[r0] = docs[r0]!.replace('port: 80\n', 'port: 80\n          weight: 1000\n');
    const inc = new IncrementalDesired(settings);
    const first = inc.round(filesOf(docs));
    const coldErrors = (await desiredState({ files: [], settings, loaded: loadTexts(filesOf(docs)), offline: true })).diagnostics.filter((d) => d.severity === 'error');
    expect(coldErrors.length).toBeGreaterThan(0);
    expect(first.errored).toBe(true);
    const r1 = indexOf(docs, 'name: route-1\n');
    docs[r1] = docs[r1]!.replace('/svc-1/v0', '/svc-1/edited');
    const second = inc.round(filesOf(docs));
    expect([...(second.rebuilt as Set<string>)]).toEqual(['team-1/gw-1']);
    expect(second.errored).toBe(true);
    expect(second.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual(coldErrors.map((d) => d.message));
  });

  it('files given in another order: the first of two definitions still wins, as a cold run', async () => {
    const docs: (string | undefined)[] = docsOf({ gateways: 3, routes: 9 });
    const r = indexOf(docs, 'name: route-4\n');
    docs.push(docs[r]!.replace('/svc-4/v0', '/svc-4/second'));
    const inc = new IncrementalDesired(settings);
    inc.round(filesOf(docs));
    const reversed = filesOf(docs).reverse();
    const round = inc.round(reversed);
    expect(round.stacks).toEqual((await cold(reversed)).stacks);
    expect(round.diagnostics.some((d) => d.code === 'GWLB004')).toBe(true);
  });
});

/** A deterministic pseudo-random sequence (an LCG), so a failing step can be replayed. */
function randomOf(seed: number): (n: number) => number {
  return (n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
}

const teamOf = (i: number) => `team-${i % 5}`;

/**
 * A second backend in the next namespace for route-R's first rule (svc-(R+1) lives there): allowed
 * only by a ReferenceGrant from route-R's namespace, team-(R mod 5), to team-(R+1 mod 5).
 */
const crossNamespace = (m: string, r: string) => `${m}\n        - name: svc-${(Number(r) + 1) % 30}\n          namespace: ${teamOf(Number(r) + 1)}\n          port: 80`;

const grantFrom = (team: string, to: string) => `apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata:
  name: from-${team}
  namespace: ${to}
spec:
  from:
    - group: gateway.networking.k8s.io
      kind: HTTPRoute
      namespace: ${team}
  to:
    - group: ""
      kind: Service`;

/**
 * Edits of one document (or a new one) at index `i`. Each is one kind of change a watch sees:
 * routes, Services, Gateways edited; documents deleted, restored, renamed, moved to another file,
 * defined twice; cross-namespace backends and the ReferenceGrants that allow them; IP targets
 * (a TargetGroupConfiguration) and their EndpointSlices.
 */
function editsOf(docs: (string | undefined)[], original: readonly string[], opts: { duplicates: boolean }): ((i: number) => void)[] {
  const edits: ((i: number) => void)[] = [
    // route path edited
    (i) => (docs[i] = docs[i]?.replace(/value: \/svc-(\d+)\/v0/, 'value: /svc-$1/e' + i)),
    // route re-parented within its namespace's Gateways (may leave it unattached: also a case)
    (i) => (docs[i] = docs[i]?.replace(/- name: gw-(\d+)/, (_m, g: string) => `- name: gw-${(Number(g) + 5) % 10}`)),
    // Service port changed
    (i) => (docs[i] = docs[i]?.replace(/targetPort: \d+/, `targetPort: ${8000 + i}`)),
    // document removed, or a removed one brought back
    (i) => (docs[i] = docs[i] === undefined ? original[i] : undefined),
    // listener port changed on a Gateway
    (i) => (docs[i] = docs[i]?.includes('kind: Gateway\n') ? docs[i]!.replace('port: 80\n', 'port: 8080\n') : docs[i]),
    // renamed (a route, a Service its routes then miss, a Gateway its routes then miss)
    (i) => (docs[i] = docs[i]?.replace(/\n {2}name: ([a-z0-9-]+)\n/, '\n  name: $1-renamed\n')),
    // moved to the end (another file, later in the input order)
    (i) => {
      if (docs[i] === undefined) return;
      docs.push(docs[i]);
      docs[i] = undefined;
    },
    // a backend in another namespace (allowed only by a ReferenceGrant there)
    (i) => (docs[i] = docs[i]?.replace(/backendRefs:\n {8}- name: svc-(\d+)\n {10}port: 80/, crossNamespace)),
    // a ReferenceGrant letting HTTPRoutes of one namespace use the Services of the next
    (i) => docs.push(grantFrom(teamOf(i), teamOf(i + 1))),
    // a Service's targets become IPs: a TargetGroupConfiguration and an EndpointSlice
    (i) =>
      docs.push(`apiVersion: gateway.k8s.aws/v1
kind: TargetGroupConfiguration
metadata:
  name: tgc-${i % 30}
  namespace: ${teamOf(i % 30)}
spec:
  targetReference:
    name: svc-${i % 30}
  defaultConfiguration:
    targetType: ip`),
    (i) =>
      docs.push(`apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: svc-${i % 30}-abc
  namespace: ${teamOf(i % 30)}
  labels:
    kubernetes.io/service-name: svc-${i % 30}
addressType: IPv4
ports:
  - name: http
    port: 8080
    protocol: TCP
endpoints:
  - addresses: ["10.0.${i % 7}.${i}"]
    conditions: {ready: true}
    targetRef: {kind: Pod, name: pod-${i}, namespace: ${teamOf(i % 30)}}`),
  ];
  // a document defined twice (GWLB004: the first definition wins), in another file
  if (opts.duplicates) edits.push((i) => void (docs[i] !== undefined && docs.push(docs[i])));
  return edits;
}

/** Objects of each kind by `ns/name`, in input order: two snapshots hold the same objects. */
const keysOf = (s: Snapshot) => Object.entries(s).map(([kind, objects]) => [kind, (objects as readonly DecodedObject[]).map((o) => `${o.metadata.namespace}/${o.metadata.name}`)]);
const errorsOf = (ds: readonly Diagnostic[]) => ds.filter((d) => d.severity === 'error').map((d) => d.message).sort();

describe('IncrementalDesired: edits that reach Gateways through references', () => {
  it('a ReferenceGrant added and removed changes what a cross-namespace backend resolves to, as a cold run', async () => {
    const docs: (string | undefined)[] = docsOf({ gateways: 5, routes: 10 });
    const r = indexOf(docs, 'name: route-3\n');
    docs[r] = docs[r]!.replace(/backendRefs:\n {8}- name: svc-(\d+)\n {10}port: 80/, crossNamespace);
    const inc = new IncrementalDesired(settings);
    const denied = inc.round(filesOf(docs));
    expect(denied.stacks).toEqual((await cold(filesOf(docs))).stacks);
    docs.push(grantFrom('team-3', 'team-4'));
    const granted = inc.round(filesOf(docs));
    expect(granted.rebuilt).toBe('all');
    expect(granted.stacks).toEqual((await cold(filesOf(docs))).stacks);
    expect(granted.stacks).not.toEqual(denied.stacks);
    docs.pop();
    const revoked = inc.round(filesOf(docs));
    expect(revoked.stacks).toEqual(denied.stacks);
  });

  it('a Service with IP targets: its EndpointSlice edited rebuilds the Gateways of its routes only, as a cold run', async () => {
    const docs: (string | undefined)[] = docsOf({ gateways: 5, routes: 10 });
    docs.push(`apiVersion: gateway.k8s.aws/v1
kind: TargetGroupConfiguration
metadata:
  name: tgc-2
  namespace: team-2
spec:
  targetReference:
    name: svc-2
  defaultConfiguration:
    targetType: ip`);
    const slice = (ip: string) => `apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: svc-2-abc
  namespace: team-2
  labels:
    kubernetes.io/service-name: svc-2
addressType: IPv4
ports:
  - name: http
    port: 8080
    protocol: TCP
endpoints:
  - addresses: ["${ip}"]
    conditions: {ready: true}
    targetRef: {kind: Pod, name: pod-2, namespace: team-2}`;
    docs.push(slice('10.0.1.1'));
    const inc = new IncrementalDesired(settings);
    const first = inc.round(filesOf(docs));
    expect(first.stacks).toEqual((await cold(filesOf(docs))).stacks);
    docs[docs.length - 1] = slice('10.0.1.2');
    const moved = inc.round(filesOf(docs));
    expect([...(moved.rebuilt as Set<string>)]).toEqual(['team-2/gw-2']);
    expect(moved.stacks).toEqual((await cold(filesOf(docs))).stacks);
    expect(moved.stacks).not.toEqual(first.stacks);
  });
});

describe('IncrementalDesired over random edits', () => {
  it('files: every round equals a cold run of the same input (stacks, objects, reading diagnostics, errors)', async () => {
    const original = docsOf({ gateways: 5, routes: 30 });
    const docs: (string | undefined)[] = [...original];
    const inc = new IncrementalDesired(settings);
    inc.round(filesOf(docs));
    const rand = randomOf(42);
    const edits = editsOf(docs, original, { duplicates: true });
    let partial = 0;
    for (let step = 0; step < 30; step++) {
      edits[rand(edits.length)]!(rand(docs.length));
      const texts = filesOf(docs);
      const round = inc.round(texts);
      const loaded = loadTexts(texts);
      const want = await desiredState({ files: [], settings, loaded, offline: true });
      expect(round.stacks, `step ${step}`).toEqual([...want.stacks].sort((a, b) => (a.id < b.id ? -1 : 1)));
      expect(keysOf(round.loaded.snapshot), `step ${step}`).toEqual(keysOf(loaded.snapshot));
      expect(round.loaded.diagnostics, `step ${step}`).toEqual(loaded.diagnostics);
      expect(errorsOf(round.diagnostics), `step ${step}`).toEqual(errorsOf(want.diagnostics));
      if (round.rebuilt !== 'all' && round.rebuilt.size > 0 && round.rebuilt.size < 5) partial++;
    }
    // The edits must mostly be ones that rebuild some Gateways, not none or all.
    expect(partial).toBeGreaterThan(5);
  });

  it('cluster: every round over the watch\'s objects equals a cold read of the same cluster', async () => {
    const original = docsOf({ gateways: 5, routes: 30 });
    const docs: (string | undefined)[] = [...original];
    const cluster = new FakeCluster();
    const keyOf = (d: string) => {
      const item = itemsOf([d])[0]! as { kind: string; metadata: { namespace?: string; name: string } };
      return { kind: item.kind, namespace: item.metadata.namespace ?? '', name: item.metadata.name };
    };
    // What the API server holds: the documents, each put when it changes and deleted when it goes.
    let held = new Map<string, string>();
    const sync = () => {
      const now = new Map<string, string>();
      for (const d of docs) if (d !== undefined) now.set(JSON.stringify(keyOf(d)), d);
      for (const [key, d] of now) if (held.get(key) !== d) cluster.put(itemsOf([d])[0]!);
      for (const key of held.keys()) {
        if (now.has(key)) continue;
        const k = JSON.parse(key) as ReturnType<typeof keyOf>;
        cluster.remove(k.kind, k.namespace, k.name);
      }
      held = now;
    };
    sync();
    const inc = new IncrementalDesired(settings);
    const first = await cluster.units();
    inc.roundOf(first.units, first.diagnostics);
    const rand = randomOf(7);
    const edits = editsOf(docs, original, { duplicates: false });
    let partial = 0;
    for (let step = 0; step < 30; step++) {
      edits[rand(edits.length)]!(rand(docs.length));
      sync();
      const read = await cluster.units();
      const round = inc.roundOf(read.units, read.diagnostics);
      const loaded = await cluster.snapshot();
      const want = await desiredState({ files: [], settings, loaded, offline: true });
      expect(round.stacks, `step ${step}`).toEqual([...want.stacks].sort((a, b) => (a.id < b.id ? -1 : 1)));
      expect(keysOf(round.loaded.snapshot), `step ${step}`).toEqual(keysOf(loaded.snapshot));
      expect(round.loaded.diagnostics, `step ${step}`).toEqual(loaded.diagnostics);
      expect(errorsOf(round.diagnostics), `step ${step}`).toEqual(errorsOf(want.diagnostics));
      if (round.rebuilt !== 'all' && round.rebuilt.size > 0 && round.rebuilt.size < 5) partial++;
    }
    expect(partial).toBeGreaterThan(8);
  });

  it('cluster: an unchanged watch decodes nothing and rebuilds nothing; one edited route rebuilds its Gateway', async () => {
    const docs = docsOf({ gateways: 4, routes: 20 });
    const cluster = new FakeCluster();
    for (const item of itemsOf(docs)) cluster.put(item);
    const inc = new IncrementalDesired(settings);
    inc.roundOf((await cluster.units()).units);
    expect([...(inc.roundOf((await cluster.units()).units).rebuilt as Set<string>)]).toEqual([]);
    const r = indexOf(docs, 'name: route-5\n');
    cluster.put(itemsOf([docs[r]!.replace('/svc-5/v0', '/svc-5/edited')])[0]!);
    const edited = inc.roundOf((await cluster.units()).units);
    expect([...(edited.rebuilt as Set<string>)]).toEqual(['team-1/gw-1']);
    // A new resourceVersion with the same content (a status write, a no-op apply) rebuilds nothing.
    cluster.put(itemsOf([docs[indexOf(docs, 'name: gw-2\n')]!])[0]!);
    expect([...(inc.roundOf((await cluster.units()).units).rebuilt as Set<string>)]).toEqual([]);
  });
});
