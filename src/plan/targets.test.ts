import { describe, expect, it } from 'vitest';
import type { Stack, Target, TargetRegistration } from '../model/stack.js';
import { makeChalk } from '../ui/color.js';
import { renderPlanText } from '../ui/plan/index.js';
import { actionsOf, albStack, applied, mapObserved, observedOfStacks, plan } from './fixtures.test-util.js';
import { EMPTY_OBSERVED, type ObservedStack } from './index.js';

const TG = 'AWS::ElasticLoadBalancingV2::TargetGroup';
const TARGET = 'AWS::ElasticLoadBalancingV2::Target';

const ip = (id: string): Target => ({ id, port: 8080 });

/** The fixture ALB stack with its first target group's targets computed (managed), the others unmanaged. */
function withTargets(targets: Target[] | undefined, base: Stack = albStack()): Stack {
  const tgIds = base.resources.filter((r) => r.type === TG).map((r) => r.id);
  const regs: TargetRegistration[] = tgIds.map((id, i) =>
    i === 0 && targets ? { kind: 'managed', targetGroupId: id, targets } : { kind: 'unmanaged', targetGroupId: id, reason: 'the input holds no EndpointSlices of Service ns/svc1' },
  );
  return { ...base, extras: { ...base.extras, targets: regs } };
}

function observedWith(stack: Stack, targets: Target[]): ObservedStack {
  const tgId = stack.extras.targets[0]!.targetGroupId;
  return mapObserved(applied(stack), TG, tgId, (r) => ({ ...r, targets }) as typeof r);
}

describe('targets as their own resource kind', () => {
  it('a new target group: one create per target, after the target groups and rules, its ARN (known after apply)', () => {
    const stack = withTargets([ip('10.0.1.5'), ip('10.0.1.6')]);
    const p = plan([stack], EMPTY_OBSERVED);
    const tgId = stack.extras.targets[0]!.targetGroupId;
    const targets = p.resource_changes.filter((rc) => rc.type === TARGET);
    expect(targets.map((rc) => rc.address)).toEqual([`gateway["ns/gw"].target["${tgId}/10.0.1.5:8080"]`, `gateway["ns/gw"].target["${tgId}/10.0.1.6:8080"]`]);
    expect(targets.every((rc) => rc.change.actions.join() === 'create')).toBe(true);
    expect(targets[0]!.change.after).toEqual({ targetGroupARN: null, id: '10.0.1.5', port: 8080 });
    expect(targets[0]!.change.after_references).toMatchObject({ targetGroupARN: `gateway["ns/gw"].target_group["${tgId}"]` });
    const types = p.resource_changes.map((rc) => rc.type);
    expect(types.indexOf(TARGET)).toBeGreaterThan(types.lastIndexOf('AWS::ElasticLoadBalancingV2::ListenerRule'));
    // A target group's own view shows no targets.
    expect(p.resource_changes.find((rc) => rc.type === TG)!.change.after).not.toHaveProperty('targets');
  });

  it('registered as desired: no changes', () => {
    const stack = withTargets([ip('10.0.1.5')]);
    const p = plan([stack], observedOfStacks(observedWith(stack, [ip('10.0.1.5')])));
    expect(Object.values(actionsOf(p)).filter((a) => a !== 'no-op')).toEqual([]);
  });

  it('a Service scaling plans only target adds and removes; the target group stays a no-op', () => {
    const stack = withTargets([ip('10.0.1.6'), ip('10.0.1.7')]);
    const p = plan([stack], observedOfStacks(observedWith(stack, [ip('10.0.1.5'), ip('10.0.1.6')])));
    const tgId = stack.extras.targets[0]!.targetGroupId;
    const changed = Object.fromEntries(Object.entries(actionsOf(p)).filter(([, a]) => a !== 'no-op'));
    expect(changed).toEqual({ [`gateway["ns/gw"].target["${tgId}/10.0.1.7:8080"]`]: 'create', [`gateway["ns/gw"].target["${tgId}/10.0.1.5:8080"]`]: 'delete' });
    const removed = p.resource_changes.find((rc) => rc.change.actions[0] === 'delete')!;
    expect(removed.change.before).toEqual({ targetGroupARN: `arn:TargetGroup/${tgId}`, id: '10.0.1.5', port: 8080 });
    const text = renderPlanText(p, makeChalk(false));
    expect(text).toContain(`  # gateway["ns/gw"].target_group["${tgId}"]: 1 target will be registered\n  + target 10.0.1.7:8080\n`);
    expect(text).toContain(`  # gateway["ns/gw"].target_group["${tgId}"]: 1 target will be deregistered\n  - target 10.0.1.5:8080\n`);
    expect(text).toContain('Plan: 1 to add, 0 to change, 1 to destroy.');
  });

  it('a replaced target group gets every target again; a deleted one takes its targets with it', () => {
    const stack = withTargets([ip('10.0.1.5')]);
    const tgId = stack.extras.targets[0]!.targetGroupId;
    const observed = mapObserved(observedWith(stack, [ip('10.0.1.5')]), TG, tgId, (r) => ({ ...r, spec: { ...(r.spec as object), targetType: 'ip' } }) as typeof r);
    const p = plan([stack], observedOfStacks(observed));
    expect(actionsOf(p)[`gateway["ns/gw"].target_group["${tgId}"]`]).toBe('create,delete');
    expect(actionsOf(p)[`gateway["ns/gw"].target["${tgId}/10.0.1.5:8080"]`]).toBe('create');

    const dropped: Stack = { ...stack, resources: stack.resources.filter((r) => !(r.type === TG && r.id === tgId)), extras: { ...stack.extras, targets: stack.extras.targets.slice(1) } };
    const gone = plan([dropped], observedOfStacks(observedWith(stack, [ip('10.0.1.5')])));
    expect(actionsOf(gone)[`gateway["ns/gw"].target_group["${tgId}"]`]).toBe('delete');
    expect(gone.resource_changes.filter((rc) => rc.type === TARGET)).toEqual([]);
  });

  it('unmanaged targets: no change, and the plan says so once per target group', () => {
    const stack = withTargets(undefined);
    const p = plan([stack], observedOfStacks(applied(stack)));
    expect(p.resource_changes.filter((rc) => rc.type === TARGET)).toEqual([]);
    const tgs = stack.extras.targets.map((t) => `gateway["ns/gw"].target_group["${t.targetGroupId}"]`);
    expect(p.stacks[0]!.unmanaged_targets?.map((u) => u.target_group)).toEqual(tgs);
    const text = renderPlanText(p, makeChalk(false));
    const notes = text.split('\n').filter((l) => l.includes('are left as they are'));
    expect(notes).toEqual([`Note: the targets of 2 target groups are left as they are: the input holds no EndpointSlices of Service ns/svc1. They are ${tgs.join(', ')}.`]);
  });
});
