/**
 * Counts AWS calls per `service:Operation`, as logical calls (what gwlb asked for) and HTTP
 * attempts (including the SDK's retries after throttling or 5xx). Installed as SDK middleware so
 * nothing that talks to AWS can bypass it.
 */

export type { ServiceName } from '../aws-rules/request-rates.js';
import type { ServiceName } from '../aws-rules/request-rates.js';

/** Any SDK v3 client; its middleware stack is typed per client, so it is taken loosely here. */
interface Instrumentable {
  readonly middlewareStack: object;
}

type AddMiddleware = (middleware: unknown, options: { step: 'initialize' | 'deserialize'; name: string; override?: boolean }) => void;

type Handler = (args: unknown) => Promise<unknown>;

export class CallCounter {
  private readonly logical = new Map<string, number>();
  private readonly attemptCounts = new Map<string, number>();

  instrument(service: ServiceName, client: Instrumentable): void {
    const bump = (map: Map<string, number>, op: string) => map.set(`${service}:${op}`, (map.get(`${service}:${op}`) ?? 0) + 1);
    const operation = (context: { commandName?: string }) => (context.commandName ?? 'Unknown').replace(/Command$/, '');
    const stack = client.middlewareStack as { add: AddMiddleware };
    const add: AddMiddleware = (m, o) => stack.add(m, o);
    add(
      (next: Handler, context: { commandName?: string }) => (args: unknown) => {
        bump(this.logical, operation(context));
        return next(args);
      },
      { step: 'initialize', name: 'gwlbCallCounter', override: true },
    );
    // The deserialize step runs once per HTTP attempt (the retry middleware sits above it).
    add(
      (next: Handler, context: { commandName?: string }) => (args: unknown) => {
        bump(this.attemptCounts, operation(context));
        return next(args);
      },
      { step: 'deserialize', name: 'gwlbAttemptCounter', override: true },
    );
  }

  /** Logical calls per `service:Operation`, sorted by key. */
  byOperation(): Record<string, number> {
    return Object.fromEntries([...this.logical].sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  total(): number {
    let n = 0;
    for (const v of this.logical.values()) n += v;
    return n;
  }

  /** HTTP attempts, retries included. */
  attempts(): number {
    let n = 0;
    for (const v of this.attemptCounts.values()) n += v;
    return n;
  }

  /** Logical calls whose operation does not start with Describe/List/Get: the writes. */
  writes(): number {
    let n = 0;
    for (const [k, v] of this.logical) if (!/:(Describe|List|Get)/.test(k)) n += v;
    return n;
  }

  reset(): void {
    this.logical.clear();
    this.attemptCounts.clear();
  }
}
