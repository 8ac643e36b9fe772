/**
 * EC2 MaxResults/NextToken pagination (aws-api-facts.md §5.1): MaxResults 5–1000, everything
 * when it is omitted, `nextToken` absent on the last page, a token we did not issue is
 * InvalidNextToken.
 */
import { AwsError } from '../errors.js';
import type { QueryInput } from '../wire/query-input.js';

export interface Ec2Page<T> {
  readonly items: T[];
  readonly nextToken?: string;
}

export function ec2Paginate<T>(all: readonly T[], input: QueryInput, min = 5): Ec2Page<T> {
  const raw = input.str('MaxResults');
  let size = all.length;
  if (raw !== undefined) {
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < min || n > 1000) {
      throw new AwsError('InvalidParameterValue', `Value ( ${raw} ) for parameter maxResults is invalid. Expecting a value between ${min} and 1000.`);
    }
    size = n;
  }
  const token = input.str('NextToken');
  const start = token === undefined ? 0 : decodeToken(token);
  const items = all.slice(start, start + size);
  const end = start + items.length;
  return end < all.length ? { items, nextToken: Buffer.from(`gwlb-ec2:${end}`).toString('base64') } : { items };
}

function decodeToken(token: string): number {
  const m = /^gwlb-ec2:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
  if (!m) throw new AwsError('InvalidNextToken', 'The token provided is invalid or has expired');
  return Number(m[1]);
}

/** True when a Describe call has no ids, filters or MaxResults (EC2's cheaper-to-throttle bucket). */
export function isUnfiltered(input: QueryInput): boolean {
  return input.keys().every((k) => k === 'Action' || k === 'Version' || k === 'DryRun' || k === 'NextToken');
}
