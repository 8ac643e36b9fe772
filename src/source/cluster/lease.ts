/**
 * One writer at a time across machines (DESIGN.md "One writer at a time"): when gwlb writes with a
 * cluster connected (`apply --from-cluster`, later `watch --from-cluster --apply`), it holds a
 * `coordination.k8s.io/v1` Lease, as controllers do for leader election (client-go
 * tools/leaderelection/resourcelock/leaselock.go), beside the machine-local lock file.
 *
 * - Where: `kube-system/gwlb-<cluster-name>`. kube-system is where LBC's own leader-election Lease
 *   lives in a default install, it exists in every cluster, and one place per cluster name means
 *   every gwlb writing for that cluster meets the same Lease whatever its kubeconfig namespace.
 *   gwlb's user needs `{apiGroups: ["coordination.k8s.io"], resources: ["leases"], verbs: ["get",
 *   "create", "update"]}` in kube-system.
 * - Who: holderIdentity `<host>_<pid>`; leaseDurationSeconds 30, renewed every 10 s while held.
 * - Taking it: absent → create; free (no holder, as a release leaves it) or expired (renewTime +
 *   leaseDurationSeconds in the past, by this machine's clock) → update with the resourceVersion
 *   read, so of two takers one gets 409 and looks again; held and live → wait with backoff up to
 *   the --lock-timeout, then refuse naming the holder.
 * - Release: holder cleared and leaseDurationSeconds 1, as client-go's ReleaseOnCancel does. A
 *   process killed while holding it leaves a Lease that expires after 30 s.
 */
import { hostname } from 'node:os';
import type { KubeClient, KubeReply } from './client.js';
import { ClusterError } from './errors.js';
import { failedRequest, forbidden } from './messages.js';

export const LEASE_NAMESPACE = 'kube-system';
export const LEASE_DURATION_SECONDS = 30;
const GROUP = 'coordination.k8s.io';

export interface LeaseSpec {
  readonly holderIdentity?: string;
  readonly leaseDurationSeconds?: number;
  readonly acquireTime?: string;
  readonly renewTime?: string;
  readonly leaseTransitions?: number;
}

interface LeaseObject {
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly resourceVersion?: string } & Record<string, unknown>;
  readonly spec?: LeaseSpec;
}

export interface LeaseOptions {
  readonly client: KubeClient;
  /** The cluster name gwlb runs with (settings); the Lease is `gwlb-<name>`. */
  readonly clusterName: string;
  /** How long to wait for a live holder; 0 refuses at once. */
  readonly timeoutMs: number;
  /** Called once, when the Lease is held by another and the caller is going to wait. */
  readonly onWait?: (holder: LeaseSpec) => void;
  /** Called when a renewal finds the Lease taken by another (it expired while renewals failed). */
  readonly onLost?: (holder: LeaseSpec) => void;
  readonly namespace?: string;
  readonly identity?: string;
  readonly durationSeconds?: number;
  readonly renewEveryMs?: number;
  readonly now?: () => number;
}

export interface HeldLease {
  /** `kube-system/gwlb-<cluster>`, for messages. */
  readonly where: string;
  readonly identity: string;
  /** Clears the holder if it is still us; never throws. */
  release(): Promise<void>;
}

/** Another holder kept the Lease past the timeout. */
export class LeaseBusyError extends Error {
  override readonly name = 'LeaseBusyError';
  constructor(
    readonly where: string,
    readonly holder: LeaseSpec,
    readonly waitedMs: number,
  ) {
    super(`the Lease ${where} is held by ${holder.holderIdentity}`);
  }
}

/** `gwlb-<cluster>` as a Kubernetes object name (a lowercase RFC 1123 subdomain). */
export function leaseName(clusterName: string): string {
  const cleaned = `gwlb-${clusterName}`.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').slice(0, 253);
  return cleaned.replace(/[^a-z0-9]+$/, '');
}

/** metav1.MicroTime: RFC 3339 with microseconds. */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** When a held Lease lapses: its last renewal (or acquisition) plus its duration; undefined for one never renewed. */
export function leaseExpiry(spec: LeaseSpec): number | undefined {
  const at = Date.parse(spec.renewTime ?? spec.acquireTime ?? '');
  return Number.isNaN(at) ? undefined : at + (spec.leaseDurationSeconds ?? 0) * 1000;
}

function isFree(spec: LeaseSpec | undefined, now: number): boolean {
  if (!spec?.holderIdentity) return true;
  const expiry = leaseExpiry(spec);
  return expiry === undefined || expiry <= now;
}

const FIRST_DELAY_MS = 200;
const MAX_DELAY_MS = 2000;

