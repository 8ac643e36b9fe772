/**
 * AWS error handling in one place. SDK v3 names modelled ELBv2 errors after their shape
 * (`LoadBalancerNotFoundException` for wire code `LoadBalancerNotFound`) and keeps the wire code
 * for unmodelled ones (`ValidationError`, `Throttling`, every EC2 code such as
 * `InvalidGroup.NotFound`) — aws-api-facts.md §0.4. `errorCode` folds both to the wire code.
 * Nothing here imports the SDK, so the CLI can load it without loading the SDK.
 */

/** Thrown as a value-like error: the CLI prints `message` and exits 1. */
export class AwsSetupError extends Error {
  override readonly name = 'AwsSetupError';
}

export function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { name?: unknown; Code?: unknown; code?: unknown };
  const raw = typeof e.Code === 'string' ? e.Code : typeof e.name === 'string' ? e.name : typeof e.code === 'string' ? e.code : undefined;
  if (raw === undefined || raw === 'Error') return undefined;
  return raw.endsWith('Exception') && raw !== 'ThrottlingException' ? raw.slice(0, -'Exception'.length) : raw;
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/** `Code: message` as AWS reports it, for failure reports. */
export function describeAwsError(err: unknown): string {
  const code = errorCode(err);
  const message = errorMessage(err);
  return code && !message.startsWith(code) ? `${code}: ${message}` : message;
}

/** The object no longer exists: a delete of it is already done. */
export function isNotFound(err: unknown): boolean {
  const code = errorCode(err) ?? '';
  return /NotFound$/.test(code) || code === 'InvalidGroup.NotFound' || code === 'InvalidGroupId.NotFound';
}

export function hasCode(err: unknown, ...codes: string[]): boolean {
  const code = errorCode(err);
  return code !== undefined && codes.includes(code);
}

/** Node's codes for failures that happen before a connection exists; ECONNRESET/EPIPE come after. */
const NO_CONNECTION_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** The SDK HTTP handler's connection timeout; a request timeout says "exceeded" instead. */
const CONNECT_TIMEOUT = /did not establish a connection with the server within the configured timeout of (\d+) ms/;

/** No connection was made: refused, no such host, no route, or the connection timeout (clients.ts). */
export function isConnectionFailure(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; name?: unknown };
  if (typeof e.code === 'string' && NO_CONNECTION_CODES.has(e.code)) return true;
  return e.name === 'TimeoutError' && CONNECT_TIMEOUT.test(errorMessage(err));
}

/** Credentials or network problems: say what to check instead of a stack trace. */
export function isSetupProblem(err: unknown): boolean {
  const name = typeof err === 'object' && err !== null ? String((err as { name?: unknown }).name) : '';
  return name === 'CredentialsProviderError' || isConnectionFailure(err) || /ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test(errorMessage(err));
}

/** What to tell a user whose AWS calls cannot start: which endpoint, and what to check. */
export function setupProblemMessage(err: unknown, endpoint?: string): string {
  const where = endpoint ? `the AWS endpoint ${endpoint}` : 'AWS';
  const hint = endpoint ? 'is `gwlb emulator` (or the endpoint) running at that address?' : 'check credentials (--profile, AWS_PROFILE), --region, or --endpoint-url';
  // The handler's own words name the SDK package and the setting; the user needs only the fact.
  const timeout = CONNECT_TIMEOUT.exec(errorMessage(err));
  const what = timeout ? `no connection within ${timeout[1]} ms` : describeAwsError(err);
  return `cannot reach ${where}: ${what}; ${hint}`;
}

/** What a command that talks to AWS says when it stops on an error: setup, unreachable, or AWS's answer. */
export function commandFailureText(err: unknown, endpoint?: string): string {
  if (err instanceof AwsSetupError) return err.message;
  if (isSetupProblem(err)) return setupProblemMessage(err, endpoint);
  return describeAwsError(err);
}
