/**
 * The shared backend security group in the plan (backend_sg_provider.go, lbc-model-deploy.md §2.3,
 * §4.5): created when a planned stack needs it and it does not exist; deleted only by plans that
 * delete stacks, and only when no load balancer, rule or desired stack still uses it.
 */
import { describe, expect, it } from 'vitest';
import { unknown } from '../model/discovery.js';
import { albStack, applied, observedOfStacks, plan, settings } from './fixtures.test-util.js';
import { backendSgAddress, type ObservedBackendSecurityGroup, type ObservedState } from './index.js';

const NAME = 'k8s-traffic-my-cluster-0123456789';
const observedSg = (over: Partial<ObservedBackendSecurityGroup> = {}): ObservedBackendSecurityGroup => ({ groupID: 'sg-backend', groupName: NAME, tags: {}, usedBy: [], referencedBy: [], ...over });
const withBackend = (o: ObservedState, sg?: ObservedBackendSecurityGroup): ObservedState => ({ ...o, ...(sg ? { backendSecurityGroup: sg } : {}) });
const backendChanges = (p: ReturnType<typeof plan>) => p.resource_changes.filter((rc) => rc.stack === 'cluster');

/** A stack whose backend SG id is not known yet (discovery found none). */
function needingStack() {
  const s = albStack();
  const b = s.extras.backendSecurityGroup;
  if (b?.kind !== 'managed') throw new Error('fixture stack has no managed backend SG');
  return { ...s, extras: { ...s.extras, backendSecurityGroup: { ...b, groupName: NAME, groupID: unknown('backend security group id') } } };
}

describe('backend security group', () => {
  it('is created first when a planned stack needs it and the account has none', () => {
    const p = plan([needingStack()], observedOfStacks());
    const [first] = p.resource_changes;
    expect(first).toMatchObject({ address: backendSgAddress(NAME), stack: 'cluster', type: 'AWS::EC2::SecurityGroup', change: { actions: ['create'] } });
    expect((first!.change.after as Record<string, unknown>)['groupName']).toBe(NAME);
  });

  it('is not planned when it exists or when no stack needs it', () => {
    expect(backendChanges(plan([needingStack()], withBackend(observedOfStacks(), observedSg())))).toEqual([]);
    expect(backendChanges(plan([albStack()], observedOfStacks()))).toEqual([]);
  });

  it('prune deletes it last once the only load balancer using it goes', () => {
    const orphan = applied(albStack({ name: 'old' }));
    const lbArn = orphan.resources.find((r) => r.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer')!.arn;
    const observed = withBackend(observedOfStacks(orphan), observedSg({ usedBy: [lbArn] }));
    const p = plan([], observed, { prune: true, inputGateways: ['ns/other'], settings });
    const last = p.resource_changes.at(-1)!;
    expect(last).toMatchObject({ address: backendSgAddress(NAME), arn: 'sg-backend', change: { actions: ['delete'] }, action_reason: 'delete_because_unused' });
  });

  it('is kept while another load balancer, a rule or a desired stack uses it, and without prune', () => {
    const orphan = applied(albStack({ name: 'old' }));
    const lbArn = orphan.resources.find((r) => r.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer')!.arn;
    const prune = { prune: true, inputGateways: ['ns/other'] };
    expect(backendChanges(plan([], withBackend(observedOfStacks(orphan), observedSg({ usedBy: [lbArn, 'arn:someone-elses-ingress'] })), prune))).toEqual([]);
    expect(backendChanges(plan([], withBackend(observedOfStacks(orphan), observedSg({ usedBy: [lbArn], referencedBy: ['sg-node'] })), prune))).toEqual([]);
    expect(backendChanges(plan([albStack()], withBackend(observedOfStacks(orphan), observedSg({ usedBy: [lbArn] })), { prune: true }))).toEqual([]);
    expect(backendChanges(plan([], withBackend(observedOfStacks(orphan), observedSg({ usedBy: [lbArn] })), { inputGateways: ['ns/other'] }))).toEqual([]);
  });

  it('destroy --all deletes it after the stacks', () => {
    const s = applied(albStack());
    const lbArn = s.resources.find((r) => r.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer')!.arn;
    const p = plan([], withBackend(observedOfStacks(s), observedSg({ usedBy: [lbArn] })), { destroy: { kind: 'all' }, inputGateways: [] });
    expect(p.resource_changes.at(-1)!.address).toBe(backendSgAddress(NAME));
    expect(p.stacks).toEqual([{ id: 'ns/gw', load_balancer_type: 'application', status: 'destroyed' }]);
  });
});
