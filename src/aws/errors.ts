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

/** Credentials or network problems: say what to check instead of a stack trace. */
export function isSetupProblem(err: unknown): boolean {
  const name = typeof err === 'object' && err !== null ? String((err as { name?: unknown }).name) : '';
  return name === 'CredentialsProviderError' || /ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test(errorMessage(err));
}

/** What to tell a user whose AWS calls cannot start: which endpoint, and what to check. */
export function setupProblemMessage(err: unknown, endpoint?: string): string {
  const where = endpoint ? `the AWS endpoint ${endpoint}` : 'AWS';
  const hint = endpoint ? 'is `gwlb emulator` (or the endpoint) running at that address?' : 'check credentials (--profile, AWS_PROFILE), --region, or --endpoint-url';
  return `cannot reach ${where}: ${describeAwsError(err)}; ${hint}`;
}
