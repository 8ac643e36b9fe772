import { describe, expect, it } from 'vitest';
import { attached, gateway, httpListener, httpRoute, resolution, service, svcBackend } from '../model/fixtures.test-util.js';
import { buildStack } from '../model/index.js';
import type { KnownDiscoveryFacts } from '../model/discovery.js';
import type { Stack } from '../model/stack.js';
import { makeChalk } from '../ui/color.js';
import { renderPlanText } from '../ui/plan/index.js';
import { refusedText } from '../ui/apply/refusals.js';
import { albStack, applied, facts, observedOfStacks, plan, settings } from './fixtures.test-util.js';
import { applicablePart, EMPTY_OBSERVED, refusedStacks } from './index.js';

/** An ALB Gateway ns/<name> whose route's NodePort Service has no nodePort (as in a manifest file), or the given one. */
function pendingStack(name: string, f: KnownDiscoveryFacts = facts, nodePort?: number): Stack {
  const svc = service('web', 'ns', 80, 8080);
  const noNode = { ...svc, spec: { ...svc.spec, ports: [{ protocol: 'TCP' as const, port: 80, targetPort: 8080, ...(nodePort ? { nodePort } : {}) }] } };
  const route = httpRoute('r', [], [{}]);
  const built = buildStack(resolution(gateway('ns', name, [httpListener(80)]), { 80: [attached(route, [[svcBackend(noNode)]])] }), { facts: f, settings });
  if (!built.stack) throw new Error(built.diagnostics.map((d) => d.message).join('; '));
  return built.stack;
}

const TG = 'AWS::ElasticLoadBalancingV2::TargetGroup';

describe('a stack whose target group port waits for a nodePort', () => {
  it('is planned with the port and name (known after apply), and marked for apply to refuse', () => {
    const p = plan([pendingStack('gw')], EMPTY_OBSERVED);
    expect(p.stacks).toMatchObject([{ id: 'ns/gw', status: 'planned', pending_node_ports: [{ service: 'ns/web', port: 80 }] }]);
    const tg = p.resource_changes.find((rc) => rc.type === TG)!;
    expect(tg.change.actions).toEqual(['create']);
    expect(tg.change.after_unknown).toMatchObject({ name: true, port: true });
    expect(refusedStacks(p).map((s) => s.id)).toEqual(['ns/gw']);
  });

  it('the text plan says why, once per Service, and shows (known after apply)', () => {
    const text = renderPlanText(plan([pendingStack('a'), pendingStack('b')], EMPTY_OBSERVED), makeChalk(false));
    expect(text).toMatch(/\+ port += \(known after apply\)/);
    const notes = text.split('\n').filter((l) => l.includes('has no nodePort'));
    expect(notes).toEqual([
      'Warning: Service ns/web has no nodePort for port 80 in the input: the API server assigns it when it creates the Service, so the port and name of the instance target group of Gateways ns/a, ns/b are (known after apply), and apply refuses those Gateways (the others are applied). Set spec.ports[].nodePort in the Service, or read the Service from the cluster (kubectl get service -n ns web -o yaml) into the input.',
    ]);
  });

  it('apply runs every other stack: applicablePart drops only the refused stack’s changes', () => {
    const other = albStack({ name: 'other' });
    const p = plan([pendingStack('gw'), other], EMPTY_OBSERVED);
    const runnable = applicablePart(p);
    expect(new Set(runnable.resource_changes.map((rc) => rc.stack))).toEqual(new Set(['ns/other']));
    expect(runnable.resource_changes.length).toBeLessThan(p.resource_changes.length);
    expect(applicablePart(plan([other], EMPTY_OBSERVED))).toEqual(plan([other], EMPTY_OBSERVED));
  });

  it('does not by itself make the shared backend security group needed', () => {
    const { backendSecurityGroupId: _, ...noBackendSg } = facts;
    expect(plan([pendingStack('gw', noBackendSg)], EMPTY_OBSERVED).resource_changes.filter((rc) => rc.stack === 'cluster')).toEqual([]);
    // The same Gateway with its nodePort known needs it: the backend SG is created first.
    const known = plan([pendingStack('gw', noBackendSg, 30080)], EMPTY_OBSERVED);
    expect(known.stacks[0]!.pending_node_ports).toBeUndefined();
    expect(known.resource_changes.filter((rc) => rc.stack === 'cluster').map((rc) => rc.change.actions)).toEqual([['create']]);
  });

  it('an applied stack whose Service lost its nodePort in the input: the target group shows replaced, apply refuses', () => {
    const before = albStack({ name: 'gw' });
    const p = plan([pendingStack('gw')], observedOfStacks(applied(before)));
    expect(refusedStacks(p).map((s) => s.id)).toEqual(['ns/gw']);
    expect(applicablePart(p).resource_changes.filter((rc) => rc.stack === 'ns/gw')).toEqual([]);
  });

  it('the refusal names the Gateway, the Service and the fix', () => {
    expect(refusedText(refusedStacks(plan([pendingStack('gw')], EMPTY_OBSERVED)))).toBe(
      'Gateway ns/gw was not applied: the nodePort of Service ns/web port 80 is not in the input (the API server assigns it), so its target group port and name are unknown. Set spec.ports[].nodePort in the Service, or read the Service from the cluster (kubectl get service -n ns web -o yaml) into the input, then apply again',
    );
  });
});
