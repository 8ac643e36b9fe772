/**
 * cli/status-writeback.ts `writeStatusUntilProgrammed`: the re-check backoff while a load balancer
 * provisions, the flip to Programmed=True, and giving up at the bound — with a fake API server
 * (list + status patch) and a fake DescribeLoadBalancers, so no time passes.
 */
import { describe, expect, it } from 'vitest';
import type { AwsSession } from '../../src/aws/session.js';
import { writeStatusUntilProgrammed, type StatusRoundInput } from '../../src/run/status-writeback.js';
import { DEFAULT_CONTROLLER_NAMES, type LoadBalancerState, type ObjectStatus } from '../../src/resolve/types.js';
import type { KubeClient, KubeReply } from '../../src/source/cluster/client.js';

const ARN = 'arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/app/x/1';

function fakeCluster() {
  let status: Record<string, unknown> = {};
  let rv = 1;
  const patches: unknown[] = [];
  const client: KubeClient = {
    server: 'http://fake',
    context: 'fake',
    async get(path): Promise<KubeReply> {
      const item = { metadata: { name: 'gw', namespace: 'ns', resourceVersion: String(rv), generation: 1 }, status };
      return { status: 200, body: path.includes('?') ? { items: [item], metadata: {} } : item };
    },
    async patch(_path, body): Promise<KubeReply> {
      patches.push(body);
      status = { ...status, ...(body as { status: Record<string, unknown> }).status };
      rv++;
      return { status: 200, body: {} };
    },
    async send(): Promise<KubeReply> {
      throw new Error('the status round writes only with patch');
    },
    async stream(): Promise<KubeReply> {
      throw new Error('the status round does not watch');
    },
  };
  return { client, patches, programmed: () => (status['conditions'] as { type: string; status: string }[] | undefined)?.find((c) => c.type === 'Programmed')?.status };
}

function fakeSession(codes: string[]): AwsSession {
  let i = 0;
  const send = async () => ({ LoadBalancers: [{ LoadBalancerArn: ARN, DNSName: 'X.elb.amazonaws.com', State: { Code: codes[Math.min(i++, codes.length - 1)] } }] });
  return { conn: { elbv2: { send } } } as unknown as AwsSession;
}

function statusesFor(states: ReadonlyMap<string, LoadBalancerState>): Promise<ObjectStatus[]> {
  const st = states.get('ns/gw');
  const programmed = st?.kind === 'active' ? { type: 'Programmed', status: 'True' as const, reason: 'Programmed', message: st.arn, observedGeneration: 1 } : { type: 'Programmed', status: 'Unknown' as const, reason: 'Pending', message: 'Waiting for load balancer to be active.', observedGeneration: 1 };
  return Promise.resolve([{ object: { kind: 'Gateway', namespace: 'ns', name: 'gw' }, apiVersion: 'gateway.networking.k8s.io/v1', status: { kind: 'Gateway', conditions: [programmed], ...(st?.dnsName ? { addresses: [{ type: 'Hostname', value: st.dnsName.toLowerCase() }] } : {}) } }]);
}

function input(client: KubeClient, session: AwsSession): StatusRoundInput {
  return {
    client,
    session,
    gateways: [{ gateway: 'ns/gw', loadBalancerType: 'application' }],
    statusesFor,
    controllerNames: DEFAULT_CONTROLLER_NAMES,
    skip: new Set(),
    states: new Map([['ns/gw', { kind: 'provisioning', arn: ARN, dnsName: 'X.elb.amazonaws.com' }]]),
    now: () => new Date('2026-01-01T00:00:00Z'),
  };
}

describe('writeStatusUntilProgrammed', () => {
  it('re-checks on a doubling backoff and flips Programmed when the load balancer is active', async () => {
    const cluster = fakeCluster();
    const slept: number[] = [];
    const out = await writeStatusUntilProgrammed(input(cluster.client, fakeSession(['provisioning', 'provisioning', 'active'])), { maxWaitMs: 60_000, sleep: async (ms) => void slept.push(ms) });
    expect(slept).toEqual([500, 1000, 2000]);
    expect(cluster.programmed()).toBe('True');
    expect(cluster.patches).toHaveLength(2); // Unknown first, then True: the provisioning re-checks write nothing
    expect(out.written).toEqual([{ kind: 'Gateway', namespace: 'ns', name: 'gw' }]);
    expect(out.last.provisioning).toEqual([]);
  });

  it('stops at the bound with the Gateway still provisioning (Programmed stays Unknown)', async () => {
    const cluster = fakeCluster();
    const slept: number[] = [];
    const out = await writeStatusUntilProgrammed(input(cluster.client, fakeSession(['provisioning'])), { maxWaitMs: 3000, sleep: async (ms) => void slept.push(ms) });
    expect(slept).toEqual([500, 1000]);
    expect(cluster.programmed()).toBe('Unknown');
    expect(out.last.provisioning).toEqual(['ns/gw']);
  });

  it('a Gateway gwlb does not act for is neither written nor waited for', async () => {
    const cluster = fakeCluster();
    const slept: number[] = [];
    const out = await writeStatusUntilProgrammed({ ...input(cluster.client, fakeSession(['provisioning'])), skip: new Set(['Gateway/ns/gw']) }, { maxWaitMs: 60_000, sleep: async (ms) => void slept.push(ms) });
    expect([slept, cluster.patches, out.last.provisioning]).toEqual([[], [], []]);
  });
});