export async function acquireLease(o: LeaseOptions): Promise<HeldLease> {
  const namespace = o.namespace ?? LEASE_NAMESPACE;
  const name = leaseName(o.clusterName);
  const where = `${namespace}/${name}`;
  const identity = o.identity ?? `${hostname()}_${process.pid}`;
  const duration = o.durationSeconds ?? LEASE_DURATION_SECONDS;
  const now = o.now ?? Date.now;
  const collection = `/apis/${GROUP}/v1/namespaces/${encodeURIComponent(namespace)}/leases`;
  const path = `${collection}/${encodeURIComponent(name)}`;

  const refuse = (reply: KubeReply, verb: string): never => {
    if (reply.status === 403) throw new ClusterError(`${forbidden(o.client, 'Lease', GROUP, 'leases', verb)} in namespace ${namespace} (gwlb locks the cluster with the Lease ${where})`);
    if (reply.status === 404 && verb === 'create') throw new ClusterError(`cannot create the Lease ${where}: namespace ${namespace} does not exist in ${o.client.server} (context "${o.client.context}")`);
    throw new ClusterError(failedRequest(o.client, `${verb} the Lease`, path, reply));
  };
  const mine = (previous: LeaseSpec | undefined): LeaseSpec => {
    const t = microTime(now());
    const transitions = previous?.leaseTransitions ?? 0;
    return { holderIdentity: identity, leaseDurationSeconds: duration, acquireTime: t, renewTime: t, leaseTransitions: previous?.holderIdentity && previous.holderIdentity !== identity ? transitions + 1 : transitions };
  };

  const started = now();
  let delay = FIRST_DELAY_MS;
  let waiting = false;
  for (;;) {
    const got = await o.client.get(path);
    if (got.status === 404) {
      const created = await o.client.send('POST', collection, { apiVersion: `${GROUP}/v1`, kind: 'Lease', metadata: { name, namespace, labels: { 'app.kubernetes.io/managed-by': 'gwlb' } }, spec: mine(undefined) });
      if (created.status === 201 || created.status === 200) return hold(o, path, where, identity, duration);
      if (created.status !== 409) refuse(created, 'create');
      continue; // created by another just now: look again
    }
    if (got.status !== 200) refuse(got, 'get');
    const lease = got.body as LeaseObject;
    if (isFree(lease.spec, now()) || lease.spec?.holderIdentity === identity) {
      const taken = await o.client.send('PUT', path, { ...lease, spec: mine(lease.spec) });
      if (taken.status === 200) return hold(o, path, where, identity, duration);
      if (taken.status !== 409) refuse(taken, 'update');
      continue; // another taker was first: look again
    }
    const waited = now() - started;
    if (waited >= o.timeoutMs) throw new LeaseBusyError(where, lease.spec ?? {}, waited);
    if (!waiting) o.onWait?.(lease.spec ?? {});
    waiting = true;
    await new Promise((r) => setTimeout(r, Math.min(delay * (0.75 + Math.random() / 2), o.timeoutMs - waited)));
    delay = Math.min(delay * 2, MAX_DELAY_MS);
  }
}

/** Renews the Lease while held; release() stops renewing and clears the holder. */
function hold(o: LeaseOptions, path: string, where: string, identity: string, duration: number): HeldLease {
  const now = o.now ?? Date.now;
  let lost = false;
  let renewing: Promise<void> = Promise.resolve();
  const renew = async () => {
    const got = await o.client.get(path);
    if (got.status !== 200) return; // the next tick tries again, well within the duration
    const lease = got.body as LeaseObject;
    if (lease.spec?.holderIdentity !== identity) {
      lost = true;
      clearInterval(timer);
      o.onLost?.(lease.spec ?? {});
      return;
    }
    await o.client.send('PUT', path, { ...lease, spec: { ...lease.spec, renewTime: microTime(now()) } });
  };
  const timer = setInterval(() => {
    renewing = renewing.then(renew).catch(() => {});
  }, o.renewEveryMs ?? (duration * 1000) / 3);
  // Renewal alone must not keep the process alive.
  timer.unref();
  let released = false;
  return {
    where,
    identity,
    async release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      await renewing;
      if (lost) return;
      try {
        const got = await o.client.get(path);
        const lease = got.body as LeaseObject;
        if (got.status !== 200 || lease.spec?.holderIdentity !== identity) return;
        const { holderIdentity: _h, ...rest } = lease.spec;
        await o.client.send('PUT', path, { ...lease, spec: { ...rest, leaseDurationSeconds: 1, renewTime: microTime(now()) } });
      } catch {
        // Unreachable now: the Lease lapses by itself after its duration.
      }
    },
  };
}
