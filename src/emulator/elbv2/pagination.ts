/**
 * Marker/PageSize pagination (aws-api-facts.md §2.2): PageSize 1–400, `NextMarker` only when more
 * results remain, and a marker we did not issue is a ValidationError.
 */
import { validationError } from '../errors.js';
import type { QueryInput } from '../wire/query-input.js';

export const MAX_PAGE_SIZE = 400;

export interface Page<T> {
  readonly items: T[];
  readonly nextMarker?: string;
}

export function paginate<T>(all: readonly T[], input: QueryInput): Page<T> {
  const size = input.int('PageSize', { min: 1, max: MAX_PAGE_SIZE }) ?? MAX_PAGE_SIZE;
  const marker = input.str('Marker');
  const start = marker === undefined ? 0 : decodeMarker(marker);
  const items = all.slice(start, start + size);
  const end = start + items.length;
  return end < all.length ? { items, nextMarker: encodeMarker(end) } : { items };
}

function encodeMarker(offset: number): string {
  return Buffer.from(`gwlb-emulator:${offset}`).toString('base64');
}

function decodeMarker(marker: string): number {
  const m = /^gwlb-emulator:(\d+)$/.exec(Buffer.from(marker, 'base64').toString('utf8'));
  if (!m) throw validationError(`The marker '${marker}' is not valid; pass the NextMarker of a previous response`);
  return Number(m[1]);
}
