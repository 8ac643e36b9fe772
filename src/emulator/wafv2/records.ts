/**
 * WAFv2 state as the emulator stores it: REGIONAL web ACLs (the scope ALBs use) and which web ACL
 * each resource is associated with. A resource has at most one web ACL (AssociateWebACL replaces
 * it). Associations of a load balancer that no longer exists are ignored on read, as AWS drops
 * them with the load balancer.
 */
export interface WebAclRecord {
  readonly arn: string;
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly lockToken: string;
  readonly defaultAction: 'Allow' | 'Block';
  readonly capacity: number;
}

export interface Wafv2State {
  webACLs: Record<string, WebAclRecord>;
  /** Resource ARN → web ACL ARN. */
  associations: Record<string, string>;
}

export function emptyWafv2State(): Wafv2State {
  return { webACLs: {}, associations: {} };
}
