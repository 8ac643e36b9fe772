/**
 * AwsError is what every handler throws for a failure the caller should see as an AWS error.
 * The wire layer turns it into the service's envelope (aws-api-facts.md §1.4, §1.5, §1.6).
 */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number = 400,
  ) {
    super(message);
    this.name = code;
  }
}

/** ELBv2's unmodelled catch-all for bad input (HTTP 400, JS name `ValidationError`). */
export function validationError(message: string): AwsError {
  return new AwsError('ValidationError', message);
}

/** The real "1 validation error detected" wording; `path` is the lowerCamel member path (§0.11). */
export function constraintError(value: unknown, path: string, constraint: string): AwsError {
  const shown = value === null || value === undefined ? 'null' : `'${Array.isArray(value) ? `[${value.join(', ')}]` : String(value)}'`;
  return validationError(`1 validation error detected: Value ${shown} at '${path}' failed to satisfy constraint: ${constraint}`);
}

export function enumError(value: string, path: string, allowed: readonly string[]): AwsError {
  return constraintError(value, path, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
}

export function missingError(path: string): AwsError {
  return constraintError(null, path, 'Member must not be null');
}
