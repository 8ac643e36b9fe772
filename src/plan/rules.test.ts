/** Table tests for the pure pieces: tag reconciliation, LBC's equality normalisation, the replacement table, ordering, masks. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURE_GATES } from '../model/settings.js';
import { resourceRef } from '../model/stack.js';
import { unknown } from '../model/discovery.js';
import { resourceAddress } from './address.js';
import { planFingerprint } from './fingerprint.js';
import { albStack } from './fixtures.test-util.js';
import { normalizeAction, normalizeAlpn, normalizeCertificates, normalizeMtls } from './normalize.js';
import { EMPTY_OBSERVED } from './observed.js';
import { orderChanges } from './order.js';
import { parseRef } from './plan-stack.js';
import { replacePaths } from './replacement.js';
import { reconciledTags } from './tags.js';
import type { PlanResourceType } from './types.js';
import { SENSITIVE, sortSet, toPlanJson } from './values.js';

const policy = { cluster: 'c', externalManagedTags: ['ext'] };
const LB = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const TG = 'AWS::ElasticLoadBalancingV2::TargetGroup';

describe('tag reconciliation (ReconcileTags, lbc-model-deploy.md §3.4)', () => {
  const desired = { 'elbv2.k8s.aws/cluster': 'c', team: 'a' };
  it.each<[PlanResourceType, Record<string, string>, Record<string, string>]>([
    // LB/TG/SG keep aws:, external-managed and legacy keys; drop the rest.
    [LB, { 'aws:x': '1', ext: 'e', 'kubernetes.io/cluster/c': 'owned', 'ingress.k8s.aws/cluster': 'c', manual: 'm', team: 'old' }, { 'aws:x': '1', 'elbv2.k8s.aws/cluster': 'c', ext: 'e', 'ingress.k8s.aws/cluster': 'c', 'kubernetes.io/cluster/c': 'owned', team: 'a' }],
    // Listeners and rules keep only aws: and external-managed keys.
    ['AWS::ElasticLoadBalancingV2::Listener', { 'aws:x': '1', ext: 'e', 'kubernetes.io/cluster/c': 'owned' }, { 'aws:x': '1', 'elbv2.k8s.aws/cluster': 'c', ext: 'e', team: 'a' }],
  ])('%s', (type, observed, want) => {
    expect(reconciledTags(type, desired, observed, policy)).toEqual(want);
  });

  it('a desired key that is ignored is not written either', () => {
    expect(reconciledTags(LB, { 'kubernetes.io/cluster-name': 'x' }, {}, policy)).toEqual({});
  });
});

describe("normalisation (pkg/equality/elbv2)", () => {
  it('redirect nil fields equal their defaults', () => {
    expect(normalizeAction({ type: 'redirect', redirectConfig: { statusCode: 'HTTP_301', protocol: 'HTTPS' } })).toEqual({
      type: 'redirect',
      redirectConfig: { host: '#{host}', path: '/#{path}', port: '#{port}', protocol: 'HTTPS', query: '#{query}', statusCode: 'HTTP_301' },
    });
  });

  it('forward tuples are a set', () => {
    const a = normalizeAction({ type: 'forward', forwardConfig: { targetGroups: [{ targetGroupARN: 'b', weight: 1 }, { targetGroupARN: 'a', weight: 2 }] } });
    const b = normalizeAction({ type: 'forward', forwardConfig: { targetGroups: [{ targetGroupARN: 'a', weight: 2 }, { targetGroupARN: 'b', weight: 1 }] } });
    expect(a).toEqual(b);
  });

  it('OIDC client secrets become the sensitive marker', () => {
    const n = normalizeAction({ type: 'authenticate-oidc', authenticateOIDCConfig: { issuer: 'i', authorizationEndpoint: 'a', tokenEndpoint: 't', userInfoEndpoint: 'u', clientID: 'id', clientSecret: 's3cret' } });
    expect(JSON.stringify(n)).not.toContain('s3cret');
    expect((n['authenticateOIDCConfig'] as Record<string, unknown>)['clientSecret']).toBe(SENSITIVE);
  });

  it('listener certificates: default first, the rest a set; ALPN None and mTLS off mean unset', () => {
    expect(normalizeCertificates([{ certificateARN: 'z' }, { certificateARN: 'b' }, { certificateARN: 'a' }, { certificateARN: 'z' }])).toEqual([{ certificateARN: 'z' }, { certificateARN: 'a' }, { certificateARN: 'b' }]);
    expect(normalizeAlpn(['None'])).toBeUndefined();
    expect(normalizeAlpn(['HTTP2Only'])).toEqual(['HTTP2Only']);
    expect(normalizeMtls({ mode: 'off' })).toBeUndefined();
  });

  it('sets sort numbers by value', () => {
    expect(sortSet([{ p: 443 }, { p: 80 }, { p: 8080 }])).toEqual([{ p: 80 }, { p: 443 }, { p: 8080 }]);
  });
});

describe('replacement table (lbc-model-deploy.md §10.5)', () => {
  const gates = DEFAULT_FEATURE_GATES;
  const tg = { targetType: 'instance', protocol: 'HTTP', port: 80, healthCheckConfig: { protocol: 'HTTP', intervalSeconds: 15 } };
  it.each<[string, PlanResourceType, Record<string, unknown>, Record<string, unknown>, string[][] | undefined]>([
    ['LB scheme', LB, { type: 'application', scheme: 'internal' }, { type: 'application', scheme: 'internet-facing' }, [['scheme']]],
    ['LB type', LB, { type: 'application' }, { type: 'network' }, [['type']]],
    ['LB ipAddressType is in place', LB, { type: 'application', ipAddressType: 'ipv4' }, { type: 'application', ipAddressType: 'dualstack' }, undefined],
    ['TG target type', TG, tg, { ...tg, targetType: 'ip' }, [['targetType']]],
    ['TG protocol version set', TG, { ...tg, protocolVersion: 'HTTP1' }, { ...tg, protocolVersion: 'GRPC' }, [['protocolVersion']]],
    ['TG targetControlPort added', TG, tg, { ...tg, targetControlPort: 8081 }, [['targetControlPort']]],
    ['TG port is not detected', TG, tg, { ...tg, port: 81 }, undefined],
    ['TG health check is in place', TG, tg, { ...tg, healthCheckConfig: { protocol: 'HTTP', intervalSeconds: 30 } }, undefined],
    ['listener never', 'AWS::ElasticLoadBalancingV2::Listener', { port: 80, protocol: 'HTTP' }, { port: 81, protocol: 'HTTPS' }, undefined],
  ])('%s', (_name, type, before, desired, want) => {
    expect(replacePaths(type, before, desired, gates)?.paths).toEqual(want);
  });

  it('with NLBHealthCheckAdvancedConfig off, an L4 TG health-check interval forces replacement', () => {
    const l4 = { targetType: 'ip', protocol: 'TCP', healthCheckConfig: { protocol: 'TCP', intervalSeconds: 15 } };
    const desired = { ...l4, healthCheckConfig: { protocol: 'TCP', intervalSeconds: 30 } };
    expect(replacePaths(TG, l4, desired, { NLBHealthCheckAdvancedConfig: false })?.paths).toEqual([['healthCheckConfig', 'intervalSeconds']]);
    expect(replacePaths(TG, l4, desired, { NLBHealthCheckAdvancedConfig: true })).toBeUndefined();
  });
});

describe('ordering (stack_deployer.go)', () => {
  it('creates and updates forward by type, then deletes in reverse', () => {
    const c = (type: PlanResourceType, action: string, id: string) => ({ type, actions: action.split(','), id });
    const ordered = orderChanges([
      c('AWS::ElasticLoadBalancingV2::ListenerRule', 'delete', 'r-old'),
      c('AWS::ElasticLoadBalancingV2::ListenerRule', 'create', 'r-new'),
      c(TG, 'delete', 'tg-old'),
      c(TG, 'create,delete', 'tg-repl'),
      c(LB, 'delete,create', 'lb'),
      c('AWS::EC2::SecurityGroup', 'update', 'sg'),
    ]);
    expect(ordered.map((x) => x.id)).toEqual(['sg', 'tg-repl', 'lb', 'r-new', 'r-old', 'tg-old']);
  });
});

describe('addresses, references, masks and fingerprints', () => {
  it('addresses quote ids', () => {
    expect(resourceAddress('ns/gw', TG, 'ns/gw:ns-r:HTTPRoute-ns-s:80')).toBe('gateway["ns/gw"].target_group["ns/gw:ns-r:HTTPRoute-ns-s:80"]');
  });

  it('parses refs whose ids hold slashes', () => {
    expect(parseRef(resourceRef(TG, 'ns/gw:ns-r:HTTPRoute-ns-s:80', 'targetGroupARN').$ref)).toEqual({ type: TG, id: 'ns/gw:ns-r:HTTPRoute-ns-s:80', field: 'targetGroupARN' });
  });

  it('toPlanJson: markers become null with masks', () => {
    const j = toPlanJson({ a: 'x', b: unknown('vpc.id'), c: [1, resourceRef(LB, 'LoadBalancer', 'loadBalancerARN')], d: { s: SENSITIVE } }, () => 'addr');
    expect(j).toEqual({
      value: { a: 'x', b: null, c: [1, null], d: { s: null } },
      unknown: { b: true, c: [false, true] },
      sensitive: { d: { s: true } },
      references: { c: [false, 'addr'] },
    });
  });

  it('fingerprints follow the desired stacks and the observed state, not the secrets', () => {
    const s = albStack();
    const f = planFingerprint([s], { prune: false }, EMPTY_OBSERVED, []);
    expect(planFingerprint([albStack()], { prune: false }, EMPTY_OBSERVED, [])).toEqual(f);
    expect(planFingerprint([albStack({ paths: ['/x'] })], { prune: false }, EMPTY_OBSERVED, []).inputs).not.toBe(f.inputs);
    expect(planFingerprint([s], { prune: true }, EMPTY_OBSERVED, []).inputs).not.toBe(f.inputs);
    expect(planFingerprint([s], { prune: false }, { stacks: [{ id: 'x', tagPrefix: 'p', resources: [] }], foreign: [] }, []).observed).not.toBe(f.observed);
  });
});
