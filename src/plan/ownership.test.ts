/**
 * LBC's ownership abort (load_balancer_synthesizer.go `mapSDKLoadBalancerByResourceID`,
 * target_group_synthesizer.go `mapSDKTargetGroupByResourceID`, security_group_synthesizer.go
 * `mapSDKSecurityGroupByResourceID`): the "no resourceID" cases of LBC's Test_mapSDK*ByResourceID,
 * written as observed stacks.
 */
import { describe, expect, it } from 'vitest';
import type { LoadBalancerSpec, TargetGroupSpec } from '../model/stack.js';
import { albStack, applied, mapObserved, observedOfStacks, plan } from './fixtures.test-util.js';
import { abortedStacks, hasChanges, ownershipAborts, type ObservedResource } from './index.js';

const LB = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const TG = 'AWS::ElasticLoadBalancingV2::TargetGroup';
const SG = 'AWS::EC2::SecurityGroup';
const RESOURCE_TAG = 'gateway.k8s.aws.alb/resource';

const withoutResourceTag = (r: ObservedResource): ObservedResource => ({ ...r, tags: Object.fromEntries(Object.entries(r.tags).filter(([k]) => k !== RESOURCE_TAG)) }) as ObservedResource;

describe('ownership aborts', () => {
  it('an owned load balancer without its resource tag aborts the stack: no change, LBC reason, the tag to restore', () => {
    const s = albStack();
    const o = mapObserved(applied(s), LB, 'LoadBalancer', withoutResourceTag);
    const p = plan([albStack({ paths: ['/changed'] })], observedOfStacks(o), { prune: true });
    expect(p.resource_changes).toEqual([]);
    expect(hasChanges(p)).toBe(false);
    expect(abortedStacks(p).map((x) => x.id)).toEqual(['ns/gw']);
    const lbName = (s.resources.find((r) => r.type === LB)!.spec as LoadBalancerSpec).name;
    expect(p.stacks[0]!.aborts).toEqual([
      { type: LB, arn: 'arn:LoadBalancer/LoadBalancer', name: lbName, error: 'unexpected loadBalancer with no resourceID: arn:LoadBalancer/LoadBalancer', tag_key: RESOURCE_TAG, tag_value: 'LoadBalancer' },
    ]);
  });

  it('a target group and a security group without resource tags: each named, with the id the desired stack gives their names', () => {
    const s = albStack();
    const tg = s.resources.find((r) => r.type === TG)!;
    const sg = s.resources.find((r) => r.type === SG)!;
    const o = mapObserved(mapObserved(applied(s), TG, tg.id, withoutResourceTag), SG, sg.id, withoutResourceTag);
    const aborts = ownershipAborts(o, 'my-cluster', s);
    expect(aborts.map((a) => [a.type, a.error, a.tag_value])).toEqual([
      [TG, `unexpected targetGroup with no resourceID: arn:TargetGroup/${tg.id}`, tg.id],
      [SG, `unexpected securityGroup with no resourceID: sg-${sg.id}`, sg.id],
    ]);
    expect((tg.spec as TargetGroupSpec).name).toBe(aborts[0]!.name);
  });

  it('a resource of no desired resource gets no guessed tag value', () => {
    const s = albStack();
    const stray = { ...applied(s).resources.find((r) => r.type === TG)!, id: 'stray', arn: 'arn:stray', spec: { ...(applied(s).resources.find((r) => r.type === TG)!.spec as TargetGroupSpec), name: 'hand-made' } } as ObservedResource;
    const o = { ...applied(s), resources: [...applied(s).resources, withoutResourceTag(stray)] };
    expect(ownershipAborts(o, 'my-cluster', s)).toEqual([{ type: TG, arn: 'arn:stray', name: 'hand-made', error: 'unexpected targetGroup with no resourceID: arn:stray', tag_key: RESOURCE_TAG }]);
  });

  it('an orphaned stack with such a resource is not pruned', () => {
    const o = mapObserved(applied(albStack({ name: 'old' })), LB, 'LoadBalancer', withoutResourceTag);
    const p = plan([albStack()], observedOfStacks(o), { prune: true });
    expect(p.resource_changes.some((rc) => rc.stack === 'ns/old')).toBe(false);
    expect(p.stacks.find((x) => x.id === 'ns/old')?.status).toBe('aborted');
    expect(p.stacks.find((x) => x.id === 'ns/gw')?.status).toBe('planned');
    expect(p.resource_changes.some((rc) => rc.stack === 'ns/gw')).toBe(true);
  });

  it('resources of another cluster, or with the resource tag, do not abort', () => {
    const s = albStack();
    expect(ownershipAborts(applied(s), 'my-cluster', s)).toEqual([]);
    const foreign = mapObserved(applied(s), LB, 'LoadBalancer', (r) => withoutResourceTag({ ...r, tags: { ...r.tags, 'elbv2.k8s.aws/cluster': 'other' } } as ObservedResource));
    expect(ownershipAborts(foreign, 'my-cluster', s)).toEqual([]);
  });

  it('the legacy ingress.k8s.aws/cluster tag counts as ours, as in LBC', () => {
    const s = albStack();
    const legacy = mapObserved(applied(s), LB, 'LoadBalancer', (r) => {
      const { ['elbv2.k8s.aws/cluster']: _drop, ...rest } = withoutResourceTag(r).tags;
      return { ...r, tags: { ...rest, 'ingress.k8s.aws/cluster': 'my-cluster' } } as ObservedResource;
    });
    expect(ownershipAborts(legacy, 'my-cluster', s)).toHaveLength(1);
  });
});
