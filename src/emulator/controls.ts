/**
 * Test and benchmark controls: throttling from token buckets, injected latency, injected
 * failures, per-action call counters, and how fast resources settle (LB provisioning, target
 * health). The same object backs the in-process API and the `/_emulator/...` HTTP path.
 */
import { AwsError } from './errors.js';
import { bucketFor, defaultRates, TokenBuckets, type BucketSpec, type ServiceName } from './throttle.js';

/** What an injected failure answers with. */
export type FailureSpec =
  | { readonly kind: 'internal' }
  | { readonly kind: 'unavailable' }
  /** The service's real throttling answer, as if a token bucket were empty. */
  | { readonly kind: 'throttling' }
  | { readonly kind: 'error'; readonly code: string; readonly message?: string; readonly status?: number };

export interface FailureRuleInput {
  /** `CreateListener` or `elbv2:CreateListener`; absent matches every AWS call. */
  readonly action?: string;
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
  seen: number;
  failed: number;
  /** State of the rule's random generator (only with `chance`). */
  draw?: number;
}

/** mulberry32: a tiny seeded generator; returns [value in [0,1), next state]. */
function nextRandom(state: number): [number, number] {
  const next = (state + 0x6d2b79f5) | 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [((t ^ (t >>> 14)) >>> 0) / 4294967296, next];
}

export interface ThrottlingSettings {
  readonly enabled: boolean;
  /** Rates by bucket (`elbv2:DescribeLoadBalancers`) or category (`elbv2:describe`, `ec2:mutating`). */
  readonly overrides: Readonly<Record<string, BucketSpec>>;
}

export interface LatencySettings {
  readonly defaultMs: number;
  readonly perAction: Readonly<Record<string, number>>;
}

export interface LifecycleSettings {
  /** A new LB turns `active` on this DescribeLoadBalancers call that returns it (0: active at once). */
  readonly describesUntilActive: number;
  /** Or after this many ms since creation, whichever comes first (undefined: never by time). */
  readonly msUntilActive?: number;
  /** A registered target of a used target group is `initial` until this DescribeTargetHealth call, then `healthy`. */
  readonly describesUntilHealthy: number;
  /** A deregistered target shows `draining` on this many DescribeTargetHealth calls (0: gone at once). */
  readonly drainingDescribes: number;
}

export interface ControlsSnapshot {
  readonly counters: Record<string, number>;
  readonly throttled: Record<string, number>;
  readonly throttling: ThrottlingSettings;
  readonly latency: LatencySettings;
  readonly failures: readonly FailureRule[];
  readonly lifecycle: LifecycleSettings;
}

const DEFAULT_LIFECYCLE: LifecycleSettings = { describesUntilActive: 2, describesUntilHealthy: 2, drainingDescribes: 1 };

export class EmulatorControls {
  private counts = new Map<string, number>();
  private throttledCounts = new Map<string, number>();
  private throttle: ThrottlingSettings = { enabled: false, overrides: {} };
  private latencySettings: LatencySettings = { defaultMs: 0, perAction: {} };
  private rules: FailureRule[] = [];
  private nextRuleId = 1;
  private lifecycleSettings: LifecycleSettings = DEFAULT_LIFECYCLE;
  private readonly buckets: TokenBuckets;

  constructor(readonly now: () => number = Date.now) {
    this.buckets = new TokenBuckets(defaultRates(), now);
  }

