/**
 * The sentences printed under a plan: how it was made (offline, stand-in UIDs), what apply writes
 * that is not a change (re-sent OIDC client secrets), and what it will not do (orphans without
 * prune, Gateways whose model failed, untracked look-alikes). Shared by the text and markdown views.
 */
import type { ChalkInstance } from 'chalk';
import type { OwnershipAbort, Plan, UntrackedResource } from '../../plan/types.js';

const KIND_NAME: Readonly<Record<OwnershipAbort['type'], string>> = {
  'AWS::EC2::SecurityGroup': 'security group',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'load balancer',
  'AWS::ElasticLoadBalancingV2::TargetGroup': 'target group',
};

/** The command that puts the resource tag back, when gwlb knows its value. */
function restoreCommand(a: OwnershipAbort): string {
  const value = a.tag_value ?? '<its resource id>';
  return a.type === 'AWS::EC2::SecurityGroup'
    ? `aws ec2 create-tags --resources ${a.arn} --tags 'Key=${a.tag_key},Value=${value}'`
    : `aws elbv2 add-tags --resource-arns ${a.arn} --tags 'Key=${a.tag_key},Value=${value}'`;
}

/** One error per resource behind an aborted stack: LBC's reason, what it means, how to repair it. */
export function abortLine(stack: string, a: OwnershipAbort): string {
  const fix = a.tag_value !== undefined ? `restore the tag (${restoreCommand(a)})` : `restore its ${a.tag_key} tag (${restoreCommand(a)})`;
  return `Gateway ${stack}: ${a.error}. The ${KIND_NAME[a.type]} ${a.name} carries this cluster's and this stack's tags but no ${a.tag_key} tag, so LBC would refuse to deploy the stack, and gwlb changes nothing in it. If it belongs to this Gateway, ${fix}; if it does not, remove its elbv2.k8s.aws/cluster and stack tags. Then plan again.`;
}

function untrackedLine(u: UntrackedResource): string {
  const what = `${u.type} ${u.name ? `${u.name} (${u.arn})` : u.arn}`;
  switch (u.reason) {
    case 'name-collision':
      return `${u.address} needs the name ${u.name ?? ''}, but ${u.arn} already has it without this cluster's tracking tags. gwlb never modifies or deletes such a resource: rename or remove it, or set loadBalancerName / targetGroupName, before applying.`;
    case 'other-cluster':
      return `${what} carries another cluster's elbv2.k8s.aws/cluster tag; gwlb leaves it alone.`;
    case 'missing-tracking-tags':
      return `${what} lacks this cluster's tracking tags; gwlb leaves it alone.`;
  }
}

export function planNotes(plan: Plan, chalk: ChalkInstance): string[] {
  const notes: string[] = [];
  const note = (text: string) => notes.push(`${chalk.bold('Note:')} ${text}`);
  const warn = (text: string) => notes.push(`${chalk.yellow.bold('Warning:')} ${text}`);
  const error = (text: string) => notes.push(`${chalk.red.bold('Error:')} ${text}`);
  if (plan.mode === 'offline') {
    note('planned against an empty account (--offline): IDs AWS assigns and values discovered from AWS (VPC, subnets, certificates, security groups) show as (known after apply).');
  }
  const resent = plan.write_only_resent?.length ?? 0;
  if (resent > 0) {
    const rules = resent === 1 ? '1 existing listener rule' : `${resent} existing listener rules`;
    note(`OIDC client secrets are write-only: AWS never returns them, so gwlb neither compares nor shows them. Apply re-sends the client secret of ${rules}, as LBC does on every reconcile.`);
  }
  for (const s of plan.stacks) {
    if (s.status === 'planned' && s.uid_source === 'stand-in') {
      note(`Gateway ${s.id} has no metadata.uid, so its load balancer and security group names hash the stand-in UID ${s.uid}. LBC hashes the real UID: names will differ for the same Gateway read from a cluster (existing load balancers are still found by their tags).`);
    }
    if (s.status === 'orphaned' && !plan.prune) warn(`the account holds stack ${s.id}, owned by this cluster, whose Gateway is not in the input; it is left as it is. Pass --prune to delete it.`);
    for (const a of s.aborts ?? []) error(abortLine(s.id, a));
    if (s.status === 'model-failed') warn(`Gateway ${s.id} is in the input but gwlb builds no model for it (it has errors, or its GatewayClass is missing or not LBC's; see the diagnostics), so its AWS resources are left unchanged, as LBC leaves them.`);
  }
  for (const u of plan.untracked) (u.reason === 'name-collision' ? error : warn)(untrackedLine(u));
  if (plan.errored && plan.resource_changes.length > 0) error('the input has errors (listed above); the Gateways they affect are not in this plan. Fix them and plan again.');
  return notes;
}
