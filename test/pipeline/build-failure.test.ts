import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { desiredState } from '../../src/run/pipeline.js';
import { loadSettings } from '../../src/run/settings.js';
import { ALB_CLASS, brief, service } from '../helpers/manifests.js';

function write(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'gwlb-'));
  const file = join(dir, 'in.yaml');
  writeFileSync(file, yaml);
  return file;
}

// lbc-l7-routes-status.md §0 step 4 and §9 quirk 3: one unsupported filter fails the whole
// Gateway's model build; LBC then writes Accepted=False/Invalid with a static message, leaves
// Programmed and the listener statuses alone, and the route itself still says Accepted=True.
describe('a model build failure', () => {
  it('fails the Gateway, not the route status', async () => {
    const file = write(`${ALB_CLASS}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: ns}
spec:
  gatewayClassName: alb
  listeners: [{name: http, port: 80, protocol: HTTP}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: ns}
spec:
  parentRefs: [{name: gw}]
  rules:
    - filters:
        - type: RequestHeaderModifier
          requestHeaderModifier: {set: [{name: x, value: y}]}
      backendRefs: [{name: web, port: 80}]
${service('web')}`);
    const state = await desiredState({ files: [file], settings: loadSettings({ clusterName: 'c' }), offline: true });
    expect(state.stacks).toHaveLength(0);
    const gw = state.resolution.statuses.find((s) => s.object.kind === 'Gateway')!.status;
    expect(gw.kind === 'Gateway' && gw.conditions).toMatchObject([
      { type: 'Accepted', status: 'False', reason: 'Invalid', message: 'Check Gateway Events for more information.' },
      { type: 'Programmed', status: 'Unknown', reason: 'Pending' },
    ]);
    expect(gw.kind === 'Gateway' && gw.listeners).toBeUndefined();
    const route = state.resolution.statuses.find((s) => s.object.kind === 'HTTPRoute')!.status;
    expect(route.kind === 'Route' && brief(route.parents[0]!.conditions)).toEqual(['ResolvedRefs=True/ResolvedRefs', 'Accepted=True/Accepted']);
    const error = state.diagnostics.find((d) => d.code === 'GWLB301');
    expect(error?.message).toContain('Unsupported filter type: RequestHeaderModifier');
    expect(error?.location?.line).toBeGreaterThan(10);
  });
});
