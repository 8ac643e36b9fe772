/**
 * Port of LBC v3.5.0 pkg/gateway/model/addons/model_build_addon_test.go (Test_buildAddons).
 * LBC passes the supported addons (ALB: WAFv2, Shield, ProvisionedCapacity; NLB: ProvisionedCapacity,
 * controllers/gateway/addons.go) and the previously active ones (the Gateway's
 * `gateway.k8s.aws.addon.*` annotations); here they are the Gateway's class and annotations.
 * The returned AddonMetadata is what LBC writes back into those annotations, which gwlb does not
 * write, so the cases assert the stack: WAF/Shield resources and the LB's minimumLoadBalancerCapacity.
 */
import { describe, expect, it } from 'vitest';
import { ALB_CLASS, lbcCase, skipCase, specOf, type LbcStackJson } from './harness.js';

const T = 'model_build_addon_test.go Test_buildAddons';

function gateway(opts: { cls?: 'alb' | 'nlb'; annotations?: Record<string, string>; config?: string }): string {
  const cls = opts.cls ?? 'alb';
  const annotations = opts.annotations ? `, annotations: ${JSON.stringify(opts.annotations)}` : '';
  const ref = opts.config !== undefined ? '\n  infrastructure: {parametersRef: {group: gateway.k8s.aws, kind: LoadBalancerConfiguration, name: cfg}}' : '';
  const listener = cls === 'alb' ? '{name: http, port: 80, protocol: HTTP}' : '{name: tcp, port: 80, protocol: TCP}';
  const config =
    opts.config !== undefined
      ? `
---
apiVersion: gateway.k8s.aws/v1beta1
kind: LoadBalancerConfiguration
metadata: {name: cfg, namespace: ns}
spec: ${opts.config}`
      : '';
  return `${ALB_CLASS}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: ns, uid: 11111111-2222-3333-4444-555555555555${annotations}}
spec:
  gatewayClassName: ${cls}
  listeners: [${listener}]${ref}${config}
`;
}

function resourcesOfType(json: LbcStackJson, type: string): Record<string, { spec: Record<string, unknown> }> {
  return json.resources[type] ?? {};
}

interface Expect {
  readonly shield?: boolean;
  readonly waf?: string;
  readonly capacity?: number;
}

function check(yaml: string, want: Expect): void {
  const r = lbcCase(yaml);
  expect(r.errors).toEqual([]);
  const json = r.stackJson('ns/gw');
  const shield = Object.values(resourcesOfType(json, 'AWS::Shield::Protection'));
  const waf = Object.values(resourcesOfType(json, 'AWS::WAFv2::WebACLAssociation'));
  expect(shield.map((s) => s.spec['enabled'])).toEqual(want.shield === undefined ? [] : [want.shield]);
  expect(waf.map((s) => s.spec['webACLARN'])).toEqual(want.waf === undefined ? [] : [want.waf]);
  const lb = specOf(json, 'LoadBalancer', 'LoadBalancer');
  expect(lb['minimumLoadBalancerCapacity']).toEqual(want.capacity === undefined ? undefined : { capacityUnits: want.capacity });
}

describe(T, () => {
  skipCase(`${T}/no supported addons`, 'every LB type supports at least ProvisionedCapacity; an empty supported list is a unit-test-only input');

  it.each<[string, string, Expect]>([
    ['no enabled addons', gateway({}), {}],
    ['enabled shield', gateway({ config: '{shieldConfiguration: {enabled: true}}' }), { shield: true }],
    ['enabled waf', gateway({ config: '{wafV2: {webACL: foo}}' }), { waf: 'foo' }],
    ['waf and shield enabled', gateway({ config: '{wafV2: {webACL: foo}, shieldConfiguration: {enabled: true}}' }), { waf: 'foo', shield: true }],
    ['waf was enabled, now is not', gateway({ annotations: { 'gateway.k8s.aws.addon.wafv2': 'true' }, config: '{}' }), { waf: '' }],
    ['shield was enabled, now is not', gateway({ annotations: { 'gateway.k8s.aws.addon.shield': 'true' }, config: '{}' }), { shield: false }],
    ['enabled pc', gateway({ config: '{minimumLoadBalancerCapacity: {capacityUnits: 100}}' }), { capacity: 100 }],
    ['pc was enabled, now is not', gateway({ annotations: { 'gateway.k8s.aws.addon.provisionedcapacity': 'true' } }), { capacity: 0 }],
  ])(`${T}/%s`, (_name, yaml, want) => check(yaml, want));

  // Supported addons [WAFv2] with Shield configured: LBC's only runtime list without Shield is
  // the NLB one (ProvisionedCapacity only), so the case runs on an NLB Gateway.
  it(`${T}/enabled addon, but not supported`, () => {
    check(gateway({ cls: 'nlb', config: '{shieldConfiguration: {enabled: true}, wafV2: {webACL: foo}}' }), {});
  });

  // gwlb-only checks of the same rules: annotation values parse as strconv.ParseBool, malformed → false.
  it.each<[string, string, Expect]>([
    ['pc annotation "True" with capacity 0', gateway({ annotations: { 'gateway.k8s.aws.addon.provisionedcapacity': 'True' }, config: '{minimumLoadBalancerCapacity: {capacityUnits: 0}}' }), { capacity: 0 }],
    ['pc annotation "false"', gateway({ annotations: { 'gateway.k8s.aws.addon.provisionedcapacity': 'false' } }), {}],
    ['pc annotation malformed', gateway({ annotations: { 'gateway.k8s.aws.addon.provisionedcapacity': 'yes' } }), {}],
    ['shield annotation "1"', gateway({ annotations: { 'gateway.k8s.aws.addon.shield': '1' } }), { shield: false }],
    ['nlb pc was enabled, now is not', gateway({ cls: 'nlb', annotations: { 'gateway.k8s.aws.addon.provisionedcapacity': 'true' } }), { capacity: 0 }],
  ])('gwlb: addon annotations — %s', (_name, yaml, want) => check(yaml, want));
});
