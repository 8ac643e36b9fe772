/** source/cluster/status-write.ts: the paths it lists and patches, per kind and API group. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONTROLLER_NAMES, type ObjectStatus } from '../../src/resolve/types.js';
import type { KubeClient, KubeReply } from '../../src/source/cluster/client.js';
import { writeStatuses } from '../../src/source/cluster/status-write.js';

function recordingClient(): { client: KubeClient; calls: string[] } {
  const calls: string[] = [];
  const client: KubeClient = {
    server: 'http://fake',
    context: 'fake',
    async get(path): Promise<KubeReply> {
      calls.push(`GET ${path}`);
      return { status: 200, body: { items: [{ metadata: { name: 'x', namespace: path.includes('gatewayclasses') ? undefined : 'ns', resourceVersion: '1', generation: 1 }, status: { conditions: [{ type: 'Accepted', status: 'Unknown', reason: 'Pending', message: '', lastTransitionTime: '2026-01-01T00:00:00Z' }] } }], metadata: {} } };
    },
    async patch(path, _body, contentType): Promise<KubeReply> {
      calls.push(`PATCH ${path} ${contentType}`);
      return { status: 200, body: {} };
    },
    async send(): Promise<KubeReply> {
      throw new Error('the status writer writes only with patch');
    },
    async stream(): Promise<KubeReply> {
      throw new Error('the status writer does not watch');
    },
  };
  return { client, calls };
}

const accepted = [{ type: 'Accepted', status: 'True' as const, reason: 'Accepted', message: 'Accepted', observedGeneration: 1 }];

describe('writeStatuses paths', () => {
  it.each<[string, ObjectStatus, string[]]>([
    ['GatewayClass (cluster-scoped)', { object: { kind: 'GatewayClass', namespace: '', name: 'x' }, apiVersion: 'gateway.networking.k8s.io/v1', status: { kind: 'GatewayClass', conditions: accepted } }, ['GET /apis/gateway.networking.k8s.io/v1/gatewayclasses?limit=500', 'PATCH /apis/gateway.networking.k8s.io/v1/gatewayclasses/x/status application/merge-patch+json']],
    ['ListenerSet', { object: { kind: 'ListenerSet', namespace: 'ns', name: 'x' }, apiVersion: 'gateway.networking.k8s.io/v1', status: { kind: 'ListenerSet', conditions: accepted, listeners: [] } }, ['GET /apis/gateway.networking.k8s.io/v1/listenersets?limit=500', 'PATCH /apis/gateway.networking.k8s.io/v1/namespaces/ns/listenersets/x/status application/merge-patch+json']],
    ['the experimental XListenerSet', { object: { kind: 'ListenerSet', namespace: 'ns', name: 'x' }, apiVersion: 'gateway.networking.x-k8s.io/v1alpha1', status: { kind: 'ListenerSet', conditions: accepted, listeners: [] } }, ['GET /apis/gateway.networking.x-k8s.io/v1alpha1/xlistenersets?limit=500', 'PATCH /apis/gateway.networking.x-k8s.io/v1alpha1/namespaces/ns/xlistenersets/x/status application/merge-patch+json']],
  ])('%s', async (_kind, status, expected) => {
    const { client, calls } = recordingClient();
    const result = await writeStatuses(client, { statuses: [status], controllerNames: DEFAULT_CONTROLLER_NAMES, now: '2026-02-01T00:00:00Z' });
    expect(calls).toEqual(expected);
    expect(result.written).toEqual([status.object]);
  });
});
