/**
 * Port of LBC v3.5.0 pkg/gateway/model/gateway_tag_helper_test.go. The tag helper's inputs are
 * settings (`--default-tags`, `--external-managed-tags=external-tag`, the gate
 * EnableDefaultTagsLowPriority) and the spec tags of a LoadBalancerConfiguration (LB tags), a
 * TargetGroupConfiguration (TG tags) or a ListenerRuleConfiguration (rule tags); its output is the
 * `tags` of the LB, TG or listener rule in the stack.
 */
import { describe, expect, it } from 'vitest';
import type { FeatureGates } from '../../src/model/index.js';
import { ALB_CLASS, lbcCase, specOf } from './harness.js';

const F = 'gateway_tag_helper_test.go';
type Tags = Record<string, string>;

function manifests(opts: { lbTags?: Tags; tgTags?: Tags | null; ruleTags?: Tags | null }): string {
  const yamlMap = (t: Tags) => JSON.stringify(t);
  const lbSpec = opts.lbTags && Object.keys(opts.lbTags).length > 0 ? `tags: ${yamlMap(opts.lbTags)}` : '';
  const tgc =
    opts.tgTags === null || opts.tgTags === undefined
      ? ''
      : `
---
apiVersion: gateway.k8s.aws/v1beta1
kind: TargetGroupConfiguration
metadata: {name: tgc, namespace: ns}
spec:
  targetReference: {name: svc}
  defaultConfiguration: {${Object.keys(opts.tgTags).length > 0 ? `tags: ${yamlMap(opts.tgTags)}` : ''}}`;
  const lrc =
    opts.ruleTags === null || opts.ruleTags === undefined
      ? ''
      : `
---
apiVersion: gateway.k8s.aws/v1
kind: ListenerRuleConfiguration
metadata: {name: lrc, namespace: ns}
spec: {${Object.keys(opts.ruleTags).length > 0 ? `tags: ${yamlMap(opts.ruleTags)}` : ''}}`;
  const filters = lrc ? '\n    filters: [{type: ExtensionRef, extensionRef: {group: gateway.k8s.aws, kind: ListenerRuleConfiguration, name: lrc}}]' : '';
  return `${ALB_CLASS}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: ns, uid: 11111111-2222-3333-4444-555555555555}
spec:
  gatewayClassName: alb
  infrastructure: {parametersRef: {group: gateway.k8s.aws, kind: LoadBalancerConfiguration, name: cfg}}
  listeners: [{name: http, port: 80, protocol: HTTP}]
---
apiVersion: gateway.k8s.aws/v1beta1
kind: LoadBalancerConfiguration
metadata: {name: cfg, namespace: ns}
spec: {${lbSpec}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: ns}
spec:
  parentRefs: [{name: gw}]
  rules:
  - backendRefs: [{name: svc, port: 80}]${filters}
---
apiVersion: v1
kind: Service
metadata: {name: svc, namespace: ns}
spec: {type: NodePort, ports: [{port: 80, targetPort: 8080, nodePort: 30080}]}${tgc}${lrc}
`;
}

interface Row {
  readonly defaultTags: Tags;
  readonly specTags: Tags;
  readonly lowPriority: boolean;
  /** Expected tags, or undefined for "returns error". */
  readonly want?: Tags;
}

// The six cases every Test_tagHelperImpl_* function shares, by name.
const SHARED: [string, Row][] = [
  ['when defaultTagsLowPriority is false, default tags override spec tags', { defaultTags: { env: 'prod', team: 'platform' }, specTags: { env: 'dev', app: 'web' }, lowPriority: false, want: { env: 'prod', team: 'platform', app: 'web' } }],
  ['when defaultTagsLowPriority is true, spec tags override default tags', { defaultTags: { env: 'prod', team: 'platform' }, specTags: { env: 'dev', app: 'web' }, lowPriority: true, want: { env: 'dev', team: 'platform', app: 'web' } }],
  ["when no overlapping tags, order doesn't matter", { defaultTags: { team: 'platform', 'cost-center': '123' }, specTags: { app: 'web', env: 'dev' }, lowPriority: false, want: { team: 'platform', 'cost-center': '123', app: 'web', env: 'dev' } }],
  ['when defaultTags is empty, all spec tags are used', { defaultTags: {}, specTags: { app: 'web', env: 'dev' }, lowPriority: false, want: { app: 'web', env: 'dev' } }],
  ['when specTags is empty, all default tags are used', { defaultTags: { team: 'platform', 'cost-center': '123' }, specTags: {}, lowPriority: false, want: { team: 'platform', 'cost-center': '123' } }],
  ['when specTags contains external managed tag, returns error', { defaultTags: { team: 'platform' }, specTags: { 'external-tag': 'value' }, lowPriority: false }],
];

function run(row: Pick<Row, 'defaultTags' | 'lowPriority'>, opts: Parameters<typeof manifests>[0]) {
  return lbcCase(manifests(opts), {
    settings: { defaultTags: row.defaultTags, externalManagedTags: ['external-tag'], featureGates: { EnableDefaultTagsLowPriority: row.lowPriority } as unknown as FeatureGates },
  });
}

const EXTERNAL = 'external managed tag key external-tag cannot be specified';

describe(`${F} Test_tagHelperImpl_getLoadBalancerTags`, () => {
  it.each(SHARED)(`${F} Test_tagHelperImpl_getLoadBalancerTags/%s`, (_name, row) => {
    const r = run(row, { lbTags: row.specTags });
    if (row.want === undefined) {
      expect(r.errors).toEqual([`GWLB306 Gateway ns/gw: ${EXTERNAL}`]);
      return;
    }
    expect(r.errors).toEqual([]);
    expect(specOf(r.stackJson('ns/gw'), 'LoadBalancer', 'LoadBalancer')['tags']).toEqual(row.want);
  });
});

describe(`${F} Test_tagHelperImpl_getTargetGroupTags`, () => {
  const rows: [string, Row & { nil?: boolean }][] = [
    ...SHARED,
    ['when tgProps is nil, only default tags are used', { defaultTags: { team: 'platform', 'cost-center': '123' }, specTags: {}, lowPriority: false, want: { team: 'platform', 'cost-center': '123' }, nil: true }],
  ];
  it.each(rows)(`${F} Test_tagHelperImpl_getTargetGroupTags/%s`, (_name, row) => {
    const r = run(row, { tgTags: row.nil ? null : row.specTags });
    if (row.want === undefined) {
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toContain(EXTERNAL);
      return;
    }
    expect(r.errors).toEqual([]);
    const tgs = Object.values(r.stackJson('ns/gw').resources['AWS::ElasticLoadBalancingV2::TargetGroup'] ?? {});
    expect(tgs.map((t) => t.spec['tags'])).toEqual([row.want]);
  });
});

describe(`${F} Test_tagHelperImpl_getListenerRuleTags`, () => {
  const rows: [string, Row & { nil?: boolean }][] = [
    ...SHARED,
    ['when lrConf is nil, only default tags are used', { defaultTags: { team: 'platform', 'cost-center': '123' }, specTags: {}, lowPriority: false, want: { team: 'platform', 'cost-center': '123' }, nil: true }],
  ];
  it.each(rows)(`${F} Test_tagHelperImpl_getListenerRuleTags/%s`, (_name, row) => {
    const r = run(row, { ruleTags: row.nil ? null : row.specTags });
    if (row.want === undefined) {
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toContain(EXTERNAL);
      return;
    }
    expect(r.errors).toEqual([]);
    expect(specOf(r.stackJson('ns/gw'), 'ListenerRule', '80:1')['tags']).toEqual(row.want);
  });
});