  counters(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  /** Calls of `action` (`CreateListener` sums every service; `elbv2:CreateListener` is exact). */
  callCount(action: string): number {
    let total = 0;
    for (const [key, n] of this.counts) if (matchesAction(action, key)) total += n;
    return total;
  }

  throttledCount(action?: string): number {
    let total = 0;
    for (const [key, n] of this.throttledCounts) if (action === undefined || matchesAction(action, key)) total += n;
    return total;
  }

  resetCounters(): void {
    this.counts.clear();
    this.throttledCounts.clear();
  }

  throttling(): ThrottlingSettings {
    return this.throttle;
  }

  setThrottling(settings: Partial<ThrottlingSettings>): ThrottlingSettings {
    this.throttle = { enabled: settings.enabled ?? this.throttle.enabled, overrides: settings.overrides ?? this.throttle.overrides };
    this.buckets.setRates({ ...defaultRates(), ...this.throttle.overrides });
    return this.throttle;
  }

  latency(): LatencySettings {
    return this.latencySettings;
  }

  setLatency(settings: Partial<LatencySettings>): LatencySettings {
    this.latencySettings = { defaultMs: settings.defaultMs ?? this.latencySettings.defaultMs, perAction: settings.perAction ?? this.latencySettings.perAction };
    return this.latencySettings;
  }

  failures(): readonly FailureRule[] {
    return this.rules;
  }

  addFailure(input: FailureRuleInput): FailureRule {
    if (input.chance !== undefined && !(input.chance >= 0 && input.chance <= 1)) throw new Error(`failure chance must be between 0 and 1, got ${input.chance}`);
    const rule: FailureRule = { ...input, id: String(this.nextRuleId++), seen: 0, failed: 0, ...(input.chance !== undefined ? { draw: input.seed ?? 1 } : {}) };
    this.rules.push(rule);
    return rule;
  }

  removeFailure(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length !== before;
  }

  clearFailures(): void {
    this.rules = [];
  }

  lifecycle(): LifecycleSettings {
    return this.lifecycleSettings;
  }

  setLifecycle(settings: Partial<LifecycleSettings>): LifecycleSettings {
    this.lifecycleSettings = { ...this.lifecycleSettings, ...settings };
    return this.lifecycleSettings;
  }

  /** Back to defaults: no throttling, latency or failures; counters zeroed. */
  reset(): void {
    this.resetCounters();
    this.setThrottling({ enabled: false, overrides: {} });
    this.latencySettings = { defaultMs: 0, perAction: {} };
    this.rules = [];
    this.lifecycleSettings = DEFAULT_LIFECYCLE;
  }

  snapshot(): ControlsSnapshot {
    return {
      counters: this.counters(),
      throttled: Object.fromEntries(this.throttledCounts),
      throttling: this.throttle,
      latency: this.latencySettings,
      failures: this.rules,
      lifecycle: this.lifecycleSettings,
    };
  }

  latencyFor(service: ServiceName, action: string): number {
    const per = this.latencySettings.perAction;
    return per[`${service}:${action}`] ?? per[action] ?? this.latencySettings.defaultMs;
  }

  /**
   * Counts the call and decides whether it fails before reaching the handler: an injected
   * failure first, then throttling. Returns the error to answer with, if any.
   */
  admit(service: ServiceName, action: string, unfiltered: boolean): AwsError | undefined {
    const key = `${service}:${action}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    for (const rule of this.rules) {
      if (rule.action !== undefined && !matchesAction(rule.action, key)) continue;
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
      return failureError(service, rule.error);
    }
    if (this.throttle.enabled && !this.buckets.take(bucketFor(service, action, unfiltered))) {
      this.throttledCounts.set(key, (this.throttledCounts.get(key) ?? 0) + 1);
      return throttlingError(service);
    }
    return undefined;
  }
}

function matchesAction(wanted: string, key: string): boolean {
  return wanted.includes(':') ? wanted === key : key.endsWith(`:${wanted}`);
}

/** The real throttling answer per service (aws-api-facts.md §0.1, §3.8). */
export function throttlingError(service: ServiceName): AwsError {
  switch (service) {
    case 'elbv2':
      return new AwsError('Throttling', 'Rate exceeded', 400);
    case 'ec2':
      return new AwsError('RequestLimitExceeded', 'Request limit exceeded.', 503);
    case 'acm':
      return new AwsError('ThrottlingException', 'Rate exceeded', 400);
  }
}

function failureError(service: ServiceName, spec: FailureSpec): AwsError {
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
