/**
 * WAFv2 (awsJson1_1, target prefix `AWSWAF_20190729`): the calls gwlb and LBC make for an ALB's
 * web ACL (pkg/deploy/wafv2/web_acl_association_manager.go) — AssociateWebACL (replaces an
 * existing association, which LBC's "update" relies on), DisassociateWebACL (idempotent),
 * GetWebACLForResource (no `WebACL` when none is associated) — plus ListWebACLs, GetWebACL and
 * ListResourcesForWebACL for looking around. Only REGIONAL web ACLs exist in a region's endpoint.
 * Errors are WAFv2's: WAFNonexistentItemException for an unknown web ACL or load balancer,
 * WAFInvalidParameterException (with its Field/Parameter/Reason members) for a malformed ARN or
 * a resource type WAF cannot protect.
 */
import { AwsError } from '../errors.js';
import type { HandlerContext } from '../elbv2/context.js';
import { ACCOUNT_ID, REGION } from '../ids.js';
import type { EmulatorState } from '../state.js';
import type { JsonBody } from '../wire/json-protocol.js';
import type { WebAclRecord } from './records.js';

export type Wafv2Handler = (body: JsonBody, ctx: HandlerContext) => unknown;

/** WAFv2's parameter error: the SDK exposes Field, Parameter and Reason beside the message. */
export class WafInvalidParameter extends AwsError {
  constructor(
    readonly field: string,
    readonly parameter: string,
    readonly reason: string,
  ) {
    super('WAFInvalidParameterException', `Error reason: ${reason}, field: ${field}, parameter: ${parameter}`);
  }

  get extra(): Record<string, string> {
    return { Field: this.field, Parameter: this.parameter, Reason: this.reason };
  }
}

const NONEXISTENT = 'AWS WAF couldn’t perform the operation because your resource doesn’t exist.';
const nonexistent = () => new AwsError('WAFNonexistentItemException', NONEXISTENT);
const ALB_ARN = new RegExp(`^arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT_ID}:loadbalancer/app/[^/]+/[0-9a-f]+$`);
const ACL_ARN = /^arn:aws:wafv2:([^:]+):(\d{12}):(regional|global)\/webacl\/([^/]+)\/([0-9a-f-]+)$/;

function required(body: JsonBody, key: string, path: string): string {
  const v = body[key];
  if (v === undefined || v === null) throw new AwsError('ValidationException', `1 validation error detected: Value null at '${path}' failed to satisfy constraint: Member must not be null`);
  if (typeof v !== 'string' || v.length < 20 || v.length > 2048) {
    throw new AwsError('ValidationException', `1 validation error detected: Value '${String(v)}' at '${path}' failed to satisfy constraint: Member must have length greater than or equal to 20`);
  }
  return v;
}

function arnError(field: 'RESOURCE_ARN' | 'WEB_ACL_ARN' | 'RESOURCE_TYPE', value: string): WafInvalidParameter {
  return new WafInvalidParameter(field, value, field === 'RESOURCE_TYPE' ? 'The resource type isn’t supported for this operation.' : 'The ARN isn’t valid. A valid ARN begins with arn: and includes other information separated by colons or slashes.');
}

/** The load balancer a resource ARN names; AWS WAF protects application load balancers only (here). */
function protectedResource(state: EmulatorState, arn: string): string {
  if (!arn.startsWith('arn:')) throw arnError('RESOURCE_ARN', arn);
  if (!ALB_ARN.test(arn)) {
    if (arn.startsWith(`arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT_ID}:loadbalancer/`)) throw arnError('RESOURCE_TYPE', arn);
    throw nonexistent();
  }
  if (!state.elbv2.loadBalancers[arn]) throw nonexistent();
  return arn;
}

function webAclByArn(state: EmulatorState, arn: string): WebAclRecord {
  const m = ACL_ARN.exec(arn);
  if (!m) throw arnError('WEB_ACL_ARN', arn);
  const acl = state.wafv2.webACLs[arn];
  if (!acl || m[1] !== REGION || m[2] !== ACCOUNT_ID || m[3] !== 'regional') throw nonexistent();
  return acl;
}

/** The web ACL associated with a load balancer that still exists. */
export function associatedWebAcl(state: EmulatorState, resourceArn: string): WebAclRecord | undefined {
  const acl = state.wafv2.associations[resourceArn];
  return acl !== undefined && state.elbv2.loadBalancers[resourceArn] ? state.wafv2.webACLs[acl] : undefined;
}

function webAclShape(acl: WebAclRecord) {
  return {
    Name: acl.name,
    Id: acl.id,
    ARN: acl.arn,
    DefaultAction: acl.defaultAction === 'Allow' ? { Allow: {} } : { Block: {} },
    Description: acl.description,
    Rules: [],
    VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: acl.name },
    Capacity: acl.capacity,
    ManagedByFirewallManager: false,
    LabelNamespace: `awswaf:${ACCOUNT_ID}:webacl:${acl.name}:`,
  };
}

