import { describe, expect, it } from 'vitest';
import { isConnectionFailure, isSetupProblem, setupProblemMessage } from './errors.js';
import { GwlbRetryStrategy, Reachability } from './retry.js';

/** Errors as Node and the SDK's HTTP handler raise them. */
const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
const noSuchHost = Object.assign(new Error('getaddrinfo ENOTFOUND elasticloadbalancing.xx-nowhere-1.amazonaws.com'), { code: 'ENOTFOUND' });
const connectTimeout = Object.assign(new Error('@smithy/node-http-handler - the request socket did not establish a connection with the server within the configured timeout of 3000 ms.'), { name: 'TimeoutError' });
const requestTimeout = Object.assign(new Error('@smithy/node-http-handler - [ERROR] a request has exceeded the configured 5000 ms requestTimeout.'), { name: 'TimeoutError', code: 'ETIMEDOUT' });
const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
const unavailable = Object.assign(new Error('Service Unavailable'), { name: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } });

describe('isConnectionFailure', () => {
  it('refused, no such host and the connection timeout: no connection was made', () => {
    for (const e of [refused, noSuchHost, connectTimeout]) expect(isConnectionFailure(e), e.message).toBe(true);
  });

  it('a reset, a request timeout or an HTTP error came after a connection', () => {
    for (const e of [reset, requestTimeout, unavailable]) expect(isConnectionFailure(e), e.message).toBe(false);
  });

  it('the connection timeout is a setup problem, told without the handler’s wording', () => {
    expect(isSetupProblem(connectTimeout)).toBe(true);
    expect(setupProblemMessage(connectTimeout, 'http://127.0.0.1:4566')).toBe(
      'cannot reach the AWS endpoint http://127.0.0.1:4566: no connection within 3000 ms; is `gwlb emulator` (or the endpoint) running at that address?',
    );
    expect(setupProblemMessage(refused, 'http://127.0.0.1:1')).toBe('cannot reach the AWS endpoint http://127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1; is `gwlb emulator` (or the endpoint) running at that address?');
  });
});

describe('GwlbRetryStrategy', () => {
  type ErrorInfo = Parameters<GwlbRetryStrategy['refreshRetryTokenForRetry']>[1];
  const transient = (error: Error): ErrorInfo => ({ error: error as ErrorInfo['error'], errorType: 'TRANSIENT' });

  it('does not retry a failed connection while the endpoint has never answered', async () => {
    for (const error of [refused, noSuchHost, connectTimeout]) {
      const strategy = new GwlbRetryStrategy(10, new Reachability());
      const token = await strategy.acquireInitialRetryToken('');
      await expect(strategy.refreshRetryTokenForRetry(token, transient(error))).rejects.toThrow();
    }
  });

  it('retries other transient errors as the standard retryer does, and they show the endpoint answers', async () => {
    const reachability = new Reachability();
    const strategy = new GwlbRetryStrategy(10, reachability);
    const token = await strategy.acquireInitialRetryToken('');
    const next = await strategy.refreshRetryTokenForRetry(token, transient(unavailable));
    expect(next.getRetryCount()).toBe(1);
    expect(reachability.answered).toBe(true);
  });

  it('once any client of the connection has had an answer, a failed connection is retried', async () => {
    const reachability = new Reachability();
    const answered = new GwlbRetryStrategy(10, reachability);
    answered.recordSuccess(await answered.acquireInitialRetryToken(''));
    const other = new GwlbRetryStrategy(10, reachability);
    const next = await other.refreshRetryTokenForRetry(await other.acquireInitialRetryToken(''), transient(refused));
    expect(next.getRetryCount()).toBe(1);
  });

  it('keeps the attempt limit', async () => {
    const strategy = new GwlbRetryStrategy(2, new Reachability());
    const first = await strategy.refreshRetryTokenForRetry(await strategy.acquireInitialRetryToken(''), transient(unavailable));
    await expect(strategy.refreshRetryTokenForRetry(first, transient(unavailable))).rejects.toThrow();
  });
});
