/**
 * Where an HTTPS/TLS listener's certificate comes from and whether gwlb could check it: LBC uses
 * the LoadBalancerConfiguration's ARNs as given, else discovers ISSUED ACM certificates for the
 * listener's hostnames at deploy (model_build_listener.go `buildCertificates`,
 * pkg/certs/cert_discovery.go); the Gateway listener's own `tls.certificateRefs` are never read.
 * Offline nothing can be looked up, so the listener says so instead of looking fine.
 */
import type { Diagnostic } from '../../diagnostics.js';
import { isUnknown } from '../../model/discovery.js';
import type { Stack, StringToken } from '../../model/stack.js';
import { RT } from '../../model/stack.js';
import type { GatewayResolution, ResolvedListener } from '../../resolve/types.js';
import type { Explanation } from './explanations.js';

function show(t: StringToken): string {
  return typeof t === 'string' ? t : isUnknown(t) ? `(${t.$unknown})` : t.$ref;
}

/** `offline`: built without discovery facts (explain's default), so nothing was looked up. */
export function certificateHint(g: GatewayResolution, l: ResolvedListener, stack: Stack | undefined, diagnostics: readonly Diagnostic[], offline: boolean): Explanation | undefined {
  const protocol = l.listener.protocol;
  if (protocol !== 'HTTPS' && protocol !== 'TLS') return undefined;
  if (!l.valid) return undefined;
  const gw = `${g.gateway.metadata.namespace}/${g.gateway.metadata.name}`;
  const missing = diagnostics.find((d) => d.code === 'GWLB305' && d.message.startsWith(`Gateway ${gw}:`) && d.message.includes(`(listener ${protocol}:${l.listener.port})`));
  if (missing) {
    const host = /no certificate found for host: (\S+)/.exec(missing.message)?.[1];
    return { code: 'GWLB266', text: `ACM has no ISSUED certificate for ${host ?? 'this listener'}; LBC fails the whole build. Request or import one in ACM, or name an ARN in the LoadBalancerConfiguration's listenerConfigurations.` };
  }
  const resource = stack?.resources.find((r) => r.type === RT.listener && r.spec.port === l.listener.port);
  if (!resource || resource.type !== RT.listener) return undefined;
  const certs = resource.spec.certificates ?? [];
  if (certs.length === 0) return undefined;
  if (certs.some((c) => isUnknown(c.certificateARN))) {
    return {
      code: 'GWLB267',
      text: `Certificate not checked offline: LBC looks up an ISSUED ACM certificate for ${certs.map((c) => show(c.certificateARN)).join(', ').replace(/^\(certificate for (.*)\)$/, '$1')} at deploy, and fails the whole Gateway if there is none. Run explain with --sandbox, --endpoint-url or --region to check ACM.`,
    };
  }
  const arns = certs.map((c) => show(c.certificateARN)).join(', ');
  const cfg = g.loadBalancerConfig?.listenerConfigurations?.find((c) => c.protocolPort === `${protocol}:${l.listener.port}`);
  const explicit = cfg !== undefined && (cfg.defaultCertificate !== undefined || (cfg.certificates ?? []).length > 0);
  if (!explicit) return { code: 'GWLB268', text: `Certificate ${arns}: found in ACM for the listener's hostnames.` };
  return offline
    ? { code: 'GWLB267', text: `Certificate ${arns} (from the LoadBalancerConfiguration): not checked offline; AWS rejects the listener unless it is an ISSUED certificate in this account and region.` }
    : { code: 'GWLB268', text: `Certificate ${arns} (from the LoadBalancerConfiguration, used as given; ACM is not searched).` };
}
