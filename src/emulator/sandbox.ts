/**
 * What `--sandbox` adds to the seeded account (seed.ts) so every example and every cluster name
 * works without an AWS account. `gwlb emulator --seed` and the tests' seeded emulator do not get
 * these: they stay a plain, reproducible account.
 *
 * - Any cluster name: LBC finds the cluster's VPC and subnets by `kubernetes.io/cluster/<name>`
 *   tags (and, with SubnetsClusterTagCheck, skips subnets tagged only for other clusters). The
 *   sandbox has one VPC, so the first run for a cluster name tags that VPC and its subnets
 *   `shared` for it, as several EKS clusters sharing one VPC are tagged. Every cluster then
 *   plans into the same subnets, and each sees only the load balancers it owns (by tags).
 * - An out-of-band target group, `test-gw-import123`, made by hand outside any cluster (no
 *   tags), which examples/targetgroupname forwards to through a `TargetGroupName` backend.
 *
 * Both are added when missing, not only in a fresh state, so a state file seeded by an older
 * gwlb gains them too; such a file also gains the seeded web ACLs and Shield subscription.
 */
import { ELB_ARN_PREFIX } from './ids.js';
import { targetGroupAttributeDefaults } from './elbv2/attribute-defaults.js';
import { defaultHealthCheck } from './elbv2/health-checks.js';
import type { TargetGroupRecord } from './elbv2/records.js';
import { SEED_VPC_ID, seededWebAcls } from './seed.js';
import type { EmulatorState } from './state.js';

/** The target group examples/targetgroupname names; its ARN id is fixed like every seeded id. */
export const SANDBOX_TARGET_GROUP = { name: 'test-gw-import123', arn: `${ELB_ARN_PREFIX}targetgroup/test-gw-import123/0a5e000000000001` } as const;

/** Tags the sandbox VPC and its subnets for `cluster`; true when it changed anything. */
function tagForCluster(state: EmulatorState, cluster: string): boolean {
  const vpc = state.ec2.vpcs[SEED_VPC_ID];
  // A state file that never held the seeded VPC (e.g. one made by `gwlb emulator --state`
  // without --seed) is the user's own account: leave it as it is.
  if (!vpc) return false;
  const key = `kubernetes.io/cluster/${cluster}`;
  let changed = false;
  for (const resource of [vpc, ...Object.values(state.ec2.subnets).filter((s) => s.vpcId === SEED_VPC_ID)]) {
    if (resource.tags.some((t) => t.Key === key)) continue;
    resource.tags.push({ Key: key, Value: 'shared' });
    changed = true;
  }
  return changed;
}

function addOutOfBandTargetGroup(state: EmulatorState): boolean {
  if (!state.ec2.vpcs[SEED_VPC_ID]) return false;
  const name = SANDBOX_TARGET_GROUP.name;
  if (Object.values(state.elbv2.targetGroups).some((tg) => tg.name === name)) return false;
  const kind = { protocol: 'TCP', targetType: 'ip' };
  const tg: TargetGroupRecord = {
    arn: SANDBOX_TARGET_GROUP.arn,
    name,
    ...kind,
    port: 443,
    vpcId: SEED_VPC_ID,
    ipAddressType: 'ipv4',
    healthCheck: defaultHealthCheck(kind),
    attributes: targetGroupAttributeDefaults(kind),
    targets: [],
  };
  state.elbv2.targetGroups[tg.arn] = tg;
  state.elbv2.tags[tg.arn] = [];
  return true;
}

/** A sandbox seeded before WAFv2 and Shield were emulated gets the seeded web ACLs and subscription. */
function addWebAcls(state: EmulatorState): boolean {
  if (!state.ec2.vpcs[SEED_VPC_ID] || Object.keys(state.wafv2.webACLs).length > 0) return false;
  for (const acl of seededWebAcls()) state.wafv2.webACLs[acl.arn] = acl;
  state.shield.subscription = 'ACTIVE';
  return true;
}

/** Makes the sandbox ready for `cluster`; true when the state changed (and should be saved). */
export function prepareSandbox(state: EmulatorState, cluster: string): boolean {
  const tagged = tagForCluster(state, cluster);
  const added = addOutOfBandTargetGroup(state);
  const acls = addWebAcls(state);
  return tagged || added || acls;
}
