/**
 * Listener/route hostname intersection, as LBC does it (pkg/gateway/routeutils/utils.go,
 * listener_attachment_helper.go): plain, case-sensitive suffix matching on `*.` wildcards.
 */

/**
 * Go's `net.ParseIP` on IPv4 text (utils.go IsHostNameInValidFormat calls it): four decimal
 * fields, each 0–255, no leading zeros. "999.1.1.1" and "01.2.3.4" are not addresses there, so
 * LBC treats them as (valid) hostnames.
 */
function isIpv4(host: string): boolean {
  const fields = host.split('.');
  return fields.length === 4 && fields.every((f) => /^(0|[1-9]\d{0,2})$/.test(f) && Number(f) <= 255);
}

/** IPv6 text always has a colon; the Gateway API Hostname pattern admits none, so this only guards odd input. */
function isIpAddress(host: string): boolean {
  return isIpv4(host) || (host.includes(':') && /^[0-9A-Fa-f:.]+$/.test(host));
}

/** LBC rejects IP addresses and labels outside 1..63 characters. */
export function isValidHostname(host: string): boolean {
  if (isIpAddress(host)) return false;
  return host.split('.').every((label) => label.length >= 1 && label.length <= 63);
}

/**
 * The hostname both sides accept, or undefined: identical strings match; a `*.suffix` side
 * matches a name ending in `.suffix` and yields the other (more specific) side.
 */
export function compatibleHostname(listenerHost: string, routeHost: string): string | undefined {
  if (listenerHost === routeHost) return listenerHost;
  if (listenerHost.startsWith('*.') && routeHost.endsWith(listenerHost.slice(1))) return routeHost;
  if (routeHost.startsWith('*.') && listenerHost.endsWith(routeHost.slice(1))) return listenerHost;
  return undefined;
}

export type HostnameMatch =
  | { readonly kind: 'attached'; readonly compatible: readonly string[] }
  | { readonly kind: 'no-match' }
  /** LBC fails the whole Gateway reconcile for an invalid listener hostname. */
  | { readonly kind: 'invalid-listener-hostname'; readonly hostname: string };

/** §3.5 of lbc-l7-routes-status.md, step by step. */
export function intersectHostnames(listenerHost: string | undefined, routeHosts: readonly string[]): HostnameMatch {
  if (routeHosts.length === 0) return { kind: 'attached', compatible: listenerHost ? [listenerHost] : [] };
  if (!listenerHost) return { kind: 'attached', compatible: [] };
  if (!isValidHostname(listenerHost)) return { kind: 'invalid-listener-hostname', hostname: listenerHost };
  const compatible: string[] = [];
  for (const routeHost of routeHosts) {
    if (!isValidHostname(routeHost)) continue;
    const match = compatibleHostname(listenerHost, routeHost);
    if (match !== undefined) compatible.push(match);
  }
  return compatible.length > 0 ? { kind: 'attached', compatible } : { kind: 'no-match' };
}
