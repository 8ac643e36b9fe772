/**
 * awsJson1_1 envelopes for ACM, WAFv2 and Shield (aws-api-facts.md §1.6). Errors carry `__type`
 * and a lowercase `message` (plus any members the error shape has, e.g. WAFv2's `Field`), and
 * the `x-amzn-errortype` header, which the SDK reads first.
 */
import type { AwsError } from '../errors.js';
import type { WireResponse } from './response.js';

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

/** A parsed awsJson request body. */
export type JsonBody = Record<string, unknown>;

export function jsonSuccess(result: unknown): WireResponse {
  return { status: 200, contentType: JSON_CONTENT_TYPE, body: JSON.stringify(result) };
}

export function jsonError(err: AwsError): WireResponse & { errorType: string } {
  return { status: err.status, contentType: JSON_CONTENT_TYPE, body: JSON.stringify({ __type: err.code, message: err.message, ...errorMembers(err) }), errorType: err.code };
}

/** Epoch seconds as a JSON number, the awsJson timestamp format (§0.10). */
export function epochSeconds(iso: string): number {
  return Date.parse(iso) / 1000;
}

/** Extra members of an error shape, when the error carries them (`extra`). */
function errorMembers(err: AwsError): Record<string, unknown> {
  const extra = (err as AwsError & { extra?: unknown }).extra;
  return typeof extra === 'object' && extra !== null ? (extra as Record<string, unknown>) : {};
}
