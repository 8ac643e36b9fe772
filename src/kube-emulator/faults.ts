/**
 * Test controls: RBAC denials per resource and verb (403 with the API server's wording), API
 * groups that are "not installed" (absent from discovery, 404 on their paths, as when a CRD bundle
 * was never applied), the request log (method and path with query) to count calls, and the
 * faults a watcher must survive: watches cut after a while, 410 Expired for watches, the
 * whole API down (connections reset, or 503) for a period, and requests of some verbs taken but
 * never answered (a wedged API server: discovery answers, lists hang until the client gives up).
 */
import { CORE_GROUP, type ResourceDef } from './resources.js';

export type KubeVerb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete';

export interface ForbidRule {
  /** API group; '' is the core group. Any group when omitted. */
  readonly group?: string;
  /** Plural resource (`gateways`), or `gateways/status` for the subresource. */
  readonly resource: string;
  /** One verb, or every verb when omitted. */
  readonly verb?: KubeVerb;
}

export interface LoggedRequest {
  readonly method: string;
  /** Path with the query string, as sent. */
  readonly path: string;
}

/** How the API is down: connections reset (as a server that died or a port nothing listens on), or 503 (a load balancer in front with no healthy server). */
export type OutageMode = 'reset' | 'unavailable';

/** How an expired watch is answered: an ERROR event with a 410 Status inside a 200 stream (the watch cache's way), or HTTP 410. */
export type ExpiryStyle = 'event' | 'status';

export class KubeFaults {
  private rules: ForbidRule[] = [];
  private dropAfterMs: number | undefined;
  private expiries: { left: number; as: ExpiryStyle } | undefined;
  private outage: { until: number; mode: OutageMode } | undefined;
  private readonly openWatches = new Set<() => void>();
  private readonly missing = new Set<string>();
  private stalled: ReadonlySet<KubeVerb> = new Set();
  readonly requests: LoggedRequest[] = [];

  /** `user` is the name 403 messages give for the caller. */
  constructor(readonly user = 'system:anonymous') {}

  forbid(rule: ForbidRule): void {
    this.rules.push(rule);
  }

  /** Removes every RBAC denial. */
  allowAll(): void {
    this.rules = [];
  }

  uninstall(group: string): void {
    if (group === CORE_GROUP) throw new Error('the core API group cannot be uninstalled');
    this.missing.add(group);
  }

  install(group: string): void {
    this.missing.delete(group);
  }

  isInstalled(group: string): boolean {
    return !this.missing.has(group);
  }

  installed(resources: readonly ResourceDef[]): ResourceDef[] {
    return resources.filter((r) => this.isInstalled(r.group));
  }

  isForbidden(r: ResourceDef, verb: KubeVerb, subresource: string | undefined): boolean {
    const resource = subresource === undefined ? r.plural : `${r.plural}/${subresource}`;
    return this.rules.some((rule) => (rule.group === undefined || rule.group === r.group) && rule.resource === resource && (rule.verb === undefined || rule.verb === verb));
  }

  log(method: string, path: string): void {
    this.requests.push({ method, path });
  }

  /** Every watch is cut (its connection destroyed, no clean end) `ms` after it opens; undefined stops that. */
  dropWatchesAfter(ms: number | undefined): void {
    this.dropAfterMs = ms;
  }

  get watchLifetimeMs(): number | undefined {
    return this.dropAfterMs;
  }

  /** The next `times` watches (every watch when omitted) are answered 410 Expired, so a client must relist. */
  expireWatches(options: { times?: number; as?: ExpiryStyle } = {}): void {
    this.expiries = { left: options.times ?? Infinity, as: options.as ?? 'event' };
  }

  stopExpiringWatches(): void {
    this.expiries = undefined;
  }

  /** Whether this watch is to be answered 410, and how; counts it against `times`. */
  takeExpiry(): ExpiryStyle | undefined {
    if (!this.expiries || this.expiries.left <= 0) return undefined;
    this.expiries.left--;
    return this.expiries.as;
  }

  /** The API goes down for `forMs` (until up() when omitted): open watches are cut and every request fails. */
  down(options: { forMs?: number; mode?: OutageMode } = {}): void {
    this.outage = { until: options.forMs === undefined ? Infinity : Date.now() + options.forMs, mode: options.mode ?? 'reset' };
    this.dropWatches();
  }

  up(): void {
    this.outage = undefined;
  }

  /** How a request arriving now fails, or undefined when the API is up. */
  outageNow(): OutageMode | undefined {
    if (this.outage && Date.now() >= this.outage.until) this.outage = undefined;
    return this.outage?.mode;
  }

  /** Requests of these verbs are taken and never answered, until called again without them. */
  stall(verbs: readonly KubeVerb[] = []): void {
    this.stalled = new Set(verbs);
  }

  isStalled(verb: KubeVerb): boolean {
    return this.stalled.has(verb);
  }

  /** Cuts every open watch now. */
  dropWatches(): void {
    for (const cut of [...this.openWatches]) cut();
  }

  /** Registers an open watch's cut function; returns the unregister function. */
  watchOpened(cut: () => void): () => void {
    this.openWatches.add(cut);
    return () => void this.openWatches.delete(cut);
  }

  /** Logged watch requests (`?watch=true`), of `path` only when given: each is one (re)connection. */
  watchCount(path?: string): number {
    return this.requests.filter((r) => {
      const [p, query = ''] = r.path.split('?');
      const watch = new URLSearchParams(query).get('watch');
      return r.method === 'GET' && (watch === 'true' || watch === '1') && (path === undefined || p === path);
    }).length;
  }

  /** Requests whose method matches and whose path (without the query) equals `path`. */
  count(method: string, path: string): number {
    return this.requests.filter((r) => r.method === method && r.path.split('?')[0] === path).length;
  }

  clearRequests(): void {
    this.requests.length = 0;
  }
}
