import { describe, expect, it } from 'vitest';
import { defaultClusterSettings } from '../model/settings.js';
import type { ListenerRuleSpec, LoadBalancerSpec, TargetGroupSpec } from '../model/stack.js';
import { actionsOf, albStack, applied, CLUSTER, mapObserved, observedOfStacks, plan } from './fixtures.test-util.js';
import { EMPTY_OBSERVED, hasChanges, resourceAddress, summarize, type ObservedResource } from './index.js';

const LB = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const TG = 'AWS::ElasticLoadBalancingV2::TargetGroup';
const RULE = 'AWS::ElasticLoadBalancingV2::ListenerRule';
const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';
const SG = 'AWS::EC2::SecurityGroup';

const withSpec = <T>(r: ObservedResource, f: (s: T) => T): ObservedResource => ({ ...r, spec: f(r.spec as T) }) as ObservedResource;
const withTags = (r: ObservedResource, tags: Record<string, string>): ObservedResource => ({ ...r, tags }) as ObservedResource;
const changed = (p: ReturnType<typeof plan>) => p.resource_changes.filter((rc) => rc.change.actions[0] !== 'no-op');

describe('empty account', () => {
  it('plans every resource as a create, in dependency order', () => {
    const p = plan([albStack()], EMPTY_OBSERVED);
    const types = p.resource_changes.map((rc) => rc.type);
    expect(p.resource_changes.every((rc) => rc.change.actions.join() === 'create')).toBe(true);
    expect(types).toEqual([SG, TG, TG, LB, LISTENER, RULE, RULE]);
    expect(summarize(p)).toEqual({ add: 7, change: 0, destroy: 0 });
    expect(p.resource_changes[0]!.address).toBe('gateway["ns/gw"].security_group["ManagedLBSecurityGroup"]');
  });

  it('marks references to resources not yet created as unknown', () => {
    const p = plan([albStack()], EMPTY_OBSERVED);
    const lb = p.resource_changes.find((rc) => rc.type === LB)!;
    expect((lb.change.after as { securityGroups: unknown[] }).securityGroups).toEqual(['sg-backend', null]);
    expect(lb.change.after_unknown).toEqual({ securityGroups: [false, true] });
  });

  it('carries the tracking tags in every create', () => {
    const p = plan([albStack()], EMPTY_OBSERVED);
    for (const rc of p.resource_changes) {
      expect((rc.change.after as { tags: Record<string, string> }).tags).toMatchObject({ 'elbv2.k8s.aws/cluster': CLUSTER, 'gateway.k8s.aws.alb/stack': 'ns/gw', 'gateway.k8s.aws.alb/resource': rc.id });
    }
  });
});

describe('no-op when equal', () => {
  it('an applied stack plans no changes', () => {
    const s = albStack();
    const p = plan([s], observedOfStacks(applied(s)));
    expect(changed(p)).toEqual([]);
    expect(hasChanges(p)).toBe(false);
    expect(p.resource_changes).toHaveLength(7);
  });

  it('ignores what LBC ignores: LB name, attributes removed from config, single-tuple weights, rule order in AWS', () => {
    const s = albStack();
    let o = applied(s);
    o = mapObserved(o, LB, 'LoadBalancer', (r) => withSpec<LoadBalancerSpec>(r, (sp) => ({ ...sp, name: 'old-name', loadBalancerAttributes: [{ key: 'idle_timeout.timeout_seconds', value: '60' }] })));
    o = mapObserved(o, RULE, '80:1', (r) =>
      withSpec<ListenerRuleSpec>(r, (sp) => ({ ...sp, conditions: [...sp.conditions].reverse(), actions: sp.actions.map((a) => (a.type === 'forward' ? { ...a, forwardConfig: { ...a.forwardConfig, targetGroups: a.forwardConfig.targetGroups.map((t) => ({ ...t, weight: 7 })) } } : a)) })),
    );
    const p = plan([s], observedOfStacks(o));
    expect(changed(p)).toEqual([]);
    const lb = p.resource_changes.find((rc) => rc.type === LB)!;
    expect((lb.change.after as { name: string }).name).toBe('old-name');
  });
});

