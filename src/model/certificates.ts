/**
 * Listener certificates (model_build_listener.go `buildCertificates`, pkg/certs/cert_discovery.go):
 * explicit ARNs from the listener configuration, else ACM discovery by hostname — every host must
 * match an ISSUED certificate; matches are deduplicated and sorted by ARN, the first becomes the
 * default certificate.
 */
import type { ListenerConfiguration } from '../source/lbc-crds.js';
import type { DiscoveryFacts } from './discovery.js';
import { unknown } from './discovery.js';
import type { StringToken } from './stack.js';

/** `domainMatchesHost`: `*.x.y` matches one label exactly; otherwise exact (case-sensitive). */
export function domainMatchesHost(domain: string, host: string): boolean {
  if (domain.startsWith('*.')) {
    const ds = domain.split('.');
    const hs = host.split('.');
    if (ds.length !== hs.length) return false;
    return ds.slice(1).every((d, i) => d === hs[i + 1]);
  }
  return domain === host;
}

export type CertResult = { readonly ok: true; readonly arns: readonly StringToken[] } | { readonly ok: false; readonly message: string };

export function explicitCertificates(cfg: ListenerConfiguration | undefined): string[] {
  if (!cfg) return [];
  return [...(cfg.defaultCertificate !== undefined ? [cfg.defaultCertificate] : []), ...(cfg.certificates ?? [])];
}

/** Hostnames are sorted (sets.NewString().List()) before discovery. */
export function discoverCertificates(hosts: readonly string[], facts: DiscoveryFacts, allowedCAs: readonly string[]): CertResult {
  const sorted = [...new Set(hosts)].sort();
  if (facts.kind === 'unknown') return { ok: true, arns: sorted.length > 0 ? [unknown(`certificate for ${sorted.join(', ')}`)] : [] };
  const eligible = facts.certificates.filter(
    (c) => c.status === 'ISSUED' && (allowedCAs.length === 0 || (c.certificateAuthorityArn !== undefined && allowedCAs.includes(c.certificateAuthorityArn))),
  );
  const found = new Set<string>();
  for (const host of sorted) {
    const forHost = eligible.filter((c) => c.domains.some((d) => domainMatchesHost(d, host))).map((c) => c.arn);
    if (forHost.length === 0) return { ok: false, message: `no certificate found for host: ${host}` };
    for (const a of forHost) found.add(a);
  }
  return { ok: true, arns: [...found].sort() };
}

export function buildCertificates(cfg: ListenerConfiguration | undefined, hosts: readonly string[], facts: DiscoveryFacts, allowedCAs: readonly string[]): CertResult {
  const explicit = explicitCertificates(cfg);
  if (explicit.length > 0) return { ok: true, arns: explicit };
  return discoverCertificates(hosts, facts, allowedCAs);
}
