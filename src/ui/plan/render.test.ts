import { describe, expect, it } from 'vitest';
import type { Action, Stack, StackResource } from '../../model/stack.js';
import { albStack, applied, mapObserved, observedOfStacks, plan } from '../../plan/fixtures.test-util.js';
import { EMPTY_OBSERVED, hasChanges, type ObservedResource } from '../../plan/index.js';
import { makeChalk } from '../color.js';
import { renderPlanJson, renderPlanMarkdown, renderPlanText } from './index.js';

const plain = makeChalk(false);
const LB = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const TG = 'AWS::ElasticLoadBalancingV2::TargetGroup';

/** The stack with an OIDC authentication in front of rule 80:1. */
function withOidc(s: Stack): Stack {
  const oidc: Action = {
    type: 'authenticate-oidc',
    authenticateOIDCConfig: { issuer: 'https://idp', authorizationEndpoint: 'https://idp/auth', tokenEndpoint: 'https://idp/token', userInfoEndpoint: 'https://idp/user', clientID: 'client', clientSecret: 'hunter2-secret' },
  };
  const resources = s.resources.map((r): StackResource => (r.type === 'AWS::ElasticLoadBalancingV2::ListenerRule' && r.id === '80:1' ? { ...r, spec: { ...r.spec, actions: [oidc, ...r.spec.actions] } } : r));
  return { ...s, resources };
}

describe('text view', () => {
  it('renders creates with the legend, unknown references and the summary', () => {
    const text = renderPlanText(plan([albStack({ paths: ['/a'] })], EMPTY_OBSERVED, { mode: 'offline' }), plain);
    expect(text).toContain('  + create\n');
    expect(text).toContain('  # gateway["ns/gw"].load_balancer["LoadBalancer"] will be created\n  + resource "AWS::ElasticLoadBalancingV2::LoadBalancer" "LoadBalancer" {');
    expect(text).toMatch(/\+ targetGroupARN = \(known after apply\) # target_group\["ns\/gw:ns-r:HTTPRoute-ns-svc0:8080"\]/);
    expect(text).toContain('Plan: 5 to add, 0 to change, 0 to destroy.');
    expect(text).toContain('Note: planned against an empty account (--offline)');
  });

  it('says once, naming them, that several Gateways hash stand-in UIDs', () => {
    const p = plan([albStack({ name: 'a' }), albStack({ name: 'b' })], EMPTY_OBSERVED);
    const standIn = { ...p, stacks: p.stacks.map((s) => ({ ...s, uid_source: 'stand-in' as const, uid: 'uid' })) };
    const notes = renderPlanText(standIn, plain).split('\n').filter((l) => l.includes('metadata.uid'));
    expect(notes).toEqual([
      'Note: 2 Gateways have no metadata.uid, so their load balancer and security group names hash stand-in UIDs: ns/a, ns/b. LBC hashes the real UIDs: names will differ for the same Gateways read from a cluster (existing load balancers are still found by their tags).',
    ]);
  });

  it('says there is nothing to do when AWS matches', () => {
    const s = albStack();
    const text = renderPlanText(plan([s], observedOfStacks(applied(s))), plain);
    expect(text.split('\n')[0]).toBe('No changes. Your infrastructure matches the configuration.');
    expect(text).not.toContain('resource "');
  });

  it('shows only the changed attributes of an update, tags removed with -> null', () => {
    const s = albStack();
    const o = mapObserved(applied(s), LB, 'LoadBalancer', (r) => ({ ...r, tags: { ...r.tags, manual: 'x' } }) as ObservedResource);
    const text = renderPlanText(plan([s], observedOfStacks(o)), plain);
    expect(text).toContain('  # gateway["ns/gw"].load_balancer["LoadBalancer"] will be updated in-place\n  ~ resource');
    expect(text).toContain('      ~ tags = {\n          - "manual" = "x" -> null\n            # (3 unchanged elements hidden)\n        }\n        # (6 unchanged attributes hidden)\n');
    expect(text).toContain('Plan: 0 to add, 1 to change, 0 to destroy.');
  });

  it('marks the attribute that forces a replacement', () => {
    const s = albStack();
    const tgId = s.resources.find((r) => r.type === TG)!.id;
    const o = mapObserved(applied(s), TG, tgId, (r) => ({ ...r, spec: { ...(r.spec as object), targetType: 'ip' } }) as ObservedResource);
    const text = renderPlanText(plan([s], observedOfStacks(o)), plain);
    expect(text).toContain('must be replaced\n+/- resource "AWS::ElasticLoadBalancingV2::TargetGroup"');
    expect(text).toContain('~ targetType = "ip" -> "instance" # forces replacement');
    expect(text).toContain('+/- create replacement and then destroy');
  });

  it('never prints an OIDC client secret, in text or JSON', () => {
    const p = plan([withOidc(albStack())], EMPTY_OBSERVED);
    const text = renderPlanText(p, plain);
    const json = renderPlanJson(p);
    expect(text).toMatch(/\+ clientSecret +(= \(sensitive value\))/);
    expect(text + json).not.toContain('hunter2');
    const rule = p.resource_changes.find((rc) => rc.id === '80:1')!;
    expect(rule.change.after_sensitive).toEqual({ actions: [{ authenticateOIDCConfig: { clientSecret: true } }, {}] });
  });

  it('an applied OIDC rule is no change; the plan lists it to re-send its secret and says so once', () => {
    const s = withOidc(albStack());
    const p = plan([s], observedOfStacks(applied(s)));
    expect(hasChanges(p)).toBe(false);
    expect(p.write_only_resent).toEqual(['gateway["ns/gw"].listener_rule["80:1"]']);
    const text = renderPlanText(p, plain);
    expect(text.split('\n')[0]).toBe('No changes. Your infrastructure matches the configuration.');
    expect(text.match(/OIDC client secrets are write-only/g)).toHaveLength(1);
    expect(text).toContain('Apply re-sends the client secret of 1 existing listener rule, as LBC does on every reconcile.');
    expect(text + renderPlanJson(p) + renderPlanMarkdown(p, { target: 'account', diagnostics: [] })).not.toContain('hunter2');
    // A create sends the secret itself: nothing to re-send, no note.
    const created = plan([s], EMPTY_OBSERVED);
    expect(created.write_only_resent).toBeUndefined();
    expect(renderPlanText(created, plain)).not.toContain('write-only');
  });

  it('colours only when asked', () => {
    const p = plan([albStack()], EMPTY_OBSERVED);
    expect(renderPlanText(p, plain)).not.toMatch(/\u001b\[/);
    expect(renderPlanText(p, makeChalk(true))).toMatch(/\u001b\[32m\+/);
  });
});