function scope(body: JsonBody): void {
  const s = body['Scope'];
  if (s === undefined || s === null) throw new AwsError('ValidationException', "1 validation error detected: Value null at 'scope' failed to satisfy constraint: Member must not be null");
  if (s !== 'REGIONAL' && s !== 'CLOUDFRONT') throw new AwsError('ValidationException', `1 validation error detected: Value '${String(s)}' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [CLOUDFRONT, REGIONAL]`);
  // CloudFront web ACLs live in us-east-1 only, and the emulated region is another.
  if (s === 'CLOUDFRONT') throw new WafInvalidParameter('SCOPE_VALUE', 'CLOUDFRONT', 'The scope is not valid.');
}

export function associateWebAcl(body: JsonBody, ctx: HandlerContext) {
  const state = ctx.store.state;
  const aclArn = required(body, 'WebACLArn', 'webACLArn');
  const resourceArn = required(body, 'ResourceArn', 'resourceArn');
  const acl = webAclByArn(state, aclArn);
  protectedResource(state, resourceArn);
  state.wafv2.associations[resourceArn] = acl.arn;
  ctx.store.changed();
  return {};
}

export function disassociateWebAcl(body: JsonBody, ctx: HandlerContext) {
  const state = ctx.store.state;
  const resourceArn = protectedResource(state, required(body, 'ResourceArn', 'resourceArn'));
  if (state.wafv2.associations[resourceArn] !== undefined) {
    delete state.wafv2.associations[resourceArn];
    ctx.store.changed();
  }
  return {};
}

export function getWebAclForResource(body: JsonBody, ctx: HandlerContext) {
  const state = ctx.store.state;
  const acl = associatedWebAcl(state, protectedResource(state, required(body, 'ResourceArn', 'resourceArn')));
  return acl ? { WebACL: webAclShape(acl) } : {};
}

export function listResourcesForWebAcl(body: JsonBody, ctx: HandlerContext) {
  const state = ctx.store.state;
  const acl = webAclByArn(state, required(body, 'WebACLArn', 'webACLArn'));
  const type = body['ResourceType'] ?? 'APPLICATION_LOAD_BALANCER';
  const arns = type === 'APPLICATION_LOAD_BALANCER' ? Object.keys(state.wafv2.associations).filter((r) => associatedWebAcl(state, r)?.arn === acl.arn).sort() : [];
  return { ResourceArns: arns };
}

export function listWebAcls(body: JsonBody, ctx: HandlerContext) {
  scope(body);
  const limit = body['Limit'] ?? 100;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new AwsError('ValidationException', `1 validation error detected: Value '${String(limit)}' at 'limit' failed to satisfy constraint: Member must have value ${Number(limit) < 1 ? 'greater than or equal to 1' : 'less than or equal to 100'}`);
  }
  const all = Object.values(ctx.store.state.wafv2.webACLs).sort((a, b) => (a.name < b.name ? -1 : 1));
  const marker = body['NextMarker'];
  const start = marker === undefined ? 0 : Number(/^gwlb-waf:(\d+)$/.exec(String(marker))?.[1] ?? NaN);
  if (!Number.isInteger(start)) throw new WafInvalidParameter('NEXT_MARKER', String(marker), 'The next marker is not valid.');
  const page = all.slice(start, start + limit);
  return {
    WebACLs: page.map((a) => ({ Name: a.name, Id: a.id, Description: a.description, LockToken: a.lockToken, ARN: a.arn })),
    ...(start + page.length < all.length ? { NextMarker: `gwlb-waf:${start + page.length}` } : {}),
  };
}

export function getWebAcl(body: JsonBody, ctx: HandlerContext) {
  const state = ctx.store.state;
  let acl: WebAclRecord | undefined;
  if (typeof body['ARN'] === 'string') acl = webAclByArn(state, body['ARN']);
  else {
    scope(body);
    acl = Object.values(state.wafv2.webACLs).find((a) => a.name === body['Name'] && a.id === body['Id']);
    if (!acl) throw nonexistent();
  }
  return { WebACL: webAclShape(acl), LockToken: acl.lockToken, ApplicationIntegrationURL: `https://${acl.id}.${REGION}.sdk.awswaf.com/${acl.id}/` };
}

export const WAFV2_ACTIONS: Readonly<Record<string, Wafv2Handler>> = {
  AssociateWebACL: associateWebAcl,
  DisassociateWebACL: disassociateWebAcl,
  GetWebACLForResource: getWebAclForResource,
  ListResourcesForWebACL: listResourcesForWebAcl,
  ListWebACLs: listWebAcls,
  GetWebACL: getWebAcl,
};
