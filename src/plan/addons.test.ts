import { describe, expect, it } from 'vitest';
import { LOAD_BALANCER_ID, RT, resourceRef, type Stack, type StackResource } from '../model/stack.js';
import { actionsOf, albStack, applied, mapObserved, observedOfStacks, plan } from './fixtures.test-util.js';
import type { ObservedResource, ObservedStack } from './observed.js';

const lbArn = resourceRef(RT.loadBalancer, LOAD_BALANCER_ID, 'loadBalancerARN');
const waf = (acl: string): StackResource => ({ type: RT.webAclAssociation, id: LOAD_BALANCER_ID, spec: { webACLARN: acl, resourceARN: lbArn } });
const shield = (enabled: boolean): StackResource => ({ type: RT.shieldProtection, id: LOAD_BALANCER_ID, spec: { enabled, resourceARN: lbArn } });
const withAddons = (s: Stack, ...addons: StackResource[]): Stack => ({ ...s, resources: [...s.resources, ...addons] });
const WAF = 'gateway["ns/gw"].wafv2_web_acl_association["LoadBalancer"]';
const SHIELD = 'gateway["ns/gw"].shield_protection["LoadBalancer"]';
const addonActions = (a: Record<string, string>) => Object.fromEntries(Object.entries(a).filter(([k]) => k === WAF || k === SHIELD));

/** The applied stack, with the protection named as observe reads it. */
function observedWith(s: Stack, name = 'managed by aws-load-balancer-controller'): ObservedStack {
  return mapObserved(applied(s), RT.shieldProtection, LOAD_BALANCER_ID, (r) => ({ ...r, spec: { ...r.spec, name } }) as ObservedResource);
}

describe('WAFv2 and Shield in a plan (plan/addons.ts)', () => {
  it('an empty web ACL or a disabled protection is "none": nothing to create, the observed one is deleted', () => {
    const base = albStack();
    expect(addonActions(actionsOf(plan([withAddons(base, waf(''), shield(false))], observedOfStacks(applied(base)))))).toEqual({});
    const before = observedWith(withAddons(base, waf('arn:acl-1'), shield(true)));
    expect(addonActions(actionsOf(plan([withAddons(base, waf(''), shield(false))], observedOfStacks(before))))).toEqual({ [WAF]: 'delete', [SHIELD]: 'delete' });
    // No addon in the model at all (no annotation): the account says it is active, so the same.
    expect(addonActions(actionsOf(plan([base], observedOfStacks(before))))).toEqual({ [WAF]: 'delete', [SHIELD]: 'delete' });
  });

  it('a changed web ACL is an update; the same one, or any protection, no change', () => {
    const base = albStack();
    const before = observedWith(withAddons(base, waf('arn:acl-1'), shield(true)), 'security team');
    expect(addonActions(actionsOf(plan([withAddons(base, waf('arn:acl-2'), shield(true))], observedOfStacks(before))))).toEqual({ [WAF]: 'update', [SHIELD]: 'no-op' });
    expect(addonActions(actionsOf(plan([withAddons(base, waf('arn:acl-1'), shield(true))], observedOfStacks(before))))).toEqual({ [WAF]: 'no-op', [SHIELD]: 'no-op' });
  });

  it('a protection LBC did not name is never deleted', () => {
    const base = albStack();
    const before = observedWith(withAddons(base, shield(true)), 'security team');
    expect(addonActions(actionsOf(plan([base], observedOfStacks(before))))).toEqual({});
  });

  it('without a Shield subscription no protection is planned', () => {
    const base = albStack();
    const p = plan([withAddons(base, shield(true))], { ...observedOfStacks(applied(base)), shieldSubscribed: false });
    expect(addonActions(actionsOf(p))).toEqual({});
  });

  it('a replaced load balancer gets its addons again; a deleted stack plans no addon change', () => {
    const base = albStack();
    const before = observedWith(withAddons(base, waf('arn:acl-1'), shield(true)));
    const moved = withAddons(albStack({ scheme: 'internet-facing' }), waf('arn:acl-1'), shield(true));
    const replaced = plan([moved], observedOfStacks(before));
    expect(addonActions(actionsOf(replaced))).toEqual({ [WAF]: 'delete,create', [SHIELD]: 'delete,create' });
    expect(replaced.resource_changes.find((rc) => rc.address === WAF)?.action_reason).toBe('replace_because_parent_replaced');
    const pruned = plan([], observedOfStacks(before), { prune: true, inputGateways: ['ns/other'] });
    expect(addonActions(actionsOf(pruned))).toEqual({});
    expect(actionsOf(pruned)['gateway["ns/gw"].load_balancer["LoadBalancer"]']).toBe('delete');
  });
});
