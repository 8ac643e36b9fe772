import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSettings } from './settings.js';

const dir = mkdtempSync(join(tmpdir(), 'gwlb-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function config(text: string): string {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, text);
  return file;
}

describe('gatewayClasses setting', () => {
  it('defaults to none', () => {
    expect(loadSettings({ config: config('clusterName: c\n') }).cluster.gatewayClasses).toEqual({});
  });

  it('maps GatewayClass names to controller names', () => {
    const s = loadSettings({ config: config('gatewayClasses: {shared-alb: gateway.k8s.aws/alb, shared-nlb: gateway.k8s.aws/nlb}\n') });
    expect(s.diagnostics).toEqual([]);
    expect(s.cluster.gatewayClasses).toEqual({ 'shared-alb': 'gateway.k8s.aws/alb', 'shared-nlb': 'gateway.k8s.aws/nlb' });
  });

  it.each([['a list', 'gatewayClasses: [alb]\n'], ['a name without controller', 'gatewayClasses: {alb: }\n'], ['a string', 'gatewayClasses: alb\n']])('%s is a config error, and no class is taken', (_, text) => {
    const s = loadSettings({ config: config(text) });
    expect(s.diagnostics.map((d) => [d.severity, d.code, d.message])).toEqual([
      ['error', 'GWLB009', 'gatewayClasses must map GatewayClass names to their controllerName, e.g. gatewayClasses: {alb: gateway.k8s.aws/alb}'],
    ]);
    expect(s.cluster.gatewayClasses).toEqual({});
  });
});

describe('serviceTargetEniSecurityGroupTags setting (LBC --service-target-eni-security-group-tags)', () => {
  it('reads a map from the file; the flag (k=v,k2=v2) wins', () => {
    const file = config('serviceTargetEniSecurityGroupTags: {role: nodes}\n');
    expect(loadSettings({ config: file }).cluster.serviceTargetEniSecurityGroupTags).toEqual({ role: 'nodes' });
    const s = loadSettings({ config: file, serviceTargetEniSgTags: 'role=pods,team=web' });
    expect(s.diagnostics).toEqual([]);
    expect(s.cluster.serviceTargetEniSecurityGroupTags).toEqual({ role: 'pods', team: 'web' });
  });

  it('a pair without = and a non-map are errors saying the form', () => {
    expect(loadSettings({ config: config('clusterName: c\n'), serviceTargetEniSgTags: 'role' }).diagnostics.map((d) => d.message)).toEqual([
      '--service-target-eni-security-group-tags: role must be key=value (pairs separated by commas, e.g. node-group=workers,team=web)',
    ]);
    expect(loadSettings({ config: config('serviceTargetEniSecurityGroupTags: [a]\n') }).diagnostics.map((d) => d.message)).toEqual([
      'serviceTargetEniSecurityGroupTags must map tag keys to values, e.g. serviceTargetEniSecurityGroupTags: {node-group: workers}',
    ]);
  });
});
