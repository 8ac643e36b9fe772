/**
 * Diagnostics for the whole run rather than one per Gateway: facts the input lacks that the API
 * server would supply (a Gateway's metadata.uid, a Service's nodePort). With 200 Gateways, 200
 * identical lines would bury everything else.
 */
import { formatPath, type Diagnostic } from '../diagnostics.js';
import type { GatewayResolution } from '../resolve/types.js';
import { nsName, refOf } from '../source/kube.js';
import { CODES, type BuildContext } from './context.js';
import { standInUid } from './names.js';
import type { UidSource } from './stack.js';

export function uidSource(gw: GatewayResolution, cluster: string): UidSource {
  const m = gw.gateway.metadata;
  return m.uid !== undefined && m.uid !== '' ? { kind: 'metadata', uid: m.uid } : { kind: 'stand-in', uid: standInUid(cluster, m.namespace, m.name) };
}

/** Whether `uidSource` reads the uid off the metadata (no stand-in to hash). */
function hasUid(gw: GatewayResolution): boolean {
  const uid = gw.gateway.metadata.uid;
  return uid !== undefined && uid !== '';
}

/** Where a Gateway's instance target groups wait for a nodePort. */
export type PendingUse = BuildContext['pendingNodePorts'][number];

/** How many Gateways a run-wide diagnostic names before it only counts the rest. */
const NAMED = 10;

/**
 * One info for the whole run, not one per Gateway: manifests from files seldom carry
 * `metadata.uid`, and 200 identical lines would bury everything else.
 */
export function standInUidDiagnostic(gateways: readonly GatewayResolution[], cluster: string): Diagnostic | undefined {
  // Which Gateways lack a uid is read off their metadata; only the one named below is hashed.
  const without = gateways.filter((g) => !hasUid(g));
  const first = without[0];
  if (!first) return undefined;
  const at = { location: first.gateway.origin.locate(['metadata']), object: refOf(first.gateway), path: 'metadata' };
  if (without.length === 1) {
    const uid = uidSource(first, cluster).uid;
    return { severity: 'info', code: CODES.standInUid, message: `Gateway ${nsName(first.gateway)}: metadata.uid is absent; load balancer and security group names use the stand-in UID ${uid} (LBC would hash the real UID)`, ...at };
  }
  const named = without.slice(0, NAMED).map((g) => nsName(g.gateway)).join(', ');
  const more = without.length > NAMED ? ` and ${without.length - NAMED} more` : '';
  return {
    severity: 'info',
    code: CODES.standInUid,
    message: `${without.length} Gateways have no metadata.uid (${named}${more}); their load balancer and security group names use stand-in UIDs derived from cluster, namespace and name (LBC would hash the real UIDs)`,
    location: at.location,
  };
}

/**
 * One warning per Service whose nodePort the input lacks, at the Service (not once per Gateway or
 * target group): the fix is in the Service, whichever Gateways use it.
 */
export function pendingNodePortDiagnostics(uses: readonly { gateway: string; use: PendingUse }[]): Diagnostic[] {
  const byService = new Map<string, { service: PendingUse['service']; ports: Set<number>; gateways: Set<string> }>();
  for (const { gateway, use } of uses) {
    const key = nsName(use.service);
    const entry = byService.get(key) ?? { service: use.service, ports: new Set<number>(), gateways: new Set<string>() };
    entry.ports.add(use.port);
    entry.gateways.add(gateway);
    byService.set(key, entry);
  }
  return [...byService.entries()].map(([key, { service, ports, gateways }]) => {
    const sorted = [...ports].sort((a, b) => a - b);
    const index = service.spec.ports.findIndex((p) => p.port === sorted[0]);
    const path = index >= 0 ? ['spec', 'ports', index] : ['spec', 'ports'];
    const portText = sorted.length === 1 ? `port ${sorted[0]}` : `ports ${sorted.join(', ')}`;
    const gatewayText = `${gateways.size === 1 ? 'Gateway' : 'Gateways'} ${[...gateways].join(', ')}`;
    return {
      severity: 'warning',
      code: CODES.pendingNodePort,
      message: `Service ${key} (type ${service.spec.type}) has no nodePort for ${portText}: the API server assigns it when it creates the Service, so the port and name of the instance target group of ${gatewayText} are known only then, and apply refuses ${gateways.size === 1 ? 'that Gateway' : 'those Gateways'}. Set spec.ports[].nodePort, or read the Service from the cluster (kubectl get service -n ${service.metadata.namespace} ${service.metadata.name} -o yaml) into the input`,
      location: service.origin.locate(path),
      object: refOf(service),
      path: formatPath(path),
    };
  });
}
