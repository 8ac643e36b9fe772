import { describe, expect, it } from 'vitest';
import { generateManifests } from '../../bench/generate.js';
import { desiredState } from '../run/pipeline.js';
import { loadSettings } from '../run/settings.js';
import type { ManifestText } from '../source/files.js';
import { loadTexts } from '../source/load.js';
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

  it('random edits: every round equals a cold run of the same input', async () => {
    const docs: (string | undefined)[] = docsOf({ gateways: 5, routes: 30 });
    const inc = new IncrementalDesired(settings);
    inc.round(filesOf(docs));
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const edits: ((i: number) => void)[] = [
      // route path edited
      (i) => (docs[i] = docs[i]?.replace(/value: \/svc-(\d+)\/v0/, 'value: /svc-$1/e' + i)),
      // route re-parented within its namespace's Gateways (may leave it unattached: also a case)
      (i) => (docs[i] = docs[i]?.replace(/- name: gw-(\d+)/, (_m, g: string) => `- name: gw-${(Number(g) + 5) % 10}`)),
      // Service port changed
      (i) => (docs[i] = docs[i]?.replace(/targetPort: \d+/, `targetPort: ${8000 + i}`)),
      // document removed, or a removed one brought back as a new route
      (i) => (docs[i] = docs[i] === undefined ? docsOf({ gateways: 5, routes: 30 })[i] : undefined),
      // a document defined twice (GWLB004: the first definition wins), in another file
      (i) => docs[i] !== undefined && docs.push(docs[i]),
      // listener port changed on a Gateway
      (i) => (docs[i] = docs[i]?.includes('kind: Gateway\n') ? docs[i]!.replace('port: 80\n', 'port: 8080\n') : docs[i]),
    ];
    let partial = 0;
    for (let step = 0; step < 30; step++) {
      const i = rand(docs.length);
      edits[rand(edits.length)]!(i);
      const round = inc.round(filesOf(docs));
      const want = await cold(filesOf(docs));
      expect(round.stacks, `step ${step}`).toEqual(want.stacks);
      if (round.rebuilt !== 'all' && round.rebuilt.size > 0 && round.rebuilt.size < 5) partial++;
    }
    // The edits must mostly be ones that rebuild some Gateways, not none or all.
    expect(partial).toBeGreaterThan(4);
  });
});
