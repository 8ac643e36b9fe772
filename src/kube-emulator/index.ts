/**
 * A local Kubernetes API server for tests and the sandbox (node:http, in-process): the kinds gwlb
 * reads from a cluster, CRUD, the status subresource, watch and test faults. kubectl works
 * against it with the kubeconfig from `kubeconfigFor()`:
 *
 *   const kube = await startKubeEmulator();
 *   kube.faults.forbid({ group: 'gateway.networking.k8s.io', resource: 'gateways', verb: 'list' });
 *   await fetch(`${kube.endpoint}/apis/gateway.networking.k8s.io/v1/gateways`); // 403
 *   await kube.close();
 */
import { listen } from '../local-server.js';
import { KubeObjects } from './crud.js';
import { KubeFaults } from './faults.js';
import { CORE_GROUP, RESOURCES } from './resources.js';
import { collectionOf } from './paths.js';
import { createKubeServer } from './server.js';
import { StatusError } from './status.js';
import { KubeStore, type KubeObject } from './store.js';

export { KubeFaults, type ForbidRule, type KubeVerb, type LoggedRequest } from './faults.js';
export { kubeconfigFor, writeKubeconfig, KUBE_CONTEXT } from './kubeconfig.js';
export { RESOURCES, type ResourceDef } from './resources.js';
export type { KubeObject } from './store.js';

export interface KubeEmulatorOptions {
  /** TCP port; 0 (the default) picks a free one. */
  readonly port?: number;
  readonly host?: string;
  /** API groups that start "not installed" (404, absent from discovery). */
  readonly uninstalledGroups?: readonly string[];
  /** The user named in 403 messages. */
  readonly user?: string;
  /** How many changes are kept for watches and continued lists (older ones answer 410). */
  readonly historySize?: number;
  /** How often watches that allow bookmarks get one (default 10 s). */
  readonly bookmarkIntervalMs?: number;
  /** Create a namespace on the first write into it instead of answering 404 `namespaces "x" not found` (for the sandbox). */
  readonly createNamespaces?: boolean;
  /** Record every request (method and path) in `faults.requests`; on unless turned off. */
  readonly logRequests?: boolean;
  readonly now?: () => number;
}

export interface RunningKubeEmulator {
  /** `http://127.0.0.1:<port>`, the kubeconfig's server. */
  readonly endpoint: string;
  readonly port: number;
  readonly faults: KubeFaults;
  readonly store: KubeStore;
  /**
   * Creates an object in-process, as `POST` to its collection would (server-set metadata, Service
   * allocations, watch events), for seeding a test cluster; throws with the API server's message.
   */
  create(object: Record<string, unknown>): KubeObject;
  close(): Promise<void>;
}

/** The namespaces a fresh cluster has. */
const INITIAL_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

export async function startKubeEmulator(options: KubeEmulatorOptions = {}): Promise<RunningKubeEmulator> {
  const store = new KubeStore(options.historySize ?? 1000);
  const objects = new KubeObjects(store, options.now ?? Date.now, options.createNamespaces ?? false);
  const namespaces = RESOURCES.find((r) => r.group === CORE_GROUP && r.plural === 'namespaces')!;
  for (const name of INITIAL_NAMESPACES) objects.create({ r: namespaces, version: 'v1', apiVersion: 'v1' }, { metadata: { name } });
  const faults = new KubeFaults(options.user);
  for (const g of options.uninstalledGroups ?? []) faults.uninstall(g);
  const server = createKubeServer({ store, objects, faults, resources: RESOURCES, watch: { bookmarkIntervalMs: options.bookmarkIntervalMs ?? 10_000 }, logRequests: options.logRequests ?? true });
  const { port, endpoint } = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  return {
    endpoint,
    port,
    faults,
    store,
    create(object) {
      const t = collectionOf(RESOURCES, object);
      if (t === undefined) throw new Error(`the local Kubernetes API does not serve ${String(object['kind'])} (${String(object['apiVersion'])})`);
      try {
        return objects.create(t, object);
      } catch (err) {
        throw err instanceof StatusError ? new Error(err.status.message) : err;
      }
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Open watches would hold close() forever.
        server.closeAllConnections();
      }),
  };
}
