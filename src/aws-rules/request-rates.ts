/**
 * AWS's documented request rates, as token buckets (aws-api-facts.md §3.8): the emulator enforces
 * them (emulator/throttle.ts) and gwlb's client paces its calls by them (aws/pace.ts).
 * - ELBv2: a bucket per action; Describe* 40 burst / 10 per s, Register/DeregisterTargets 20 / 4,
 *   other mutating calls 40 / 10 (the LBC's defaults, which mirror AWS).
 * - EC2: buckets per category, shared by the actions in it (EC2 "Request throttling" page):
 *   non-mutating 100 / 20, unfiltered+unpaginated non-mutating 50 / 10, mutating 200 / 5.
 * - ACM: a bucket per action; ListCertificates 8 / s, DescribeCertificate 10 / s (ACM quotas page;
 *   burst equal to the rate is our assumption).
 * - WAFv2: AssociateWebACL/DisassociateWebACL one call per 2 s, GetWebACLForResource and
 *   ListResourcesForWebACL 1 / s, burst 1 (WAF's published API limits, which LBC's client-side
 *   throttle copies: pkg/aws/throttle/defaults.go); any other call 5 / s.
 * - Shield: no published rates; 5 / s, burst 5, per action is our assumption.
 */
export type ServiceName = 'elbv2' | 'ec2' | 'acm' | 'wafv2' | 'shield';

export interface BucketSpec {
  readonly capacity: number;
  readonly refillPerSecond: number;
  /** Tokens in the bucket when it is (re)created; defaults to `capacity` (AWS buckets start full). */
  readonly initialTokens?: number;
}

export interface BucketKey {
  /** The bucket itself, e.g. `elbv2:DescribeLoadBalancers` or `ec2:mutating`. */
  readonly bucket: string;
  /** The rate category, e.g. `elbv2:describe`; overrides may name either. */
  readonly category: string;
}

const DEFAULT_RATES: Readonly<Record<string, BucketSpec>> = {
  'elbv2:describe': { capacity: 40, refillPerSecond: 10 },
  'elbv2:targets': { capacity: 20, refillPerSecond: 4 },
  'elbv2:mutating': { capacity: 40, refillPerSecond: 10 },
  'ec2:non-mutating': { capacity: 100, refillPerSecond: 20 },
  'ec2:unfiltered-non-mutating': { capacity: 50, refillPerSecond: 10 },
  'ec2:mutating': { capacity: 200, refillPerSecond: 5 },
  'acm:ListCertificates': { capacity: 8, refillPerSecond: 8 },
  'acm:DescribeCertificate': { capacity: 10, refillPerSecond: 10 },
  'acm:other': { capacity: 10, refillPerSecond: 10 },
  'wafv2:associate': { capacity: 1, refillPerSecond: 0.5 },
  'wafv2:resource-lookup': { capacity: 1, refillPerSecond: 1 },
  'wafv2:other': { capacity: 5, refillPerSecond: 5 },
  'shield:action': { capacity: 5, refillPerSecond: 5 },
};

export function defaultRates(): Record<string, BucketSpec> {
  return { ...DEFAULT_RATES };
}

/** Which bucket a call draws from. `unfiltered` is EC2's "no ids, filters or MaxResults". */
export function bucketFor(service: ServiceName, action: string, unfiltered: boolean): BucketKey {
  switch (service) {
    case 'elbv2': {
      const category = action.startsWith('Describe') ? 'elbv2:describe' : action === 'RegisterTargets' || action === 'DeregisterTargets' ? 'elbv2:targets' : 'elbv2:mutating';
      return { bucket: `elbv2:${action}`, category };
    }
    case 'ec2': {
      const category = !action.startsWith('Describe') ? 'ec2:mutating' : unfiltered ? 'ec2:unfiltered-non-mutating' : 'ec2:non-mutating';
      return { bucket: category, category };
    }
    case 'acm': {
      const category = action === 'ListCertificates' || action === 'DescribeCertificate' ? `acm:${action}` : 'acm:other';
      return { bucket: `acm:${action}`, category };
    }
    case 'wafv2': {
      // LBC's throttle shares one limiter between the calls of each pattern; so does AWS.
      const category = action === 'AssociateWebACL' || action === 'DisassociateWebACL' ? 'wafv2:associate' : action === 'GetWebACLForResource' || action === 'ListResourcesForWebACL' ? 'wafv2:resource-lookup' : 'wafv2:other';
      return { bucket: category === 'wafv2:other' ? `wafv2:${action}` : category, category };
    }
    case 'shield':
      return { bucket: `shield:${action}`, category: 'shield:action' };
  }
}
