/**
 * The WAFv2 and Shield addons in a plan, as LBC's synthesizers deploy them
 * (pkg/deploy/wafv2/web_acl_association_synthesizer.go, pkg/deploy/shield/protection_synthesizer.go):
 * - an association with an empty web ACL ARN, or a protection with `enabled: false`, means
 *   "none": the observed association is disassociated / the observed protection deleted, and
 *   nothing is created. The model builds those only while the addon was active
 *   (model_build_addon.go); gwlb knows it is active from the account itself — an observed
 *   association or LBC-named protection on an owned ALB — so such resources are left out of
 *   the desired side and an observed one without a desired one is planned for deletion;
 * - LBC deletes only protections it named (`managed by aws-load-balancer-controller`, or the
 *   legacy ingress controller's name); any other protection is left alone, and a desired
 *   protection on a load balancer that already has one is satisfied by it;
 * - without a Shield Advanced subscription, LBC skips Shield altogether (stack_deployer.go
 *   159–166): no protection is planned, created or deleted;
 * - a deleted load balancer takes its association with it and LBC deletes neither addon with a
 *   Gateway, so stacks that are deleted (orphans, destroy) plan no addon change.
 */
import type { StackResource } from '../model/stack.js';
import type { ObservedResource } from './observed.js';

export const SHIELD_PROTECTION_NAME = 'managed by aws-load-balancer-controller';
const MANAGED_PROTECTION_NAMES = new Set([SHIELD_PROTECTION_NAME, 'managed by aws-alb-ingress-controller']);

export function isManagedProtectionName(name: string | undefined): boolean {
  return name === undefined || MANAGED_PROTECTION_NAMES.has(name);
}

/** Whether a desired resource asks for nothing: an empty web ACL, a disabled protection, or Shield unsubscribed. */
export function desiresNothing(r: StackResource, shieldSubscribed: boolean): boolean {
  if (r.type === 'AWS::WAFv2::WebACLAssociation') return r.spec.webACLARN === '';
  if (r.type === 'AWS::Shield::Protection') return !r.spec.enabled || !shieldSubscribed;
  return false;
}

/** Whether the plan may delete an observed addon that no desired resource wants. */
export function deletable(o: ObservedResource): boolean {
  return o.type !== 'AWS::Shield::Protection' || isManagedProtectionName(o.spec.name);
}

export function isAddon(type: string): boolean {
  return type === 'AWS::WAFv2::WebACLAssociation' || type === 'AWS::Shield::Protection';
}