describe('updates and tag reconciliation', () => {
  it('removes unknown tags, keeps aws: and external-managed keys, adds missing ones', () => {
    // (A missing resource tag would abort the stack instead: ownership.test.ts.)
    const s = albStack({ tags: { team: 'web' } });
    const o = mapObserved(applied(s), LB, 'LoadBalancer', (r) => {
      const { team: _gone, ...rest } = r.tags;
      return withTags(r, { ...rest, 'aws:cloudformation:stack-name': 'x', manual: 'yes', owner: 'ops' });
    });
    const p = plan([s], observedOfStacks(o), { settings: defaultClusterSettings(CLUSTER, { externalManagedTags: ['owner'] }) });
    const lb = p.resource_changes.find((rc) => rc.type === LB)!;
    expect(lb.change.actions).toEqual(['update']);
    expect((lb.change.after as { tags: Record<string, string> }).tags).toEqual({
      'aws:cloudformation:stack-name': 'x',
      'elbv2.k8s.aws/cluster': CLUSTER,
      'gateway.k8s.aws.alb/resource': 'LoadBalancer',
      'gateway.k8s.aws.alb/stack': 'ns/gw',
      owner: 'ops',
      team: 'web',
    });
  });

  it('an SG rule added by hand is revoked; descriptions are ignored', () => {
    const s = albStack();
    const o = mapObserved(applied(s), SG, 'ManagedLBSecurityGroup', (r) =>
      withSpec<{ ingress: unknown[] }>(r, (sp) => ({ ...sp, ingress: [...sp.ingress.map((i) => ({ ...(i as object), ipRanges: [{ cidrIP: '0.0.0.0/0', description: 'hand' }] })), { ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: [{ cidrIP: '10.0.0.0/8' }] }] })),
    );
    const p = plan([s], observedOfStacks(o));
    const sg = p.resource_changes.find((rc) => rc.type === SG)!;
    expect(sg.change.actions).toEqual(['update']);
    expect((sg.change.after as { ingress: unknown[] }).ingress).toEqual([{ ipProtocol: 'tcp', fromPort: 80, toPort: 80, cidrIP: '0.0.0.0/0' }]);
    expect((sg.change.before as { ingress: unknown[] }).ingress).toHaveLength(2);
  });

  it('a health-check change updates the TG in place', () => {
    const s = albStack();
    const tgId = s.resources.find((r) => r.type === TG)!.id;
    const o = mapObserved(applied(s), TG, tgId, (r) => withSpec<TargetGroupSpec>(r, (sp) => ({ ...sp, healthCheckConfig: { ...sp.healthCheckConfig, path: '/healthz' } })));
    const p = plan([s], observedOfStacks(o));
    expect(changed(p).map((rc) => [rc.id, rc.change.actions.join()])).toEqual([[tgId, 'update']]);
  });
});

