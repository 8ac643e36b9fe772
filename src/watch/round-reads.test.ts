import { describe, expect, it } from 'vitest';
import type { Stack } from '../model/stack.js';
import { changedStacks, roundReads, unionReached, type ReadsInput } from './round-reads.js';

const A = 'team-a/gw-a';
const B = 'team-b/gw-b';
const clean = { clean: true, inputGateways: [A, B] };
const change = (over: Partial<ReadsInput> = {}): ReadsInput => ({ trigger: { kind: 'files', paths: ['routes.yaml'] }, previous: clean, reached: new Set([A]), inputGateways: [A, B], errored: false, ...over });

describe('roundReads', () => {
  it('narrows a change after a clean round to the Gateways it reached', () => {
    expect(roundReads(change())).toEqual({ kind: 'narrowed', gateways: new Set([A]) });
    expect(roundReads(change({ trigger: { kind: 'cluster', objects: ['HTTPRoute team-a/r'] } }))).toEqual({ kind: 'narrowed', gateways: new Set([A]) });
    // A change that reaches no Gateway (a Service no route uses) reads no stack.
    expect(roundReads(change({ reached: new Set() }))).toEqual({ kind: 'narrowed', gateways: new Set() });
  });

  it.each([
    ['the first round', change({ trigger: { kind: 'initial' } }), 'first-round'],
    ['a round with no round before it', change({ previous: undefined }), 'first-round'],
    ['a resync', change({ trigger: { kind: 'resync' } }), 'resync'],
    ['a retry', change({ trigger: { kind: 'retry', attempt: 1 } }), 'retry'],
    ['a change after a failed or refused round', change({ previous: { ...clean, clean: false } }), 'after-failure'],
    ['an input with errors', change({ errored: true }), 'input-errors'],
    ['a change that reaches every Gateway (a Secret, a ReferenceGrant)', change({ reached: 'all' }), 'change-reaches-all'],
    ['a Gateway deleted from the input', change({ inputGateways: [A] }), 'gateway-left'],
    ['a reached Gateway missing from the input (renamed)', change({ reached: new Set([A, 'team-c/gone']), previous: { clean: true, inputGateways: [A] }, inputGateways: [A] }), 'gateway-left'],
  ] as const)('reads the whole account for %s', (_name, input, why) => {
    expect(roundReads(input)).toEqual({ kind: 'whole', why });
  });

  it('unions what several reads of one round reached', () => {
    expect(unionReached(new Set([A]), new Set([B]))).toEqual(new Set([A, B]));
    expect(unionReached(new Set([A]), 'all')).toBe('all');
  });
});

const stack = (id: string, name: string): Stack => ({ id, resources: [{ type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', id: 'LoadBalancer', spec: { name } }], extras: {} }) as unknown as Stack;

describe('changedStacks', () => {
  const a = stack(A, 'k8s-a');
  const b = stack(B, 'k8s-b');
  const before = new Map([
    [A, a],
    [B, b],
  ]);

  it('keeps the candidates whose stack differs, appeared or went', () => {
    expect(changedStacks(before, [a, b], new Set([A]))).toEqual(new Set());
    expect(changedStacks(before, [stack(A, 'k8s-a'), b], new Set([A, B]))).toEqual(new Set());
    expect(changedStacks(before, [stack(A, 'k8s-a2'), b], new Set([A, B]))).toEqual(new Set([A]));
    expect(changedStacks(before, [b], new Set([A]))).toEqual(new Set([A]));
    // Only candidates count: a change outside them was not made by this input.
    expect(changedStacks(before, [stack(A, 'k8s-a2'), stack(B, 'k8s-b2')], new Set([B]))).toEqual(new Set([B]));
  });

  it('compares every stack when every Gateway may have changed (new discovery facts), and knows nothing without a previous round', () => {
    expect(changedStacks(before, [stack(A, 'k8s-a'), stack(B, 'k8s-b2'), stack('c/c', 'k8s-c')], 'all')).toEqual(new Set([B, 'c/c']));
    expect(changedStacks(undefined, [a], new Set([A]))).toBe('all');
  });
});
