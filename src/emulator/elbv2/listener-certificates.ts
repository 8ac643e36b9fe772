/**
 * Certificates on listeners (aws-api-facts.md §2.3, §6): a certificate must be an ISSUED,
 * unexpired ACM certificate of this account and region, else CertificateNotFound.
 * Add/RemoveListenerCertificates take one certificate per call; the default certificate is
 * listed by DescribeListenerCertificates with IsDefault=true (and again if also added).
 */
import { AwsError, constraintError, validationError } from '../errors.js';
import type { EmulatorState } from '../state.js';
import type { QueryInput } from '../wire/query-input.js';
import { requireListener } from './arns.js';
import type { HandlerContext } from './context.js';
import { paginate } from './pagination.js';
import { listenersOf } from './references.js';

/** Certificates per load balancer, not counting default certificates (§3.2). */
const MAX_CERTIFICATES = 25;

export function requireCertificate(state: EmulatorState, arn: string, now: number): string {
  const cert = state.acm.certificates[arn];
  const expired = cert?.notAfter !== undefined && Date.parse(cert.notAfter) <= now;
  if (!cert || cert.status !== 'ISSUED' || expired) throw new AwsError('CertificateNotFound', `Certificate '${arn}' not found`);
  return arn;
}

/** Reads `Certificates.member.N.CertificateArn`; IsDefault may not be set on input lists. */
export function readCertificateArns(input: QueryInput, key = 'Certificates'): string[] | undefined {
  return input.members(key)?.map((m) => {
    if (m.has('IsDefault')) throw validationError('IsDefault cannot be set on a certificate in this request');
    return m.requiredStr('CertificateArn');
  });
}

function oneCertificate(input: QueryInput): string {
  const arns = readCertificateArns(input);
  if (arns === undefined) throw constraintError(null, 'certificates', 'Member must not be null');
  if (arns.length !== 1) throw validationError('You must specify exactly one certificate per call');
  return arns[0]!;
}

function certificateList(arns: readonly string[]) {
  return arns.map((CertificateArn) => ({ CertificateArn, IsDefault: false }));
}

export function addListenerCertificates(input: QueryInput, ctx: HandlerContext) {
  const state = ctx.store.state;
  const listener = requireListener(state, input.requiredStr('ListenerArn'));
  const arn = requireCertificate(state, oneCertificate(input), ctx.now);
  if (listener.protocol !== 'HTTPS' && listener.protocol !== 'TLS') {
    throw new AwsError('InvalidConfigurationRequest', `Certificates can only be added to HTTPS or TLS listeners, not to a ${listener.protocol ?? 'GENEVE'} listener`);
  }
  if (!listener.certificates.includes(arn)) {
    const inUse = new Set<string>();
    for (const l of listenersOf(state, listener.loadBalancerArn)) for (const c of l.certificates) if (c !== l.defaultCertificate) inUse.add(c);
    if (arn !== listener.defaultCertificate && !inUse.has(arn) && inUse.size >= MAX_CERTIFICATES) {
      throw new AwsError('TooManyCertificates', `A load balancer can have at most ${MAX_CERTIFICATES} certificates besides its default certificates`);
    }
    listener.certificates.push(arn);
    ctx.store.changed();
  }
  return { Certificates: certificateList(listener.certificates) };
}

export function removeListenerCertificates(input: QueryInput, ctx: HandlerContext) {
  const listener = requireListener(ctx.store.state, input.requiredStr('ListenerArn'));
  const arn = oneCertificate(input);
  // The listed copy of the default certificate may go; the default itself only via ModifyListener.
  if (arn === listener.defaultCertificate && !listener.certificates.includes(arn)) {
    throw new AwsError('OperationNotPermitted', `Certificate '${arn}' is the listener's default certificate and cannot be removed; change it with ModifyListener`);
  }
  listener.certificates = listener.certificates.filter((c) => c !== arn);
  ctx.store.changed();
  return {};
}

export function describeListenerCertificates(input: QueryInput, ctx: HandlerContext) {
  const listener = requireListener(ctx.store.state, input.requiredStr('ListenerArn'));
  const all = [
    ...(listener.defaultCertificate ? [{ CertificateArn: listener.defaultCertificate, IsDefault: true }] : []),
    ...certificateList(listener.certificates),
  ];
  const page = paginate(all, input);
  return { Certificates: page.items, NextMarker: page.nextMarker };
}
