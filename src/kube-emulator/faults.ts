/**
 * Test controls: RBAC denials per resource and verb (403 with the API server's wording), API
 * groups that are "not installed" (absent from discovery, 404 on their paths, as when a CRD bundle
 * was never applied), and the request log (method and path with query) to count calls.
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

export class KubeFaults {
  private rules: ForbidRule[] = [];
  private readonly missing = new Set<string>();
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

  /** Requests whose method matches and whose path (without the query) equals `path`. */
  count(method: string, path: string): number {
    return this.requests.filter((r) => r.method === method && r.path.split('?')[0] === path).length;
  }

  clearRequests(): void {
    this.requests.length = 0;
  }
}
