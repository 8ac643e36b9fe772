/**
 * Injected failures: rules that pick calls (by action, writes only, the Nth on, a seeded share)
 * and what those calls get instead of their real answer. Most kinds answer before the handler
 * runs, so the call never happens. `lose-response` is the other half of a network failure: the
 * call runs against the state and only its answer is lost — what the client sees is a 500 or a
 * closed connection, both of which the AWS SDK retries (standard retry mode treats 500/502/503/504
 * and ECONNRESET as transient, @smithy/core retry), so the retry meets the resource the first
 * attempt created (DuplicateListener, PriorityInUse, InvalidGroup.Duplicate…).
 */
import { AwsError } from './errors.js';
import type { ServiceName } from '../aws-rules/request-rates.js';

/** What an injected failure answers with. */
export type FailureSpec =
  | { readonly kind: 'internal' }
  | { readonly kind: 'unavailable' }
  /** The service's real throttling answer, as if a token bucket were empty. */
  | { readonly kind: 'throttling' }
  | { readonly kind: 'error'; readonly code: string; readonly message?: string; readonly status?: number }
  /**
   * The call is executed, then its answer is replaced by the service's internal error (500), or
   * with `via: 'reset'` the connection is closed without an answer.
   */
  | { readonly kind: 'lose-response'; readonly via?: 'internal' | 'reset' };

export interface FailureRuleInput {
  /** `CreateListener` or `elbv2:CreateListener`; absent matches every AWS call. */
  readonly action?: string;
  /** Only calls that change something: every action but Describe*, List* and Get*. */
  readonly writesOnly?: boolean;
  /** Fail the Nth matching call counted from when the rule is added (default 1: the next one). */
  readonly nth?: number;
  /** How many matching calls fail from the Nth on (default 1; unlimited with `chance`). */
  readonly times?: number;
  /**
   * Fail each matching call from the Nth on with this probability (0–1) instead of always: for
   * "20% of calls are throttled" style tests. Draws come from a generator seeded by `seed`
   * (default 1), so a failing run can be replayed.
   */
  readonly chance?: number;
  readonly seed?: number;
  readonly error: FailureSpec;
}

export interface FailureRule extends FailureRuleInput {
  readonly id: string;
  /** Matching calls seen; for `lose-response`, only calls that reached the handler. */
  seen: number;
  /** Calls failed (for `lose-response`: answers lost). */
  failed: number;
  /** State of the rule's random generator (only with `chance`). */
  draw?: number;
}

/** A lost answer: the error the client gets, or `reset` for a closed connection. */
export interface LostResponse {
  readonly error: AwsError;
  readonly reset: boolean;
}

/** mulberry32: a tiny seeded generator; returns [value in [0,1), next state]. */
function nextRandom(state: number): [number, number] {
  const next = (state + 0x6d2b79f5) | 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [((t ^ (t >>> 14)) >>> 0) / 4294967296, next];
}

export function matchesAction(wanted: string, key: string): boolean {
  return wanted.includes(':') ? wanted === key : key.endsWith(`:${wanted}`);
}

const isWrite = (key: string) => !/:(Describe|List|Get)/.test(key);

export class FailureRules {
  private rules: FailureRule[] = [];
  private nextId = 1;

  list(): readonly FailureRule[] {
    return this.rules;
  }

  add(input: FailureRuleInput): FailureRule {
    if (input.chance !== undefined && !(input.chance >= 0 && input.chance <= 1)) throw new Error(`failure chance must be between 0 and 1, got ${input.chance}`);
    const rule: FailureRule = { ...input, id: String(this.nextId++), seen: 0, failed: 0, ...(input.chance !== undefined ? { draw: input.seed ?? 1 } : {}) };
    this.rules.push(rule);
    return rule;
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length !== before;
  }

  clear(): void {
    this.rules = [];
  }

  /** Before the handler: the injected answer for this call, if a rule fires. */
  refusal(service: ServiceName, action: string): AwsError | undefined {
    const rule = this.firing(`${service}:${action}`, false);
    return rule && rule.error.kind !== 'lose-response' ? failureError(service, rule.error) : undefined;
  }

  /** After the handler ran: whether this call's answer is lost. */
  loss(service: ServiceName, action: string): LostResponse | undefined {
    const rule = this.firing(`${service}:${action}`, true);
    if (rule?.error.kind !== 'lose-response') return undefined;
    return { error: failureError(service, { kind: 'internal' }), reset: rule.error.via === 'reset' };
  }

  /** The first rule of the phase that fires for this call; counts it as seen/failed. */
  private firing(key: string, afterHandler: boolean): FailureRule | undefined {
    for (const rule of this.rules) {
      if ((rule.error.kind === 'lose-response') !== afterHandler) continue;
      if (rule.action !== undefined && !matchesAction(rule.action, key)) continue;
      if (rule.writesOnly && !isWrite(key)) continue;
      rule.seen += 1;
      const nth = rule.nth ?? 1;
      const limit = rule.times ?? (rule.chance !== undefined ? Infinity : 1);
      if (rule.seen < nth || rule.failed >= limit) continue;
      if (rule.chance !== undefined) {
        const [value, next] = nextRandom(rule.draw ?? 1);
        rule.draw = next;
        if (value >= rule.chance) continue;
      }
      rule.failed += 1;
      return rule;
    }
    return undefined;
  }
}

/** The real throttling answer per service (aws-api-facts.md §0.1, §3.8). */
export function throttlingError(service: ServiceName): AwsError {
  switch (service) {
    case 'elbv2':
      return new AwsError('Throttling', 'Rate exceeded', 400);
    case 'ec2':
      return new AwsError('RequestLimitExceeded', 'Request limit exceeded.', 503);
    case 'acm':
    case 'wafv2':
    case 'shield':
      return new AwsError('ThrottlingException', 'Rate exceeded', 400);
  }
}

function failureError(service: ServiceName, spec: Exclude<FailureSpec, { kind: 'lose-response' }>): AwsError {
  switch (spec.kind) {
    case 'throttling':
      return throttlingError(service);
    case 'internal':
      return service === 'ec2'
        ? new AwsError('InternalError', 'An internal error has occurred. (injected by the emulator)', 500)
        : new AwsError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure. (injected by the emulator)', 500);
    case 'unavailable':
      return service === 'ec2'
        ? new AwsError('Unavailable', "The server is overloaded and can't handle the request. (injected by the emulator)", 503)
        : new AwsError('ServiceUnavailable', 'The request has failed due to a temporary failure of the server. (injected by the emulator)', 503);
    case 'error':
      return new AwsError(spec.code, spec.message ?? `injected ${spec.code}`, spec.status ?? 400);
  }
}
