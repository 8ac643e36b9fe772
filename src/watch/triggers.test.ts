import { describe, expect, it } from 'vitest';
import { isInputUnchanged, iterableSource, mergeTriggers, type Trigger } from './triggers.js';

describe('mergeTriggers', () => {
  it.each<[string, Trigger[], Trigger]>([
    ['files are merged, sorted, once each', [{ kind: 'files', paths: ['b.yaml'] }, { kind: 'files', paths: ['a.yaml', 'b.yaml'] }], { kind: 'files', paths: ['a.yaml', 'b.yaml'] }],
    ['a change wins over the resync it came with', [{ kind: 'resync' }, { kind: 'files', paths: ['a.yaml'] }], { kind: 'files', paths: ['a.yaml'] }],
    ['resyncs alone stay a resync', [{ kind: 'resync' }, { kind: 'resync' }], { kind: 'resync' }],
    ['the initial round wins over everything', [{ kind: 'files', paths: ['a.yaml'] }, { kind: 'initial' }], { kind: 'initial' }],
    ['the last retry wins over changes', [{ kind: 'retry', attempt: 1 }, { kind: 'files', paths: ['a.yaml'] }, { kind: 'retry', attempt: 2 }], { kind: 'retry', attempt: 2 }],
    ['cluster objects are merged', [{ kind: 'cluster', objects: ['Gateway default/b'] }, { kind: 'cluster', objects: ['Gateway default/a'] }], { kind: 'cluster', objects: ['Gateway default/a', 'Gateway default/b'] }],
  ])('%s', (_name, batch, merged) => {
    expect(mergeTriggers(batch)).toEqual(merged);
  });

  it('only a resync round calls its changes drift', () => {
    expect((['initial', 'resync'] as const).map((kind) => isInputUnchanged({ kind }))).toEqual([false, true]);
    expect(isInputUnchanged({ kind: 'files', paths: [] })).toBe(false);
  });
});

describe('iterableSource', () => {
  it('emits what the iterable yields, and stopping ends the generator', async () => {
    let finished = false;
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    async function* cluster(): AsyncGenerator<Trigger> {
      try {
        yield { kind: 'cluster', objects: ['Gateway default/web'] };
        await gate;
        yield { kind: 'cluster', objects: ['HTTPRoute default/api'] };
      } finally {
        finished = true;
      }
    }
    const seen: Trigger[] = [];
    const stop = iterableSource(cluster()).start((t) => seen.push(t));
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual([{ kind: 'cluster', objects: ['Gateway default/web'] }]);
    stop();
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toHaveLength(1);
    expect(finished).toBe(true);
  });

  it('an iterable that throws is reported', async () => {
    const errors: unknown[] = [];
    async function* broken(): AsyncGenerator<Trigger> {
      throw new Error('watch failed');
    }
    iterableSource(broken(), (e) => errors.push(e)).start(() => {});
    await new Promise((r) => setTimeout(r, 0));
    expect(errors).toEqual([new Error('watch failed')]);
  });
});
