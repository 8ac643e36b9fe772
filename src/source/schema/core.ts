/**
 * Core kinds gwlb reads (Service, EndpointSlice, Namespace, Node, Secret). Only the fields gwlb
 * uses are checked; the rest pass through untouched (the API server's own validation of core
 * kinds is far wider and not gwlb's business). Defaults are the API server's.
 */
import { describe, enumOf, int, intOrString, isRecord, list, obj, opt, req, str, bool, def, SCHEMA_CODES, type Checker, type Path, type Schema } from './check.js';

const servicePort = obj(
  {
    name: opt(str({ max: 63 })),
    protocol: def(enumOf('TCP', 'UDP', 'SCTP'), 'TCP'),
    port: req(int({ min: 1, max: 65535 })),
    targetPort: opt(intOrString),
    nodePort: opt(int({ min: 0, max: 65535 })),
    appProtocol: opt(str()),
  },
  { open: true },
);

const servicePortList = list(servicePort);

/** The API server defaults `targetPort` to `port` (pkg/apis/core/v1/defaults.go). */
const servicePorts: Schema = (value, c, path) => {
  const ports = servicePortList(value, c, path) as Record<string, unknown>[] | undefined;
  return ports?.map((p) => (p && p['targetPort'] === undefined ? { ...p, targetPort: p['port'] } : p));
};

export const serviceSpec = obj(
  {
    type: def(enumOf('ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'), 'ClusterIP'),
    ports: def(servicePorts, []),
    selector: opt(obj({}, { open: true })),
    ipFamilies: opt(list(enumOf('IPv4', 'IPv6'), { max: 2 })),
    clusterIP: opt(str()),
    externalTrafficPolicy: opt(enumOf('Cluster', 'Local')),
    healthCheckNodePort: opt(int({ min: 0, max: 65535 })),
  },
  { open: true },
);

/** EndpointSlices keep their fields at the top level; gwlb lifts them into `spec`. */
export const endpointSliceBody = obj(
  {
    addressType: req(enumOf('IPv4', 'IPv6', 'FQDN')),
    endpoints: def(
      list(
        obj(
          {
            addresses: req(list(str(), { min: 1, max: 100 })),
            conditions: opt(obj({ ready: opt(bool), serving: opt(bool), terminating: opt(bool) })),
            nodeName: opt(str()),
            zone: opt(str()),
            targetRef: opt(obj({}, { open: true })),
          },
          { open: true },
        ),
        { max: 1000 },
      ),
      [],
    ),
    ports: def(list(obj({ name: opt(str()), port: opt(int({ min: 1, max: 65535 })), protocol: opt(enumOf('TCP', 'UDP', 'SCTP')), appProtocol: opt(str()) }), { max: 100 }), []),
  },
  { open: true },
);

export const nodeSpec = obj({ providerID: opt(str()), unschedulable: opt(bool), taints: opt(list(obj({ key: req(str()), value: opt(str()), effect: req(str()) }, { open: true }))) }, { open: true });

export const nodeStatus = obj(
  {
    conditions: opt(list(obj({ type: req(str()), status: req(str()) }, { open: true }))),
    addresses: opt(list(obj({ type: req(str()), address: req(str()) }))),
  },
  { open: true },
);

/** Secret `data` is base64; `stringData` (write-only, plain text) wins, as the API server merges it. */
export function secretData(body: Record<string, unknown>, c: Checker, path: Path): Record<string, string> {
  const out: Record<string, string> = {};
  const data = body['data'];
  if (data !== undefined && data !== null) {
    if (!isRecord(data)) c.error(SCHEMA_CODES.wrongType, [...path, 'data'], 'must be a map of base64-encoded values');
    else {
      for (const [key, value] of Object.entries(data)) {
        if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value.replace(/\s/g, ''))) {
          c.error(SCHEMA_CODES.wrongType, [...path, 'data', key], 'must be a base64-encoded string (use stringData for plain text)');
          continue;
        }
        out[key] = Buffer.from(value, 'base64').toString('utf8');
      }
    }
  }
  const stringData = body['stringData'];
  if (stringData !== undefined && stringData !== null) {
    if (!isRecord(stringData)) c.error(SCHEMA_CODES.wrongType, [...path, 'stringData'], 'must be a map of strings');
    else {
      for (const [key, value] of Object.entries(stringData)) {
        if (typeof value === 'string') out[key] = value;
        else c.error(SCHEMA_CODES.wrongType, [...path, 'stringData', key], `must be a string, got ${describe(value)}`);
      }
    }
  }
  return out;
}
