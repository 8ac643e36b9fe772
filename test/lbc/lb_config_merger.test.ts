/**
 * Port of LBC v3.5.0 pkg/gateway/lb_config_merger_test.go (Test_Merge). Each case is a GatewayClass
 * and a Gateway that both reference a LoadBalancerConfiguration (LBC merges only then,
 * controllers/gateway/config_resolver.go 103–111); the merged configuration is the one the
 * resolver hands the model (`loadBalancerConfig` of the Gateway's resolution). Protocol-port keys
 * are real ones (gwlb validates them) chosen to sort as LBC's `pp1-*` placeholders do:
 * common → HTTPS:443, gw → HTTPS:8443, gwclass → HTTPS:9443. LBC's merged spec carries an empty
 * tag map and attribute list where gwlb leaves them out; the comparison treats those as equal.
 * Listener configurations carry the CRD's default alpnPolicy (None), as read back from the API server.
 */
import { describe, expect, it } from 'vitest';
import type { LoadBalancerConfigurationSpec } from '../../src/source/lbc-crds.js';
import { lbcCase } from './harness.js';

const T = 'lb_config_merger_test.go Test_Merge';

function manifests(classSpec: object, gatewaySpec: object): string {
  return `apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: alb}
spec:
  controllerName: gateway.k8s.aws/alb
  parametersRef: {group: gateway.k8s.aws, kind: LoadBalancerConfiguration, name: class-cfg, namespace: ns}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: ns, uid: 11111111-2222-3333-4444-555555555555}
spec:
  gatewayClassName: alb
  infrastructure: {parametersRef: {group: gateway.k8s.aws, kind: LoadBalancerConfiguration, name: gw-cfg}}
  listeners: [{name: http, port: 80, protocol: HTTP}]
---
apiVersion: gateway.k8s.aws/v1beta1
kind: LoadBalancerConfiguration
metadata: {name: class-cfg, namespace: ns}
spec: ${JSON.stringify(classSpec)}
---
apiVersion: gateway.k8s.aws/v1beta1
kind: LoadBalancerConfiguration
metadata: {name: gw-cfg, namespace: ns}
spec: ${JSON.stringify(gatewaySpec)}
`;
}

function merged(classSpec: object, gatewaySpec: object): LoadBalancerConfigurationSpec {
  const r = lbcCase(manifests(classSpec, gatewaySpec));
  expect(r.diagnostics.filter((d) => d.severity === 'error' && d.code < 'GWLB300')).toEqual([]);
  const gw = r.resolution.gateways.find((g) => g.gateway.metadata.name === 'gw');
  expect(gw).toBeDefined();
  return normalise(gw!.loadBalancerConfig ?? {});
}

function normalise(spec: LoadBalancerConfigurationSpec): LoadBalancerConfigurationSpec {
  return { ...spec, tags: spec.tags ?? {}, loadBalancerAttributes: spec.loadBalancerAttributes ?? [] };
}

/** A listener configuration as the API server stores it: alpnPolicy defaulted to None (CRD default). */
const lc = (protocolPort: string, defaultCertificate: string) => ({ protocolPort, defaultCertificate, alpnPolicy: 'None' });

const FULL = {
  loadBalancerName: 'lb name',
  scheme: 'internal',
  ipAddressType: 'ipv4',
  enforceSecurityGroupInboundRulesOnPrivateLinkTraffic: 'on',
  customerOwnedIpv4Pool: 'coipv4',
  ipv4IPAMPoolId: 'ipam pool',
  loadBalancerSubnets: [{ identifier: 'subnet-1a' }],
  loadBalancerSubnetsSelector: { v1: ['k1', 'k2', 'k3'] },
  securityGroups: ['sg1', 'sg2', 's3'],
  securityGroupPrefixes: ['pl1'],
  sourceRanges: ['127.0.0.0/20'],
  listenerConfigurations: [lc('HTTPS:443', 'default-cert')],
  loadBalancerAttributes: [{ key: 'lb-k-1', value: 'lb-v-1' }],
  tags: { tag1: 'key1', tag2: 'key2' },
  enableICMP: false,
  manageBackendSecurityGroupRules: false,
};

const CLASS = {
  loadBalancerName: 'gwclass-name',
  scheme: 'internal',
  ipAddressType: 'ipv4',
  enforceSecurityGroupInboundRulesOnPrivateLinkTraffic: 'off',
  customerOwnedIpv4Pool: 'coipv4-gwclass',
  ipv4IPAMPoolId: 'ipam pool gwclass',
  loadBalancerSubnets: [{ identifier: 'subnet-1a' }, { identifier: 'subnet-1b' }],
  loadBalancerSubnetsSelector: { 'gwclass-v': ['k1', 'k2', 'k3'] },
  securityGroups: ['sg1'],
  securityGroupPrefixes: ['pl1'],
  sourceRanges: ['127.0.0.0/20'],
  listenerConfigurations: [
    lc('HTTPS:9443', 'default-cert-gwclass'),
    lc('HTTPS:443', 'common-gwclass'),
  ],
  loadBalancerAttributes: [
    { key: 'lb-gw-class-k-1', value: 'lb-gw-class-v-1' },
    { key: 'common', value: 'gwclass' },
  ],
  tags: { gwclass: 'key1', commonTag: 'gwclass' },
  enableICMP: true,
  manageBackendSecurityGroupRules: true,
};

