/**
 * What a watch round reads from AWS: every owned stack (a whole round), or only the stacks of the
 * Gateways whose desired stacks a change altered (a narrowed round). A narrowed round reads the
 * account-wide listings and each of those stacks' own listeners, rules, certificates and
 * attributes (observe/index.ts, as `plan --gateway` does), so a one-route edit in a large input
 * costs one stack's reads.
 *
 * A round is narrowed only when everything before it is known to be in place and nothing can have
 * left the input: the previous round ended clean (planned, not refused, nothing aborted, its apply
 * — if any — done and verified), the trigger is a change (files or cluster), the input has no
 * errors, and every Gateway of the previous round is still in it. The first round, resyncs,
 * retries, rounds after a failure and rounds where a Gateway left the input (deleted, renamed,
 * an orphan to judge or prune) read the whole account, so orphans and prune are judged only there
 * — a narrowed plan holds no stack it did not read, and so never deletes one. Pure.
 */
import type { Stack } from '../model/stack.js';
import type { Trigger } from './triggers.js';

/** Why a round reads every owned stack. */
export type WholeReason = 'first-round' | 'resync' | 'retry' | 'after-failure' | 'input-errors' | 'change-reaches-all' | 'gateway-left';

export type RoundReads = { readonly kind: 'whole'; readonly why: WholeReason } | { readonly kind: 'narrowed'; readonly gateways: ReadonlySet<string> };

/** What the round before this one leaves for it. */
export interface PreviousRound {
  /** Planned with nothing refused or aborted, and any apply finished and verified. */
  readonly clean: boolean;
  /** `ns/name` of every Gateway in its input. */
  readonly inputGateways: readonly string[];
}

export interface ReadsInput {
  readonly trigger: Trigger;
  readonly previous: PreviousRound | undefined;
  /** Gateways whose desired stacks changed since the previous round (changedStacks); 'all' when unknown. */
  readonly reached: ReadonlySet<string> | 'all';
  readonly inputGateways: readonly string[];
  readonly errored: boolean;
}

export function roundReads(r: ReadsInput): RoundReads {
  const whole = (why: WholeReason): RoundReads => ({ kind: 'whole', why });
  switch (r.trigger.kind) {
    case 'initial':
      return whole('first-round');
    case 'resync':
      return whole('resync');
    case 'retry':
      return whole('retry');
    case 'files':
    case 'cluster':
      break;
  }
  if (!r.previous) return whole('first-round');
  if (!r.previous.clean) return whole('after-failure');
  if (r.errored) return whole('input-errors');
  if (r.reached === 'all') return whole('change-reaches-all');
  const now = new Set(r.inputGateways);
  if (r.previous.inputGateways.some((g) => !now.has(g))) return whole('gateway-left');
  // A reached Gateway that is not in the input is one that left (a route pointed at it).
  if ([...r.reached].some((g) => !now.has(g))) return whole('gateway-left');
  return { kind: 'narrowed', gateways: r.reached };
}

/** Two reach sets as one: what several reads of the input within one round reached. */
export function unionReached(a: ReadonlySet<string> | 'all', b: ReadonlySet<string> | 'all'): ReadonlySet<string> | 'all' {
  return a === 'all' || b === 'all' ? 'all' : new Set([...a, ...b]);
}

/**
 * Of the `candidates` (the Gateways an input change reached; 'all' after a change every Gateway
 * may see, or new discovery facts), those whose desired stack differs from the previous round's:
 * a stack that did not change still matches what the previous, clean round left in AWS, so only
 * drift could differ there, and drift is what the whole rounds (resync) look for. Stacks are
 * compared as JSON, except the engine's kept ones, which are the same objects.
 */
export function changedStacks(before: ReadonlyMap<string, Stack> | undefined, after: readonly Stack[], candidates: ReadonlySet<string> | 'all'): ReadonlySet<string> | 'all' {
  if (!before) return 'all';
  const now = new Map(after.map((s) => [s.id, s]));
  const ids = candidates === 'all' ? new Set([...before.keys(), ...now.keys()]) : candidates;
  const out = new Set<string>();
  for (const id of ids) {
    const a = before.get(id);
    const b = now.get(id);
    if (a === b) continue;
    if (!a || !b || JSON.stringify(a) !== JSON.stringify(b)) out.add(id);
  }
  return out;
}