describe('replacement', () => {
  it('an LB scheme change deletes then creates it, and its listeners and rules with it', () => {
    const before = albStack();
    const after = albStack({ scheme: 'internet-facing' });
    const p = plan([after], observedOfStacks(applied(before)));
    const lb = p.resource_changes.find((rc) => rc.type === LB)!;
    expect(lb.change.actions).toEqual(['delete', 'create']);
    expect(lb.change.replace_paths).toEqual([['scheme']]);
    expect(lb.action_reason).toBe('replace_because_cannot_update');
    const listener = p.resource_changes.find((rc) => rc.type === LISTENER)!;
    expect(listener.change.actions).toEqual(['delete', 'create']);
    expect(listener.action_reason).toBe('replace_because_parent_replaced');
    expect(p.resource_changes.filter((rc) => rc.type === RULE).every((rc) => rc.change.actions.join() === 'delete,create')).toBe(true);
  });

  it('a replaced rule shows only what changes: the stickiness AWS reports as disabled is no change', () => {
    const before = albStack();
    const disabled = (sp: ListenerRuleSpec): ListenerRuleSpec => ({
      ...sp,
      actions: sp.actions.map((a) => (a.type === 'forward' ? { ...a, forwardConfig: { ...a.forwardConfig, targetGroupStickinessConfig: { enabled: false } } } : a)),
    });
    let o = applied(before);
    for (const id of ['80:1', '80:2']) o = mapObserved(o, RULE, id, (r) => withSpec<ListenerRuleSpec>(r, disabled));
    const p = plan([albStack({ scheme: 'internet-facing' })], observedOfStacks(o));
    const rule = p.resource_changes.find((rc) => rc.type === RULE)!;
    expect(rule.change.actions).toEqual(['delete', 'create']);
    expect((rule.change.before as { actions: unknown }).actions).toEqual((rule.change.after as { actions: unknown }).actions);
    // In place too: disabled stickiness (with or without a duration) equals none.
    const same = plan([before], observedOfStacks(mapObserved(applied(before), RULE, '80:1', (r) => withSpec<ListenerRuleSpec>(r, disabled))));
    expect(changed(same)).toEqual([]);
  });

  it("a replaced NLB keeps AWS's default PrivateLink enforcement (`on` with security groups) out of the diff", () => {
    const before = albStack();
    const o = mapObserved(applied(before), LB, 'LoadBalancer', (r) => withSpec<LoadBalancerSpec>(r, (sp) => ({ ...sp, securityGroupsInboundRulesOnPrivateLink: 'on' })));
    const p = plan([albStack({ scheme: 'internet-facing' })], observedOfStacks(o));
    const lb = p.resource_changes.find((rc) => rc.type === LB)!;
    expect(lb.change.actions).toEqual(['delete', 'create']);
    expect((lb.change.after as Record<string, unknown>)['securityGroupsInboundRulesOnPrivateLink']).toBe('on');
  });

  it('a TG protocol change creates the new TG before deleting the old one; rules then point at an unknown ARN', () => {
    const s = albStack();
    const tgId = s.resources.find((r) => r.type === TG)!.id;
    const o = mapObserved(applied(s), TG, tgId, (r) => withSpec<TargetGroupSpec>(r, (sp) => ({ ...sp, protocol: 'HTTPS' })));
    const p = plan([s], observedOfStacks(o));
    const tg = p.resource_changes.find((rc) => rc.id === tgId)!;
    expect(tg.change.actions).toEqual(['create', 'delete']);
    expect(tg.change.replace_paths).toEqual([['protocol']]);
    const rule = p.resource_changes.find((rc) => rc.id === '80:1')!;
    expect(rule.change.actions).toEqual(['update']);
    expect(rule.change.after_unknown).toEqual({ actions: [{ forwardConfig: { targetGroups: [{ targetGroupARN: true }] } }] });
    expect(summarize(p)).toEqual({ add: 1, change: 1, destroy: 1 });
  });

  it('a TG port change is not detected (LBC keeps the TG)', () => {
    const s = albStack();
    const tgId = s.resources.find((r) => r.type === TG)!.id;
    const o = mapObserved(applied(s), TG, tgId, (r) => withSpec<TargetGroupSpec>(r, (sp) => ({ ...sp, port: 31999 })));
    expect(changed(plan([s], observedOfStacks(o)))).toEqual([]);
  });
});

describe('rule matching: content first, then priority', () => {
  it('rules whose priorities swapped in AWS are re-prioritised, not rewritten', () => {
    const s = albStack({ paths: ['/a', '/b'] });
    let o = applied(s);
    const swap = (_id: string, priority: number) => (r: ObservedResource) => ({ ...withSpec<ListenerRuleSpec>(r, (sp) => ({ ...sp, priority })), id: `80:${priority}` }) as ObservedResource;
    o = { ...o, resources: o.resources.map((r) => (r.id === '80:1' ? swap('80:1', 2)(r) : r.id === '80:2' ? swap('80:2', 1)(r) : r)) };
    const p = plan([s], observedOfStacks(o));
    const rules = p.resource_changes.filter((rc) => rc.type === RULE);
    expect(rules.map((rc) => [rc.id, rc.change.actions.join(), (rc.change.before as { priority: number }).priority, (rc.change.after as { priority: number }).priority])).toEqual([
      ['80:1', 'update', 2, 1],
      ['80:2', 'update', 1, 2],
    ]);
    for (const rc of rules) expect((rc.change.after as { conditions: unknown }).conditions).toEqual((rc.change.before as { conditions: unknown }).conditions);
  });

  it('a new rule is created, a rule that matches nothing is deleted after the creates', () => {
    const before = albStack({ paths: ['/a', '/b'] });
    const after = albStack({ paths: ['/a'] });
    const p = plan([after], observedOfStacks(applied(before)));
    const a = actionsOf(p);
    expect(Object.values(a).filter((x) => x === 'delete')).toHaveLength(2); // rule /b and its TG
    const last = p.resource_changes.slice(-2).map((rc) => rc.type);
    expect(last).toEqual([RULE, TG]);
  });

  it('an observed rule whose content changed and whose priority matches is updated in place', () => {
    const s = albStack({ paths: ['/a'] });
    const o = mapObserved(applied(s), RULE, '80:1', (r) => withSpec<ListenerRuleSpec>(r, (sp) => ({ ...sp, conditions: [{ field: 'path-pattern', pathPatternConfig: { values: ['/old*'] } }] })));
    const p = plan([s], observedOfStacks(o));
    expect(changed(p).map((rc) => [rc.id, rc.change.actions.join()])).toEqual([['80:1', 'update']]);
  });

  it('a delete whose address a desired rule reuses is marked deposed', () => {
    const before = albStack({ paths: ['/x', '/y'] });
    const after = albStack({ paths: ['/y', '/z'] });
    const p = plan([after], observedOfStacks(applied(before)));
    const deposed = p.resource_changes.filter((rc) => rc.deposed !== undefined);
    for (const d of deposed) expect(p.resource_changes.some((rc) => rc.address === d.address && rc.deposed === undefined)).toBe(true);
  });
});

