import { describe, expect, it } from 'vitest';
import { loadSettings } from '../run/settings.js';
import type { KubeClient } from '../source/cluster/client.js';
import { changeName } from './cluster-source.js';
import type { WatchEvent } from './events.js';
import { blindText, runRound, type RoundConfig } from './round.js';

describe('a --from-cluster round while the cluster watch is blind', () => {
  it('plans nothing and reads nothing: failed in phase read, naming the blind kinds, for the loop to retry', async () => {
    const events: WatchEvent[] = [];
    let reads = 0;
    const cfg: RoundConfig = {
      settings: loadSettings({}),
      files: [],
      target: undefined,
      apply: false,
      prune: true,
      takeOver: false,
      readInput: async () => {
        reads++;
        return {};
      },
      signal: new AbortController().signal,
      emit: (e) => events.push(e),
      onDiagnostics: () => {},
      now: () => new Date('2026-01-01T00:00:00Z'),
      cluster: { kube: {}, client: {} as KubeClient, blind: () => ['Gateway', 'HTTPRoute'], writeStatus: true },
    };
    const result = await runRound(cfg, 3, { kind: 'cluster', objects: ['HTTPRoute example-ns/a'] });
    expect(result).toEqual({ kind: 'failed', phase: 'read', message: blindText(['Gateway', 'HTTPRoute']) });
    expect(result.kind === 'failed' && result.message).toContain('cannot read Gateway, HTTPRoute');
    expect(reads).toBe(0);
    expect(events.map((e) => e.type)).toEqual(['round_started']);
  });
});

describe('changeName', () => {
  it('names namespaced objects Kind ns/name and cluster-scoped ones Kind name', () => {
    expect(changeName({ kind: 'HTTPRoute', namespace: 'example-ns', name: 'blue', type: 'MODIFIED' })).toBe('HTTPRoute example-ns/blue');
    expect(changeName({ kind: 'GatewayClass', namespace: '', name: 'alb', type: 'ADDED' })).toBe('GatewayClass alb');
  });
});
