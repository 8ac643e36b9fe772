/** The emulator's token buckets: AWS's request rates (aws-rules/request-rates.ts) enforced per call. */
import { defaultRates, type BucketKey, type BucketSpec } from '../aws-rules/request-rates.js';

const DEFAULTS = defaultRates();

interface Bucket {
  tokens: number;
  last: number;
  readonly spec: BucketSpec;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private rates: Record<string, BucketSpec>,
    private readonly now: () => number,
  ) {}

  setRates(rates: Record<string, BucketSpec>): void {
    this.rates = rates;
    this.buckets.clear();
  }

  /** Takes one token; false when the bucket is empty (the caller answers with a throttling error). */
  take(key: BucketKey): boolean {
    const spec = this.rates[key.bucket] ?? this.rates[key.category] ?? DEFAULTS[key.category] ?? { capacity: 10, refillPerSecond: 10 };
    const now = this.now();
    let bucket = this.buckets.get(key.bucket);
    if (!bucket) {
      bucket = { tokens: spec.initialTokens ?? spec.capacity, last: now, spec };
      this.buckets.set(key.bucket, bucket);
    }
    bucket.tokens = Math.min(spec.capacity, bucket.tokens + ((now - bucket.last) / 1000) * spec.refillPerSecond);
    bucket.last = now;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
