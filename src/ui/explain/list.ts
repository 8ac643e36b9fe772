/**
 * `explain -o yaml|json`: a Kubernetes `List` whose items are the input objects (apiVersion,
 * kind, metadata.namespace/name) carrying the status LBC would write.
 */
import type { ComputedStatus, ObjectStatus } from '../../resolve/types.js';
import { yamlLib } from '../../source/yaml-lib.js';

function statusBody(status: ComputedStatus): Record<string, unknown> {
  switch (status.kind) {
    case 'GatewayClass':
      return { conditions: status.conditions };
    case 'Gateway':
      return {
        ...(status.addresses ? { addresses: status.addresses } : {}),
        conditions: status.conditions,
        ...(status.listeners ? { listeners: status.listeners } : {}),
        ...(status.attachedListenerSets !== undefined ? { attachedListenerSets: status.attachedListenerSets } : {}),
      };
    case 'ListenerSet':
      return { conditions: status.conditions, listeners: status.listeners };
    case 'Route':
      return { parents: status.parents };
  }
}

export function statusList(statuses: readonly ObjectStatus[]): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'List',
    items: statuses.map((s) => ({
      apiVersion: s.apiVersion,
      kind: s.object.kind,
      metadata: { ...(s.object.namespace ? { namespace: s.object.namespace } : {}), name: s.object.name },
      status: statusBody(s.status),
    })),
  };
}

export function renderStatusList(statuses: readonly ObjectStatus[], format: 'yaml' | 'json'): string {
  const list = statusList(statuses);
  return format === 'json' ? JSON.stringify(list, null, 2) + '\n' : yamlLib().stringify(list, { lineWidth: 0 });
}
