/**
 * Test and benchmark controls: throttling from token buckets, injected latency, injected
 * failures, per-action call counters, and how fast resources settle (LB provisioning, target
 * health). The same object backs the in-process API and the `/_emulator/...` HTTP path.
 */
import type { AwsError } from './errors.js';
import { FailureRules, matchesAction, throttlingError, type FailureRule, type FailureRuleInput, type LostResponse } from './failures.js';
import { bucketFor, defaultRates, type BucketSpec, type ServiceName } from '../aws-rules/request-rates.js';
import { TokenBuckets } from './throttle.js';

export type { FailureRule, FailureRuleInput, FailureSpec, LostResponse } from './failures.js';
export { throttlingError } from './failures.js';

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
  /** Error answers by `service:Action code`, injected ones included. */
  readonly errors: Record<string, number>;
  readonly lifecycle: LifecycleSettings;
}

const DEFAULT_LIFECYCLE: LifecycleSettings = { describesUntilActive: 2, describesUntilHealthy: 2, drainingDescribes: 1 };

export class EmulatorControls {
  private counts = new Map<string, number>();
  private throttledCounts = new Map<string, number>();
  private throttle: ThrottlingSettings = { enabled: false, overrides: {} };
  private latencySettings: LatencySettings = { defaultMs: 0, perAction: {} };
  private readonly rules = new FailureRules();
  private errorCounts = new Map<string, number>();
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
    this.errorCounts.clear();
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
    return this.rules.list();
  }

  addFailure(input: FailureRuleInput): FailureRule {
    return this.rules.add(input);
  }

  removeFailure(id: string): boolean {
    return this.rules.remove(id);
  }

  clearFailures(): void {
    this.rules.clear();
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
    this.rules.clear();
    this.lifecycleSettings = DEFAULT_LIFECYCLE;
  }

  snapshot(): ControlsSnapshot {
    return {
      counters: this.counters(),
      throttled: Object.fromEntries(this.throttledCounts),
      throttling: this.throttle,
      latency: this.latencySettings,
      failures: this.rules.list(),
      errors: Object.fromEntries(this.errorCounts),
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
    const injected = this.rules.refusal(service, action);
    if (injected) return injected;
    if (this.throttle.enabled && !this.buckets.take(bucketFor(service, action, unfiltered))) {
      this.throttledCounts.set(key, (this.throttledCounts.get(key) ?? 0) + 1);
      return throttlingError(service);
    }
    return undefined;
  }

  /** After the handler ran: whether the answer is lost (a `lose-response` rule fired). */
  lose(service: ServiceName, action: string): LostResponse | undefined {
    return this.rules.loss(service, action);
  }

  /** Counts an error answer (what the client is sent, after any lost response). */
  noteError(service: ServiceName, action: string, code: string): void {
    const key = `${service}:${action} ${code}`;
    this.errorCounts.set(key, (this.errorCounts.get(key) ?? 0) + 1);
  }

  /** Error answers with `code`, optionally only for `action` (`CreateRule` or `elbv2:CreateRule`). */
  errorCount(code: string, action?: string): number {
    let total = 0;
    for (const [key, n] of this.errorCounts) {
      const [call, answered] = key.split(' ');
      if (answered === code && (action === undefined || matchesAction(action, call!))) total += n;
    }
    return total;
  }
}
