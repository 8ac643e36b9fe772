import { describe, expect, it } from 'vitest';
import { ALB_CLASS, brief, resolveYaml, statusOf } from '../../test/helpers/manifests.js';
import { closestName, editDistance } from './closest-name.js';

const gateway = (className: string, name = 'gw') => `
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: ${name}, namespace: ns}
spec:
  gatewayClassName: ${className}
  listeners: [{name: http, port: 80, protocol: HTTP}]
`;

describe('GatewayClass lookup: input, then the gatewayClasses setting', () => {
  it('a class named in the settings is handled as if it were in the input (accepted, its controller)', () => {
    const r = resolveYaml(gateway('shared-alb'), { gatewayClasses: { 'shared-alb': 'gateway.k8s.aws/alb' } });
    expect(r.gateways.map((g) => [g.gateway.metadata.name, g.loadBalancerType, g.controllerName])).toEqual([['gw', 'application', 'gateway.k8s.aws/alb']]);
    const status = statusOf(r, 'Gateway', 'ns', 'gw');
    expect(status?.kind === 'Gateway' ? brief(status.conditions) : []).toContain('Accepted=True/Accepted');
    // The class is not in the input: LBC writes its status, gwlb does not list it.
    expect(statusOf(r, 'GatewayClass', '', 'shared-alb')).toBeUndefined();
    expect(r.diagnostics.filter((d) => d.code === 'GWLB201')).toEqual([]);
    expect(r.unhandled).toBeUndefined();
  });

  it('a class in the settings with another controller is ignored, as one in the input would be', () => {
    const r = resolveYaml(gateway('istio'), { gatewayClasses: { istio: 'istio.io/gateway-controller' } });
    expect(r.gateways).toEqual([]);
    expect(r.unhandled).toEqual([{ reason: 'other-controller', gateway: { kind: 'Gateway', namespace: 'ns', name: 'gw' }, className: 'istio', controllerName: 'istio.io/gateway-controller' }]);
    expect(r.diagnostics.map((d) => [d.severity, d.code])).toEqual([['info', 'GWLB202']]);
  });

  it('the input wins over the settings', () => {
    const r = resolveYaml(ALB_CLASS + gateway('alb'), { gatewayClasses: { alb: 'gateway.k8s.aws/nlb' } });
    expect(r.gateways.map((g) => g.loadBalancerType)).toEqual(['application']);
  });

  it('a class found nowhere is a warning at spec.gatewayClassName naming the close match', () => {
    const r = resolveYaml(ALB_CLASS + gateway('alb-sahred') + gateway('abl', 'gw2'), { gatewayClasses: { 'alb-shared': 'gateway.k8s.aws/alb' } });
    expect(r.gateways).toEqual([]);
    const warnings = r.diagnostics.filter((d) => d.code === 'GWLB201');
    expect(warnings.map((d) => [d.severity, d.path, d.location?.line])).toEqual([
      ['warning', 'spec.gatewayClassName', 17],
      ['warning', 'spec.gatewayClassName', 25],
    ]);
    expect(warnings[1]!.message).toBe(
      'GatewayClass abl is neither in the input nor in the gatewayClasses setting; LBC ignores Gateway ns/gw2 until the class exists, and gwlb leaves its AWS resources as they are. Did you mean alb? Add the GatewayClass to the input, or, if it exists in the cluster, name it with its controllerName in the settings file (gatewayClasses: {abl: gateway.k8s.aws/alb})',
    );
    expect(r.unhandled).toEqual([
      { reason: 'class-missing', gateway: { kind: 'Gateway', namespace: 'ns', name: 'gw' }, className: 'alb-sahred', suggestion: 'alb-shared' },
      { reason: 'class-missing', gateway: { kind: 'Gateway', namespace: 'ns', name: 'gw2' }, className: 'abl', suggestion: 'alb' },
    ]);
  });

  it('no hint when nothing is close', () => {
    const r = resolveYaml(ALB_CLASS + gateway('production-gateways'));
    expect(r.diagnostics.find((d) => d.code === 'GWLB201')!.message).not.toContain('Did you mean');
    expect(r.unhandled).toEqual([{ reason: 'class-missing', gateway: { kind: 'Gateway', namespace: 'ns', name: 'gw' }, className: 'production-gateways' }]);
  });
});

describe('closestName', () => {
  it.each([
    ['alb-sahred', ['alb', 'alb-shared'], 'alb-shared'],
    ['ALB', ['alb', 'nlb'], 'alb'],
    ['abl', ['nlb', 'alb'], 'alb'],
    ['x', ['alb', 'nlb'], undefined],
    ['ab', ['alb'], 'alb'],
    ['internal-alb', ['alb', 'nlb'], undefined],
  ])('%s among %j → %s', (name, known, expected) => {
    expect(closestName(name, known)).toBe(expected);
  });
  it('edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('alb', 'alb')).toBe(0);
  });
});
