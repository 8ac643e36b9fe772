/**
 * Predefined ELB security policies, enough to validate `SslPolicy` (SSLPolicyNotFound otherwise)
 * and to answer DescribeSSLPolicies. Cipher lists are not emulated.
 */
import { AwsError, enumError } from '../errors.js';
import type { QueryInput } from '../wire/query-input.js';
import type { HandlerContext } from './context.js';
import { paginate } from './pagination.js';

/** API/CLI default when SslPolicy is omitted (§2.3 CreateListener). */
export const DEFAULT_SSL_POLICY = 'ELBSecurityPolicy-2016-08';

const TLS13 = ['TLSv1.3'];
const TLS12_13 = ['TLSv1.2', 'TLSv1.3'];
const TLS12 = ['TLSv1.2'];
const TLS10_12 = ['TLSv1', 'TLSv1.1', 'TLSv1.2'];
const TLS11_12 = ['TLSv1.1', 'TLSv1.2'];

const POLICIES: Readonly<Record<string, readonly string[]>> = {
  'ELBSecurityPolicy-TLS13-1-2-2021-06': TLS12_13,
  'ELBSecurityPolicy-TLS13-1-2-Res-2021-06': TLS12_13,
  'ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06': TLS12_13,
  'ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06': TLS12_13,
  'ELBSecurityPolicy-TLS13-1-1-2021-06': ['TLSv1.1', 'TLSv1.2', 'TLSv1.3'],
  'ELBSecurityPolicy-TLS13-1-0-2021-06': ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'],
  'ELBSecurityPolicy-TLS13-1-3-2021-06': TLS13,
  'ELBSecurityPolicy-TLS13-1-2-PQ-2025-09': TLS12_13,
  'ELBSecurityPolicy-TLS13-1-3-PQ-2025-09': TLS13,
  'ELBSecurityPolicy-2016-08': TLS10_12,
  'ELBSecurityPolicy-TLS-1-0-2015-04': TLS10_12,
  'ELBSecurityPolicy-TLS-1-1-2017-01': TLS11_12,
  'ELBSecurityPolicy-TLS-1-2-2017-01': TLS12,
  'ELBSecurityPolicy-TLS-1-2-Ext-2018-06': TLS12,
  'ELBSecurityPolicy-FS-2018-06': TLS10_12,
  'ELBSecurityPolicy-FS-1-1-2019-08': TLS11_12,
  'ELBSecurityPolicy-FS-1-2-2019-08': TLS12,
  'ELBSecurityPolicy-FS-1-2-Res-2019-08': TLS12,
  'ELBSecurityPolicy-FS-1-2-Res-2020-10': TLS12,
  'ELBSecurityPolicy-2015-05': TLS10_12,
};

export function requireSslPolicy(name: string): string {
  if (!(name in POLICIES)) throw new AwsError('SSLPolicyNotFound', `SSL policy '${name}' not found`);
  return name;
}

export function describeSslPolicies(input: QueryInput, ctx: HandlerContext) {
  void ctx;
  const names = input.memberStrings('Names');
  const type = input.str('LoadBalancerType');
  if (type !== undefined && type !== 'application' && type !== 'network' && type !== 'gateway') throw enumError(type, 'loadBalancerType', ['application', 'network', 'gateway']);
  const selected = names && names.length > 0 ? names.map(requireSslPolicy) : Object.keys(POLICIES);
  const page = paginate(type === 'gateway' ? [] : selected, input);
  return {
    SslPolicies: page.items.map((name) => ({
      SslProtocols: POLICIES[name],
      Ciphers: [],
      Name: name,
      SupportedLoadBalancerTypes: ['application', 'network'],
    })),
    NextMarker: page.nextMarker,
  };
}
