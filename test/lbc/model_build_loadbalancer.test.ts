import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CLUSTER, skipCase } from './harness.js';
import { buildLb } from './subnet-fixtures.js';

// pkg/gateway/model/model_build_loadbalancer_test.go. The Gateway's uid is the Go cases'
// 123e4567-e89b-12d3-a456-426614174000, the cluster `test-cluster`, the scheme internal.
const UID = '123e4567-e89b-12d3-a456-426614174000';
const hash10 = createHash('sha256').update(CLUSTER).update(UID).update('internal').digest('hex').slice(0, 10);

describe('model_build_loadbalancer_test.go TestLoadBalancerBuilderImpl_BuildLoadBalancerName', () => {
  it('model_build_loadbalancer_test.go TestLoadBalancerBuilderImpl_BuildLoadBalancerName/specify load balancer name in load balancer configuration', () => {
    const r = buildLb('alb', { scheme: 'internal', loadBalancerName: 'my-example-lb' });
    expect(r.errors).toEqual([]);
    expect(r.lb?.['name']).toBe('my-example-lb');
  });

  // Go checks the generated name's shape (k8s-<ns ≤8>-<name ≤8>-<10 hex>, ≤32 characters); the
  // hash is sha256(cluster + uid + scheme), so the whole name can be pinned.
  it.each([
    ['generated name with valid characters', 'test-namespace', 'test-gateway', `k8s-testname-testgate-${hash10}`],
    ['provide long namespace and name', 'very-long-namespace-that-exceeds-limit', 'very-long-gateway-name-that-exceeds-limit', `k8s-verylong-verylong-${hash10}`],
  ])('model_build_loadbalancer_test.go TestLoadBalancerBuilderImpl_BuildLoadBalancerName/%s', (_name, namespace, name, expected) => {
    const r = buildLb('alb', { scheme: 'internal' }, {}, { namespace, name });
    expect(r.errors).toEqual([]);
    const got = String(r.lb?.['name']);
    expect(got).toBe(expected);
    expect(got).toMatch(/^k8s-[a-zA-Z0-9-]+-[a-zA-Z0-9-]+-[a-zA-Z0-9]+$/);
    expect(got.length).toBeLessThanOrEqual(32);
    const parts = got.split('-');
    expect(parts).toHaveLength(4);
    expect(parts[1]!.length).toBeLessThanOrEqual(8);
    expect(parts[2]!.length).toBeLessThanOrEqual(8);
    expect(parts[3]).toHaveLength(10);
  });

  skipCase(
    'model_build_loadbalancer_test.go TestLoadBalancerBuilderImpl_BuildLoadBalancerName/generated name with invalid characters',
    'namespace "test@namespace" and name "test#gateway" are not RFC 1123 names; the API server (and gwlb\'s loader, GWLB108) rejects them before LBC sees them',
  );
});

describe('model_build_loadbalancer_test.go TestLoadBalancerBuilderImpl_BuildLoadBalancerAttributes', () => {
  it.each([
    ['provide single attribute', [{ key: 'deletion_protection.enabled', value: 'true' }]],
    [
      'provide multiple attributes',
      [
        { key: 'deletion_protection.enabled', value: 'true' },
        { key: 'idle_timeout.timeout_seconds', value: '60' },
      ],
    ],
  ])('model_build_loadbalancer_test.go TestLoadBalancerBuilderImpl_BuildLoadBalancerAttributes/%s', (_name, loadBalancerAttributes) => {
    const r = buildLb('alb', { loadBalancerAttributes });
    expect(r.errors).toEqual([]);
    expect(r.lb?.['loadBalancerAttributes']).toEqual(loadBalancerAttributes);
  });
});
