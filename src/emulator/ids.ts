/** Identity of the emulated account, and the id/ARN formats AWS uses (aws-api-facts.md §1.8). */
import { randomBytes, randomUUID } from 'node:crypto';

export const REGION = 'us-west-2';
export const ACCOUNT_ID = '123456789012';
export const ELB_ARN_PREFIX = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT_ID}:`;

/** Route 53 hosted zones of ELB in us-west-2 ("Elastic Load Balancing endpoints and quotas"). */
export const ALB_HOSTED_ZONE_ID = 'Z1H1FL5HABSF5';
export const NLB_HOSTED_ZONE_ID = 'Z18D5FSROUN65G';

export function hex(length: number): string {
  return randomBytes(Math.ceil(length / 2)).toString('hex').slice(0, length);
}

export function digits(length: number): string {
  let out = String(1 + (randomBytes(1)[0]! % 9));
  while (out.length < length) out += String(randomBytes(1)[0]! % 10);
  return out;
}

/** EC2 ids: prefix plus 17 hex digits, e.g. `sg-0123456789abcdef0`. */
export function ec2Id(prefix: string): string {
  return `${prefix}-0${hex(16)}`;
}

export function requestId(): string {
  return randomUUID();
}
