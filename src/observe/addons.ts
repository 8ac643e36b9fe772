/**
 * The WAFv2 and Shield addons of the owned ALBs in a plan, read as LBC's managers read them
 * (lbc-model-deploy.md §10.2; pkg/deploy/wafv2/web_acl_association_manager.go,
 * pkg/deploy/shield/protection_manager.go):
 *   GetWebACLForResource      one per owned ALB of a planned stack (no WebACL: none associated);
 *                             with more ALBs than web ACLs, ListWebACLs + ListResourcesForWebACL
 *                             per web ACL instead — the same answer in fewer calls of the same
 *                             1-per-second bucket (aws-rules/request-rates.ts)
 *   GetSubscriptionState      once, when an owned ALB or a desired protection needs it
 *   ListProtections           ⌈protections/page⌉ for every ALB at once, only when subscribed —
 *                             cheaper than LBC's DescribeProtection per ALB, with the same answer
 * LBC reads an addon only while the Gateway's annotation says it is active; gwlb reads every
 * owned ALB's, because the account is its record of what is active (plan/addons.ts). A failed
 * read fails the plan, GetSubscriptionState's too: LBC logs that one and skips Shield
 * (stack_deployer.go 159–166), but a read failure is never absence for gwlb (DESIGN.md), and a
 * plan that silently left Shield out would misstate what apply does.
 */
import type { AddonClients } from '../aws/addon-clients.js';
import type { AwsConnection } from '../aws/clients.js';
import { hasCode } from '../aws/errors.js';
import { mapLimit, READ_CONCURRENCY } from '../aws/inventory.js';
import type { StackKey } from '../aws/ownership.js';
import type { ObservedResource } from '../plan/observed.js';

/** An owned ALB whose stack is planned. */
export interface AddonLoadBalancer {
  readonly arn: string;
  /** Its resource id (the `<prefix>/resource` tag), which the addons share. */
  readonly id: string;
  readonly key: StackKey;
}

export interface ObservedAddons {
  readonly resources: readonly { readonly key: StackKey; readonly resource: ObservedResource }[];
  readonly shieldSubscribed?: boolean;
}

export async function observeAddons(conn: AwsConnection, lbs: readonly AddonLoadBalancer[], protectionDesired: boolean): Promise<ObservedAddons> {
  if (lbs.length === 0 && !protectionDesired) return { resources: [] };
  const api = await conn.addons();
  const [acls, shield] = await Promise.all([
    webAclsOf(api, lbs.map((lb) => lb.arn)),
    (async () => {
      const subscribed = await api.shieldSubscribed();
      return { subscribed, protections: subscribed && lbs.length > 0 ? await api.albProtections() : [] };
    })(),
  ]);
  const byArn = new Map(shield.protections.map((p) => [p.resourceArn, p]));
  const resources: { key: StackKey; resource: ObservedResource }[] = [];
  lbs.forEach((lb) => {
    const acl = acls.get(lb.arn) ?? '';
    if (acl !== '') resources.push({ key: lb.key, resource: { type: 'AWS::WAFv2::WebACLAssociation', id: lb.id, arn: lb.arn, tags: {}, status: {}, spec: { webACLARN: acl, resourceARN: lb.arn } } });
    const p = byArn.get(lb.arn);
    if (p) resources.push({ key: lb.key, resource: { type: 'AWS::Shield::Protection', id: lb.id, arn: lb.arn, tags: {}, status: {}, spec: { enabled: true, resourceARN: lb.arn, name: p.name } } });
  });
  return { resources, shieldSubscribed: shield.subscribed };
}

/** Below this many ALBs a lookup per ALB is never more calls than listing the web ACLs first. */
const PER_ALB_UP_TO = 2;

/** Each ALB's web ACL ARN ('' or absent: none), in the fewest calls of WAF's 1-per-second lookups. */
export async function webAclsOf(api: Pick<AddonClients, 'webAclOf' | 'webAcls' | 'resourcesOf'>, lbArns: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const acls = lbArns.length > PER_ALB_UP_TO ? await api.webAcls() : undefined;
  if (acls && acls.length < lbArns.length) {
    const wanted = new Set(lbArns);
    await mapLimit(acls, READ_CONCURRENCY, async (acl) => {
      for (const r of await api.resourcesOf(acl)) if (wanted.has(r)) out.set(r, acl);
    });
    return out;
  }
  await mapLimit(lbArns, READ_CONCURRENCY, async (arn) => {
    // A load balancer deleted since it was listed has no association any more.
    const acl = await api.webAclOf(arn).catch((err: unknown) => {
      if (hasCode(err, 'WAFNonexistentItem')) return '';
      throw err;
    });
    out.set(arn, acl);
  });
  return out;
}
