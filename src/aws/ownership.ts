/**
 * Which ELBv2 load balancers and target groups belong to which gwlb/LBC stack, read from the tags
 * exactly as LBC does (pkg/deploy/tracking/provider.go, pkg/deploy/elbv2/tagging_manager.go;
 * lbc-model-deploy.md §3.3): in our VPC, tags match either {elbv2.k8s.aws/cluster, <prefix>/stack}
 * or the legacy {ingress.k8s.aws/cluster, <prefix>/stack}, for the ALB and NLB gateway prefixes.
 * Everything else in the VPC is "not ours"; observe reports those that share a planned name.
 */
import type { LoadBalancer, TargetGroup } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { TagMap } from './inventory.js';
import type { AwsSession } from './session.js';

export const TAG_PREFIXES = ['gateway.k8s.aws.alb', 'gateway.k8s.aws.nlb'] as const;
export const CLUSTER_TAG = 'elbv2.k8s.aws/cluster';
export const LEGACY_CLUSTER_TAG = 'ingress.k8s.aws/cluster';

export interface StackKey {
  readonly tagPrefix: string;
  readonly stackId: string;
}

/** The stack a tag set places a resource in, for this cluster; undefined if none. */
export function stackOf(tags: TagMap, cluster: string): StackKey | undefined {
  if (tags[CLUSTER_TAG] !== cluster && tags[LEGACY_CLUSTER_TAG] !== cluster) return undefined;
  for (const tagPrefix of TAG_PREFIXES) {
    const stackId = tags[`${tagPrefix}/stack`];
    if (stackId !== undefined) return { tagPrefix, stackId };
  }
  return undefined;
}

/** The shared backend SG is found by its tags, never its name (backend_sg_provider.go, §2.3). */
export function isBackendSecurityGroup(tags: TagMap, cluster: string): boolean {
  return tags[CLUSTER_TAG] === cluster && tags['elbv2.k8s.aws/resource'] === 'backend-sg';
}

export interface Tagged<T> {
  readonly item: T;
  readonly arn: string;
  readonly tags: TagMap;
  readonly stack?: StackKey;
}

export interface ElbInventory {
  readonly loadBalancers: readonly Tagged<LoadBalancer>[];
  readonly targetGroups: readonly Tagged<TargetGroup>[];
}

/** LBs and TGs of our VPC with their tags and stack (if owned). */
export async function taggedInventory(session: AwsSession): Promise<ElbInventory> {
  const inv = session.elbv2Inventory;
  const [vpc, lbs, tgs] = await Promise.all([session.vpcInfo(), inv.loadBalancers(), inv.targetGroups()]);
  const vpcLbs = lbs.filter((l) => l.VpcId === vpc.id && l.LoadBalancerArn);
  // A TG with no VPC (lambda) can never be ours; TargetGroupName backends may live anywhere.
  const vpcTgs = tgs.filter((t) => t.VpcId === vpc.id && t.TargetGroupArn);
  const tags = await inv.tagsOf([...vpcLbs.map((l) => l.LoadBalancerArn!), ...vpcTgs.map((t) => t.TargetGroupArn!)]);
  const wrap = <T>(item: T, arn: string): Tagged<T> => {
    const t = tags.get(arn) ?? {};
    const stack = stackOf(t, session.cluster);
    return { item, arn, tags: t, ...(stack ? { stack } : {}) };
  };
  return {
    loadBalancers: vpcLbs.map((l) => wrap(l, l.LoadBalancerArn!)),
    targetGroups: vpcTgs.map((t) => wrap(t, t.TargetGroupArn!)),
  };
}
