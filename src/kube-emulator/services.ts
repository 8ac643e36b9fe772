/**
 * The Service defaults and allocations the API server makes (pkg/registry/core/service):
 * `spec.clusterIP` from the service CIDR (10.96.0.0/12), a `nodePort` in 30000–32767 for every
 * port of a NodePort or LoadBalancer Service (unique across Services; given ones are checked and
 * kept), `protocol: TCP` and `targetPort: <port>` when absent. An update keeps the allocated
 * clusterIP and reuses the nodePort of a port it keeps (patchAllocatedValues in storage.go).
 */
import { isRecord } from './metadata.js';
import { invalid } from './status.js';
import type { ResourceDef } from './resources.js';
import type { KubeObject } from './store.js';

export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

type Port = Record<string, unknown>;

function portsOf(spec: Record<string, unknown>): Port[] {
  return Array.isArray(spec['ports']) ? (spec['ports'].filter(isRecord) as Port[]) : [];
}

function specOf(o: KubeObject | undefined): Record<string, unknown> {
  return o !== undefined && isRecord(o['spec']) ? o['spec'] : {};
}

function needsNodePorts(spec: Record<string, unknown>): boolean {
  return spec['type'] === 'NodePort' || spec['type'] === 'LoadBalancer';
}

/** Allocates cluster IPs and node ports against the Services already stored. */
export class ServiceAllocator {
  private nextIp = 10;

  constructor(private readonly services: () => readonly KubeObject[]) {}

  private clusterIp(): string {
    const taken = new Set(this.services().map((s) => specOf(s)['clusterIP']));
    for (;;) {
      const n = this.nextIp++;
      const ip = `10.96.${Math.floor(n / 256) % 256}.${n % 256}`;
      if (!taken.has(ip)) return ip;
    }
  }

  /** Fills in `service`'s defaults in place; `current` is the stored version for an update. */
  apply(r: ResourceDef, service: KubeObject, current: KubeObject | undefined): void {
    const spec = isRecord(service['spec']) ? service['spec'] : (service['spec'] = {});
    const old = specOf(current);
    const name = service.metadata.name;
    spec['type'] ??= 'ClusterIP';
    spec['sessionAffinity'] ??= 'None';
    if (current !== undefined && old['clusterIP'] !== undefined) {
      if (spec['clusterIP'] !== undefined && spec['clusterIP'] !== '' && spec['clusterIP'] !== old['clusterIP']) {
        throw invalid(r, name, [{ field: 'spec.clusterIPs[0]', message: `Invalid value: []string{"${String(spec['clusterIP'])}"}: may not change once set` }]);
      }
      spec['clusterIP'] = old['clusterIP'];
    } else if (spec['type'] !== 'ExternalName' && (spec['clusterIP'] === undefined || spec['clusterIP'] === '')) {
      spec['clusterIP'] = this.clusterIp();
    }
    if (typeof spec['clusterIP'] === 'string') spec['clusterIPs'] = [spec['clusterIP']];
    if (spec['clusterIP'] !== 'None' && spec['type'] !== 'ExternalName') {
      spec['ipFamilies'] ??= ['IPv4'];
      spec['ipFamilyPolicy'] ??= 'SingleStack';
      spec['internalTrafficPolicy'] ??= 'Cluster';
    }
    const ports = portsOf(spec);
    for (const p of ports) {
      p['protocol'] ??= 'TCP';
      p['targetPort'] ??= p['port'];
    }
    if (!needsNodePorts(spec)) {
      for (const p of ports) delete p['nodePort'];
      return;
    }
    spec['externalTrafficPolicy'] ??= 'Cluster';
    this.allocateNodePorts(r, service, ports, portsOf(old));
  }

  private allocateNodePorts(r: ResourceDef, service: KubeObject, ports: Port[], oldPorts: Port[]): void {
    const self = `${service.metadata.namespace ?? ''}/${service.metadata.name}`;
    const taken = new Set<unknown>();
    for (const s of this.services()) {
      if (`${s.metadata.namespace ?? ''}/${s.metadata.name}` === self) continue;
      for (const p of portsOf(specOf(s))) if (p['nodePort'] !== undefined) taken.add(p['nodePort']);
    }
    ports.forEach((p, i) => {
      const given = p['nodePort'];
      if (given === undefined || given === 0) return;
      const field = `spec.ports[${i}].nodePort`;
      if (typeof given !== 'number' || given < NODE_PORT_MIN || given > NODE_PORT_MAX) {
        throw invalid(r, service.metadata.name, [{ field, message: `Invalid value: ${String(given)}: provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}` }]);
      }
      if (taken.has(given)) throw invalid(r, service.metadata.name, [{ field, message: `Invalid value: ${given}: provided port is already allocated` }]);
      taken.add(given);
    });
    for (const p of ports) {
      if (p['nodePort'] !== undefined && p['nodePort'] !== 0) continue;
      const kept = oldPorts.find((o) => o['port'] === p['port'] && (o['protocol'] ?? 'TCP') === p['protocol'])?.['nodePort'];
      if (kept !== undefined && !taken.has(kept)) {
        p['nodePort'] = kept;
      } else {
        let n = NODE_PORT_MIN;
        while (taken.has(n) && n <= NODE_PORT_MAX) n++;
        if (n > NODE_PORT_MAX) throw invalid(r, service.metadata.name, [{ field: 'spec.ports.nodePort', message: 'Internal error: range is full' }]);
        p['nodePort'] = n;
      }
      taken.add(p['nodePort']);
    }
  }
}
