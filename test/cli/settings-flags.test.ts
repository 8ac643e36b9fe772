/**
 * LBC's `--disable-restricted-sg-rules` as gwlb takes it: a flag on every command that builds the
 * model, and the settings-file key `disableRestrictedSecurityGroupRules`. Its effect is LBC's
 * (model_build_target_group_binding_network.go): the TargetGroupBinding's ingress rule from the
 * backend SG opens all TCP ports instead of the traffic port.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../e2e/harness.js';

const dir = mkdtempSync(join(tmpdir(), 'gwlb-settings-flags-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const manifests = join(dir, 'gw.yaml');
writeFileSync(
  manifests,
  `apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: alb}
spec: {controllerName: gateway.k8s.aws/alb}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: ns, uid: 11111111-2222-3333-4444-555555555555}
spec:
  gatewayClassName: alb
  listeners: [{name: http, port: 80, protocol: HTTP}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: ns}
spec:
  parentRefs: [{name: gw}]
  rules: [{backendRefs: [{name: svc, port: 80}]}]
---
apiVersion: v1
kind: Service
metadata: {name: svc, namespace: ns}
spec: {type: NodePort, ports: [{port: 80, targetPort: 8080, nodePort: 30080}]}
`,
);

type Json = { resources: Record<string, Record<string, { spec: { template: { spec: { networking?: { ingress?: { ports: unknown[] }[] } } } } }>> }[];

async function tgbPorts(args: readonly string[]): Promise<unknown[][]> {
  const r = await runCliInProcess(['model', '-f', manifests, '-o', 'json', '--cluster-name', 'c1', ...args]);
  expect(r.stderr).not.toMatch(/ error /);
  expect(r.code).toBe(0);
  const [stack] = JSON.parse(r.stdout) as Json;
  const tgbs = Object.values(stack!.resources['K8S::ElasticLoadBalancingV2::TargetGroupBinding'] ?? {});
  expect(tgbs).toHaveLength(1);
  return (tgbs[0]!.spec.template.spec.networking?.ingress ?? []).map((rule) => rule.ports);
}

describe('--disable-restricted-sg-rules and disableRestrictedSecurityGroupRules', () => {
  it('default: the TGB rule from the backend SG opens the traffic port only', async () => {
    expect(await tgbPorts([])).toEqual([[{ protocol: 'TCP', port: 30080 }]]);
  });

  it('the flag opens all TCP ports', async () => {
    expect(await tgbPorts(['--disable-restricted-sg-rules'])).toEqual([[{ protocol: 'TCP' }]]);
  });

  it('the settings-file key does the same', async () => {
    const config = join(dir, 'on.yaml');
    writeFileSync(config, 'disableRestrictedSecurityGroupRules: true\n');
    expect(await tgbPorts(['--config', config])).toEqual([[{ protocol: 'TCP' }]]);
  });

  it('a settings-file value that is not a boolean is a located error', async () => {
    const config = join(dir, 'bad.yaml');
    writeFileSync(config, 'disableRestrictedSecurityGroupRules: yes please\n');
    const r = await runCliInProcess(['model', '-f', manifests, '--config', config]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('disableRestrictedSecurityGroupRules must be true or false');
  });

  it.each([
    ['validate', ['validate', '-f', manifests]],
    ['explain', ['explain', '-f', manifests]],
    ['plan --offline', ['plan', '--offline', '-f', manifests]],
  ])('%s accepts the flag', async (_name, args) => {
    const r = await runCliInProcess([...args, '--disable-restricted-sg-rules']);
    expect(r.stderr).not.toMatch(/unknown option/);
    expect(r.code === 0 || r.code === 2).toBe(true);
  });

  // Without an input or a target they stop at their own usage check, after commander parsed the flag.
  it.each(['apply', 'destroy'])('%s accepts the flag', async (command) => {
    const r = await runCliInProcess([command, '--disable-restricted-sg-rules']);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/unknown option/);
    expect(r.stderr).toMatch(/^gwlb \w+: /);
  });
});
