/**
 * Client-side pacing: every AWS request waits for a token from a bucket at AWS's documented rate
 * for its action family (aws-api-facts.md §3.8; the table lives in aws-rules/request-rates.ts, and the emulator
 * enforces the same buckets), so a large apply runs at the rate limit instead of
 * bouncing off it. Throttling becomes the exception (another client sharing the account's
 * buckets), answered by the SDK's retry as before.
 *
 * The buckets are per process and per (account endpoint, region, bucket): AWS's buckets are per
 * account and region, so every connection of this process to the same place shares them, and a
 * process cannot know what other clients spent — hence a small safety margin: a bucket starts
 * `MARGIN` tokens short of full (never empty), which absorbs the requests of one burst reaching
 * AWS in a different order or spacing than they were sent.
 *
 * A token is reserved when the request is about to be signed and sent (once per HTTP attempt,
 * retries included, as AWS counts them); the caller then sleeps until the token exists.
 */
import { bucketFor, defaultRates, type BucketKey, type BucketSpec, type ServiceName } from '../aws-rules/request-rates.js';

/** Tokens a new bucket is short of its burst (see above). */
export const MARGIN = 1;

interface Bucket {
  /** May go negative: tokens already promised to callers that are waiting. */
  tokens: number;
  last: number;
}

export class Pacer {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly rates: Readonly<Record<string, BucketSpec>>,
    private readonly now: () => number,
    private readonly margin = MARGIN,
  ) {}

  /** Reserves one token of the call's bucket; returns the milliseconds to wait before sending. */
  reserve(key: BucketKey): number {
    const spec = this.rates[key.bucket] ?? this.rates[key.category];
    if (!spec) return 0;
    const now = this.now();
    let b = this.buckets.get(key.bucket);
    // A bucket of one (WAFv2's) keeps its one token: short of it, every first call would sleep.
    const full = spec.capacity - Math.min(this.margin, Math.max(0, spec.capacity - 1));
    if (!b) this.buckets.set(key.bucket, (b = { tokens: full, last: now }));
    b.tokens = Math.min(full, b.tokens + ((now - b.last) / 1000) * spec.refillPerSecond);
    b.last = now;
    b.tokens -= 1;
    return b.tokens >= 0 ? 0 : Math.ceil((-b.tokens / spec.refillPerSecond) * 1000);
  }
}

const pacers = new Map<string, Pacer>();

/** This process's pacer for one account endpoint and region (`aws` for live AWS). */
export function sharedPacer(endpoint: string, region: string): Pacer {
  const key = `${endpoint} ${region}`;
  let p = pacers.get(key);
  if (!p) pacers.set(key, (p = new Pacer(defaultRates(), Date.now)));
  return p;
}

/** EC2's "unfiltered" category: a Describe with no ids, filters or MaxResults (emulator/ec2/paging.ts). */
function unfiltered(action: string, input: unknown): boolean {
  if (!action.startsWith('Describe') || typeof input !== 'object' || input === null) return false;
  return Object.entries(input).every(([k, v]) => v === undefined || k === 'DryRun' || k === 'NextToken');
}

interface Instrumentable {
  readonly middlewareStack: object;
}
type Handler = (args: { input?: unknown }) => Promise<unknown>;
type AddRelative = (middleware: unknown, options: { relation: 'before'; toMiddleware: string; name: string; override?: boolean }) => void;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Adds the pacing step to a client, between the retry middleware and signing (smithy's
 * httpSigningMiddleware sits right after retryMiddleware): it runs once per HTTP attempt, and the
 * request is signed after the wait, so a long queue never sends a stale signature.
 */
export function pace(service: ServiceName, client: Instrumentable, pacer: Pacer, wait: (ms: number) => Promise<void> = sleep): void {
  const add: AddRelative = (m, o) => (client.middlewareStack as { addRelativeTo: AddRelative }).addRelativeTo(m, o);
  add(
    (next: Handler, context: { commandName?: string }) => async (args: { input?: unknown }) => {
      const action = (context.commandName ?? '').replace(/Command$/, '');
      const ms = pacer.reserve(bucketFor(service, action, service === 'ec2' && unfiltered(action, args.input)));
      if (ms > 0) await wait(ms);
      return next(args);
    },
    { relation: 'before', toMiddleware: 'httpSigningMiddleware', name: 'gwlbPacer', override: true },
  );
}