describe('orphans and scope', () => {
  it('an owned stack whose Gateway is not in the input is reported, and deleted only with prune', () => {
    const orphan = applied(albStack({ name: 'old' }));
    const kept = plan([albStack()], observedOfStacks(orphan));
    expect(kept.stacks.find((s) => s.id === 'ns/old')?.status).toBe('orphaned');
    expect(kept.resource_changes.some((rc) => rc.stack === 'ns/old')).toBe(false);
    const pruned = plan([albStack()], observedOfStacks(orphan), { prune: true });
    const gone = pruned.resource_changes.filter((rc) => rc.stack === 'ns/old');
    expect(gone.every((rc) => rc.change.actions.join() === 'delete' && rc.action_reason === 'delete_because_orphaned_stack')).toBe(true);
    expect(gone.map((rc) => rc.type)).toEqual([RULE, RULE, LISTENER, LB, TG, TG, SG]);
  });

  it('a Gateway in the input whose model failed keeps its stack untouched, even with prune', () => {
    const o = applied(albStack({ name: 'broken' }));
    const p = plan([albStack()], observedOfStacks(o), { prune: true, inputGateways: ['ns/gw', 'ns/broken'] });
    expect(p.stacks.find((s) => s.id === 'ns/broken')?.status).toBe('model-failed');
    expect(p.resource_changes.some((rc) => rc.stack === 'ns/broken')).toBe(false);
  });

  it('--gateway leaves other stacks out of the plan', () => {
    const p = plan([albStack(), albStack({ name: 'other' })], observedOfStacks(applied(albStack({ name: 'old' }))), { scope: 'ns/gw', prune: true });
    expect(new Set(p.resource_changes.map((rc) => rc.stack))).toEqual(new Set(['ns/gw']));
  });
});

describe('untracked resources are never touched', () => {
  it('an LB without our cluster tag is reported, not deleted; its listeners are not owned', () => {
    const s = albStack();
    const o = mapObserved(applied(s), LB, 'LoadBalancer', (r) => withTags(r, { ...r.tags, 'elbv2.k8s.aws/cluster': 'someone-else' }));
    const p = plan([s], observedOfStacks(o), { prune: true });
    expect(p.untracked.map((u) => [u.type, u.reason])).toEqual([
      [LB, 'other-cluster'],
      [LISTENER, 'missing-tracking-tags'],
      [RULE, 'missing-tracking-tags'],
      [RULE, 'missing-tracking-tags'],
    ]);
    expect(p.resource_changes.some((rc) => rc.arn === 'arn:ElasticLoadBalancingV2/LoadBalancer' && rc.change.actions.includes('delete' as never))).toBe(false);
    expect(p.resource_changes.find((rc) => rc.type === LB)!.change.actions).toEqual(['create']);
  });

  it('a create whose name an untracked resource holds makes the plan unapplyable', () => {
    const s = albStack();
    const lbName = (s.resources.find((r) => r.type === LB)!.spec as LoadBalancerSpec).name;
    const p = plan([s], { stacks: [], foreign: [{ type: LB, name: lbName, arn: 'arn:foreign', tags: {} }] });
    expect(p.applyable).toBe(false);
    expect(p.untracked).toEqual([{ type: LB, arn: 'arn:foreign', name: lbName, reason: 'name-collision', address: resourceAddress('ns/gw', LB, 'LoadBalancer') }]);
  });
});
