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
