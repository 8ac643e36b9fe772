/**
 * The SDK's standard retryer (LBC's 10 attempts), except for an endpoint that has never answered.
 * An endpoint nobody listens on refuses at once, a region that does not exist fails its DNS
 * lookup at once, and the standard retryer would try each call 10 times with backoff: ~20 s
 * before `cannot reach the AWS endpoint ...`. Until any call of the run has had an HTTP
 * response, a failure to connect is reported at once; once the endpoint has answered, a failed
 * connection is a blip in a long apply and is retried as standard.
 */
import { StandardRetryStrategy } from '@smithy/core/retry';
import { isConnectionFailure } from './errors.js';

type RetryToken = Awaited<ReturnType<StandardRetryStrategy['acquireInitialRetryToken']>>;
type RetryErrorInfo = Parameters<StandardRetryStrategy['refreshRetryTokenForRetry']>[1];

/** How long a connection may take before the call fails; the SDK sets no limit, leaving it to the OS (minutes). */
export const CONNECTION_TIMEOUT_MS = 3000;

/** Whether any client of one connection has had an HTTP response (shared by its three clients). */
export class Reachability {
  answered = false;
}

/** Any HTTP response, error statuses included, shows the endpoint is there. */
function hadResponse(err: unknown): boolean {
  const e = err as { $metadata?: { httpStatusCode?: number }; $response?: unknown } | null;
  return e?.$metadata?.httpStatusCode !== undefined || e?.$response !== undefined;
}

export class GwlbRetryStrategy extends StandardRetryStrategy {
  constructor(
    maxAttempts: number,
    private readonly reachability: Reachability,
  ) {
    super(maxAttempts);
  }

  override async refreshRetryTokenForRetry(token: RetryToken, errorInfo: RetryErrorInfo): Promise<RetryToken> {
    if (hadResponse(errorInfo.error)) this.reachability.answered = true;
    // Throwing here is how a strategy declines to retry: the SDK then throws the call's error.
    if (!this.reachability.answered && isConnectionFailure(errorInfo.error)) throw new Error('no retry: the endpoint has never answered');
    return super.refreshRetryTokenForRetry(token, errorInfo);
  }

  override recordSuccess(token: RetryToken): void {
    this.reachability.answered = true;
    super.recordSuccess(token);
  }
}