const GATEWAY = {
  loadBalancerName: 'gw-name',
  scheme: 'internal',
  ipAddressType: 'ipv4',
  enforceSecurityGroupInboundRulesOnPrivateLinkTraffic: 'on',
  customerOwnedIpv4Pool: 'coipv4-class',
  ipv4IPAMPoolId: 'ipam pool class',
  loadBalancerSubnets: [{ identifier: 'subnet-1c' }],
  loadBalancerSubnetsSelector: { 'gw-v': ['k1', 'k2', 'k3'] },
  securityGroups: ['sg1-gw'],
  securityGroupPrefixes: ['pl1-gw'],
  sourceRanges: ['127.0.0.10/20'],
  listenerConfigurations: [
    lc('HTTPS:8443', 'default-cert-gw'),
    lc('HTTPS:443', 'common-gw'),
  ],
  loadBalancerAttributes: [
    { key: 'lb-gw-k-1', value: 'lb-gw-v-1' },
    { key: 'common', value: 'gw' },
  ],
  tags: { gw: 'key2', commonTag: 'gw' },
  enableICMP: true,
  manageBackendSecurityGroupRules: true,
};

describe(T, () => {
  it(`${T}/both blank`, () => {
    expect(merged({}, {})).toEqual({ tags: {}, loadBalancerAttributes: [] });
  });

  it(`${T}/full config in gw class. empty gw config`, () => {
    expect(merged(FULL, {})).toEqual(FULL);
  });

  it(`${T}/full config in gw. empty gw class config`, () => {
    expect(merged({}, FULL)).toEqual(FULL);
  });

  it(`${T}/full config in gw class and gw. merge mode prefers gatewayclass`, () => {
    expect(merged({ mergingMode: 'prefer-gateway-class', ...CLASS }, GATEWAY)).toEqual({
      ...CLASS,
      listenerConfigurations: [
        lc('HTTPS:443', 'common-gwclass'),
        lc('HTTPS:8443', 'default-cert-gw'),
        lc('HTTPS:9443', 'default-cert-gwclass'),
      ],
      loadBalancerAttributes: [
        { key: 'common', value: 'gwclass' },
        { key: 'lb-gw-class-k-1', value: 'lb-gw-class-v-1' },
        { key: 'lb-gw-k-1', value: 'lb-gw-v-1' },
      ],
      tags: { gwclass: 'key1', commonTag: 'gwclass', gw: 'key2' },
    });
  });

  it(`${T}/full config in gw class and gw. merge mode prefers gateway`, () => {
    expect(merged({ mergingMode: 'prefer-gateway', ...CLASS }, GATEWAY)).toEqual({
      ...GATEWAY,
      listenerConfigurations: [
        lc('HTTPS:443', 'common-gw'),
        lc('HTTPS:8443', 'default-cert-gw'),
        lc('HTTPS:9443', 'default-cert-gwclass'),
      ],
      loadBalancerAttributes: [
        { key: 'common', value: 'gw' },
        { key: 'lb-gw-class-k-1', value: 'lb-gw-class-v-1' },
        { key: 'lb-gw-k-1', value: 'lb-gw-v-1' },
      ],
      tags: { gw: 'key2', commonTag: 'gw', gwclass: 'key1' },
    });
  });

  // gwlb-only: a key repeated inside one list — the winner's last entry, the loser's first
  // (attribute_merger.go: map assignment for high priority, "if !found" for low priority).
  it('gwlb: repeated keys — the last of the preferred configuration, the first of the other', () => {
    const out = merged(
      { loadBalancerAttributes: [{ key: 'a', value: 'class-1' }, { key: 'a', value: 'class-2' }] },
      { loadBalancerAttributes: [{ key: 'b', value: 'gw-1' }, { key: 'b', value: 'gw-2' }] },
    );
    expect(out.loadBalancerAttributes).toEqual([
      { key: 'a', value: 'class-2' },
      { key: 'b', value: 'gw-1' },
    ]);
  });

  // minimumLoadBalancerCapacity is not in LBC's merge (lb_config_merger.go performTakeOneMerges).
  it('gwlb: minimumLoadBalancerCapacity is dropped when both configurations exist', () => {
    expect(merged({ minimumLoadBalancerCapacity: { capacityUnits: 100 } }, { minimumLoadBalancerCapacity: { capacityUnits: 200 } }).minimumLoadBalancerCapacity).toBeUndefined();
  });
});
