/**
 * ReferenceGrant checks for cross-namespace backendRefs (pkg/shared_utils/cross_namespace_validator.go):
 * a grant in the target's namespace whose `from` names the route's group/kind/namespace and whose
 * `to` names the target group/kind with no name or the target's name. Compared exactly.
 */
import { GATEWAY_GROUP, type ReferenceGrant } from '../source/gateway-api.js';

export interface CrossNamespaceRef {
  readonly fromKind: string;
  readonly fromNamespace: string;
  readonly toGroup: string;
  readonly toKind: string;
  readonly toNamespace: string;
  readonly toName: string;
}

export function isReferenceAllowed(grants: readonly ReferenceGrant[], ref: CrossNamespaceRef): boolean {
  return grants.some(
    (grant) =>
      grant.metadata.namespace === ref.toNamespace &&
      grant.spec.from.some((f) => f.group === GATEWAY_GROUP && f.kind === ref.fromKind && f.namespace === ref.fromNamespace) &&
      grant.spec.to.some((t) => t.group === ref.toGroup && t.kind === ref.toKind && (!t.name || t.name === ref.toName)),
  );
}
