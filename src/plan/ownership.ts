/**
 * LBC's ownership abort (pkg/deploy/elbv2/load_balancer_synthesizer.go `mapSDKLoadBalancerByResourceID`,
 * target_group_synthesizer.go `mapSDKTargetGroupByResourceID`, pkg/deploy/ec2/security_group_synthesizer.go
 * `mapSDKSecurityGroupByResourceID`): a load balancer, target group or security group that carries
 * this cluster's and this stack's tags but no `<prefix>/resource` tag cannot be matched to a
 * resource of the stack, so LBC fails the deploy with `unexpected <kind> with no resourceID`.
 * gwlb does the same for the whole stack: such a resource is someone's half-tagged resource or
 * ours with a tag removed by hand, and deleting it as "untagged" would be an outage.
 */
import type { Stack } from '../model/stack.js';
import type { ObservedResource, ObservedStack } from './observed.js';
import type { OwnershipAbort } from './types.js';

type TopLevel = Extract<ObservedResource, { type: OwnershipAbort['type'] }>;

const LBC_KIND: Readonly<Record<OwnershipAbort['type'], string>> = {
  'AWS::EC2::SecurityGroup': 'securityGroup',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'loadBalancer',
  'AWS::ElasticLoadBalancingV2::TargetGroup': 'targetGroup',
};

/** LBC's tag test (tracking/provider.go): our cluster tag, or the legacy one, and this stack's tag. */
export function taggedForStack(tags: Readonly<Record<string, string>>, cluster: string, tagPrefix: string, stackId: string): boolean {
  return (tags['elbv2.k8s.aws/cluster'] === cluster || tags['ingress.k8s.aws/cluster'] === cluster) && tags[`${tagPrefix}/stack`] === stackId;
}

function isTopLevel(o: ObservedResource): o is TopLevel {
  return o.type in LBC_KIND;
}

function nameOf(o: TopLevel): string {
  switch (o.type) {
    case 'AWS::EC2::SecurityGroup':
      return o.spec.groupName;
    case 'AWS::ElasticLoadBalancingV2::LoadBalancer':
      return o.spec.name;
    case 'AWS::ElasticLoadBalancingV2::TargetGroup':
      return o.spec.name;
  }
}

/**
 * The resource tag value that would match the resource to the desired stack again: the desired
 * resource of the same type and AWS name, if there is one (LB, and SG/TG names hash their spec).
 */
function restoreValue(o: TopLevel, desired: Stack | undefined): string | undefined {
  const name = nameOf(o);
  for (const d of desired?.resources ?? []) {
    if (d.type !== o.type) continue;
    const spec = d.spec as { name?: unknown; groupName?: unknown };
    if (spec.name === name || spec.groupName === name) return d.id;
  }
  return o.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer' ? 'LoadBalancer' : undefined;
}

/** The resources that make LBC abort this stack's deploy; empty when it may be planned. */
export function ownershipAborts(observed: ObservedStack, cluster: string, desired?: Stack): OwnershipAbort[] {
  const resourceTag = `${observed.tagPrefix}/resource`;
  const out: OwnershipAbort[] = [];
  for (const o of observed.resources) {
    if (!isTopLevel(o)) continue;
    if (!taggedForStack(o.tags, cluster, observed.tagPrefix, observed.id) || o.tags[resourceTag] !== undefined) continue;
    const value = restoreValue(o, desired);
    out.push({
      type: o.type,
      arn: o.arn,
      name: nameOf(o),
      error: `unexpected ${LBC_KIND[o.type]} with no resourceID: ${o.arn}`,
      tag_key: resourceTag,
      ...(value !== undefined ? { tag_value: value } : {}),
    });
  }
  return out.sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
}
