/**
 * Applies the WAFv2 and Shield addons with the calls LBC's managers make
 * (pkg/deploy/wafv2/web_acl_association_manager.go, pkg/deploy/shield/protection_manager.go):
 * - association create and change: AssociateWebACL (it replaces the ALB's web ACL, as LBC's
 *   "update" case relies on); delete: DisassociateWebACL;
 * - protection create: CreateProtection named `managed by aws-load-balancer-controller`;
 *   delete: the protection's id (DescribeProtection by resource ARN), then DeleteProtection —
 *   only one LBC named (the plan never deletes another; this re-checks, as the name is AWS's).
 * What is already as wanted counts as done: a protection that exists when the create is retried
 * after a lost answer, an association of a load balancer already deleted (a replaced LB's).
 */
import type { AwsConnection } from '../aws/clients.js';
import { hasCode } from '../aws/errors.js';
import type { StackResource } from '../model/stack.js';
import { isManagedProtectionName, SHIELD_PROTECTION_NAME } from '../plan/addons.js';
import type { StackContext } from './context.js';

type Addon = Extract<StackResource, { type: 'AWS::WAFv2::WebACLAssociation' | 'AWS::Shield::Protection' }>;

/** Creates the addon, or (association) changes its web ACL. */
export async function putAddon(conn: AwsConnection, ctx: StackContext, res: Addon, where: string): Promise<void> {
  const api = await conn.addons();
  const lbArn = String(ctx.resolve(res.spec.resourceARN, where));
  switch (res.type) {
    case 'AWS::WAFv2::WebACLAssociation':
      return api.associate(lbArn, res.spec.webACLARN);
    case 'AWS::Shield::Protection':
      await api.createProtection(lbArn, SHIELD_PROTECTION_NAME).catch((err: unknown) => {
        if (!hasCode(err, 'ResourceAlreadyExists')) throw err;
      });
      return;
  }
}

/** Removes the addon of the load balancer `lbArn` (the observed addon's ARN). */
export async function removeAddon(conn: AwsConnection, type: Addon['type'], lbArn: string): Promise<void> {
  const api = await conn.addons();
  switch (type) {
    case 'AWS::WAFv2::WebACLAssociation':
      // The association of a load balancer AWS already deleted went with it.
      await api.disassociate(lbArn).catch((err: unknown) => {
        if (!hasCode(err, 'WAFNonexistentItem')) throw err;
      });
      return;
    case 'AWS::Shield::Protection': {
      const p = await api.protectionOf(lbArn);
      if (!p || !isManagedProtectionName(p.name)) return;
      await api.deleteProtection(p.id).catch((err: unknown) => {
        if (!hasCode(err, 'ResourceNotFound')) throw err;
      });
      return;
    }
  }
}
