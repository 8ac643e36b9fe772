import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../diagnostics.js';
import type { ResourceChange } from '../plan/types.js';
import { awsFindings, loadBalancerStates, type LiveAws } from './aws-findings.js';

const change = (stack: string, address: string, actions: string[]) => ({ stack, address, change: { actions } }) as unknown as ResourceChange;
const error = (code: string, message: string): Diagnostic => ({ severity: 'error', code, message });
const lb = (stackId: string, state: string, reason?: string) => ({ stackId, name: stackId.replace('/', '-'), arn: `arn:${stackId}`, dnsName: `${stackId}.elb`, state, ...(reason ? { reason } : {}) });

const kinds = (live: LiveAws, opts: { built?: string[]; changes?: ResourceChange[]; diagnostics?: Diagnostic[] } = {}) =>
  awsFindings({ gateways: ['ns/a', 'ns/b'], built: new Set(opts.built ?? ['ns/a', 'ns/b']), plan: { resource_changes: opts.changes ?? [] }, live, diagnostics: opts.diagnostics ?? [] }).map((f) => `${f.kind} ${f.object.name}`);

describe('AWS findings per Gateway', () => {
  it('a missing load balancer is one finding, not one per planned create; a model that failed has none', () => {
    expect(kinds({ loadBalancers: [], targetGroups: [] }, { built: ['ns/a'], changes: [change('ns/a', 'gateway["ns/a"].load_balancer["LoadBalancer"]', ['create'])] })).toEqual(['lb-missing a']);
  });

  it('state other than active, drift from the plan (no-ops left out), target health', () => {
    const live: LiveAws = {
      loadBalancers: [lb('ns/a', 'failed', 'capacity'), lb('ns/b', 'active')],
      targetGroups: [
        { stackId: 'ns/b', name: 'tg-b', targets: [{ id: 'i-1', port: 30080, state: 'healthy' }, { id: 'i-2', port: 30080, state: 'unhealthy', reason: 'Target.Timeout' }] },
        { stackId: 'ns/b', name: 'tg-empty', targets: [] },
      ],
    };
    const changes = [change('ns/b', 'x', ['update']), change('ns/b', 'y', ['no-op'])];
    expect(kinds(live, { changes })).toEqual(['lb-state a', 'drift b', 'target-unhealthy b', 'target-group-empty b']);
  });

  it("the model's certificate and subnet errors, with the host from LBC's message", () => {
    const diagnostics = [error('GWLB305', 'Gateway ns/a: no certificate found for host: x.example.io (listener HTTPS:443)'), error('GWLB312', 'Gateway ns/b: unable to resolve at least one subnet'), error('GWLB305', 'Gateway other/c: no certificate found for host: y')];
    const found = awsFindings({ gateways: ['ns/a', 'ns/b'], built: new Set(), plan: { resource_changes: [] }, live: { loadBalancers: [], targetGroups: [] }, diagnostics });
    expect(found).toEqual([
      { kind: 'certificate-missing', object: { kind: 'Gateway', namespace: 'ns', name: 'a' }, host: 'x.example.io', detail: 'no certificate found for host: x.example.io (listener HTTPS:443)' },
      { kind: 'subnets', object: { kind: 'Gateway', namespace: 'ns', name: 'b' }, detail: 'unable to resolve at least one subnet' },
    ]);
  });

  it('Programmed follows the state: active and active_impaired are programmed', () => {
    const states = loadBalancerStates({ loadBalancers: [lb('ns/a', 'active_impaired'), lb('ns/b', 'provisioning')], targetGroups: [] });
    expect(states.get('ns/a')).toEqual({ kind: 'active', arn: 'arn:ns/a', dnsName: 'ns/a.elb' });
    expect(states.get('ns/b')).toEqual({ kind: 'provisioning' });
  });
});
