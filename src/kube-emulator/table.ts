/**
 * Server-side printing (`Accept: application/json;as=Table;g=meta.k8s.io;v=v1`), which plain
 * `kubectl get` asks for: the columns the real server prints for the kinds a newcomer looks at
 * (the Gateway API CRDs' additionalPrinterColumns, the Service printer), NAME and AGE for the rest.
 * Without it kubectl falls back to NAME and AGE for everything.
 */
import type { IncomingMessage } from 'node:http';
import { isRecord } from './metadata.js';
import type { ResourceDef } from './resources.js';
import type { KubeObject } from './store.js';

interface Column {
  readonly name: string;
  readonly cell: (o: KubeObject) => string;
}

function at(o: unknown, ...path: string[]): unknown {
  return path.reduce<unknown>((v, k) => (isRecord(v) ? v[k] : undefined), o);
}

function records(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v) ? v.filter(isRecord) : [];
}

const text = (v: unknown, absent = ''): string => (v === undefined || v === null ? absent : String(v));
const condition = (type: string) => (o: KubeObject): string => text(records(at(o, 'status', 'conditions')).find((c) => c['type'] === type)?.['status'], 'Unknown');

// The Gateway API CRDs' additionalPrinterColumns (config/crd/standard/*.yaml) and the core printers.
const COLUMNS: Record<string, readonly Column[]> = {
  GatewayClass: [
    { name: 'Controller', cell: (o) => text(at(o, 'spec', 'controllerName')) },
    { name: 'Accepted', cell: condition('Accepted') },
  ],
  Gateway: [
    { name: 'Class', cell: (o) => text(at(o, 'spec', 'gatewayClassName')) },
    { name: 'Address', cell: (o) => records(at(o, 'status', 'addresses')).map((a) => text(a['value'])).join(',') },
    { name: 'Programmed', cell: condition('Programmed') },
  ],
  Namespace: [{ name: 'Status', cell: (o) => text(at(o, 'status', 'phase')) }],
  HTTPRoute: [{ name: 'Hostnames', cell: (o) => (Array.isArray(at(o, 'spec', 'hostnames')) ? JSON.stringify(at(o, 'spec', 'hostnames')) : '') }],
  Service: [
    { name: 'Type', cell: (o) => text(at(o, 'spec', 'type')) },
    { name: 'Cluster-IP', cell: (o) => text(at(o, 'spec', 'clusterIP'), '<none>') },
    { name: 'External-IP', cell: (o) => records(at(o, 'status', 'loadBalancer', 'ingress')).map((i) => text(i['ip'] ?? i['hostname'])).join(',') || '<none>' },
    {
      name: 'Port(s)',
      cell: (o) => records(at(o, 'spec', 'ports')).map((p) => `${text(p['port'])}${p['nodePort'] ? `:${text(p['nodePort'])}` : ''}/${text(p['protocol'], 'TCP')}`).join(',') || '<none>',
    },
  ],
};

export function wantsTable(req: IncomingMessage): boolean {
  return /as=Table/.test(req.headers.accept ?? '');
}

/** `5s`, `12m`, `3h`, `2d` as kubectl's duration.HumanDuration prints short ages. */
function age(created: string | undefined, now: number): string {
  if (created === undefined) return '<unknown>';
  const s = Math.max(0, Math.floor((now - Date.parse(created)) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 120 * 60) return `${Math.floor(s / 60)}m`;
  if (s < 48 * 3600) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

export function table(r: ResourceDef, objects: readonly KubeObject[], resourceVersion: string, now: number): unknown {
  const columns = COLUMNS[r.kind] ?? [];
  const def = (name: string, format = ''): Record<string, unknown> => ({ name, type: 'string', format, description: name, priority: 0 });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: [def('Name', 'name'), ...columns.map((c) => def(c.name)), def('Age')],
    rows: objects.map((o) => ({
      cells: [o.metadata.name, ...columns.map((c) => c.cell(o)), age(o.metadata.creationTimestamp, now)],
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata },
    })),
  };
}
