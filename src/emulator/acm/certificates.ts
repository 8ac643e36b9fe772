/**
 * ACM ListCertificates and DescribeCertificate (aws-api-facts.md §4). ListCertificates hides
 * everything but RSA_1024/RSA_2048 unless `Includes.keyTypes` says otherwise, and ACME-origin
 * certificates unless `CertificateKeyPairOrigins` names ACME. Timestamps are epoch seconds.
 */
import { AwsError } from '../errors.js';
import { ACCOUNT_ID, REGION } from '../ids.js';
import type { HandlerContext } from '../elbv2/context.js';
import { certificateUsers } from '../elbv2/references.js';
import { epochSeconds, type JsonBody } from '../wire/json-protocol.js';
import type { CertificateRecord } from './records.js';

const STATUSES = ['PENDING_VALIDATION', 'ISSUED', 'INACTIVE', 'EXPIRED', 'VALIDATION_TIMED_OUT', 'REVOKED', 'FAILED'];
const KEY_TYPES = ['RSA_1024', 'RSA_2048', 'RSA_3072', 'RSA_4096', 'EC_prime256v1', 'EC_secp384r1', 'EC_secp521r1'];
const DEFAULT_KEY_TYPES = ['RSA_1024', 'RSA_2048'];
const ORIGINS = ['AWS_MANAGED', 'ACME', 'CUSTOMER_PROVIDED'];
const DEFAULT_ORIGINS = ['AWS_MANAGED', 'CUSTOMER_PROVIDED'];
const KEY_USAGES = ['DIGITAL_SIGNATURE', 'KEY_ENCIPHERMENT'];
const EXTENDED_KEY_USAGES = [
  { Name: 'TLS_WEB_SERVER_AUTHENTICATION', OID: '1.3.6.1.5.5.7.3.1' },
  { Name: 'TLS_WEB_CLIENT_AUTHENTICATION', OID: '1.3.6.1.5.5.7.3.2' },
];
const ARN_PATTERN = /^arn:[\w+=/,.@-]+:acm:[\w+=/,.@-]*:[0-9]+:[\w+=,.@-]+(\/[\w+=,.@-]+)*$/;

export type AcmBody = JsonBody;
export type AcmHandler = (body: AcmBody, ctx: HandlerContext) => unknown;

function validation(value: unknown, path: string, constraint: string): AwsError {
  const shown = value === undefined || value === null ? 'null' : `'${Array.isArray(value) ? `[${value.join(', ')}]` : String(value)}'`;
  return new AwsError('ValidationException', `1 validation error detected: Value ${shown} at '${path}' failed to satisfy constraint: ${constraint}`);
}

function enumList(value: unknown, path: string, allowed: readonly string[]): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !allowed.includes(v))) {
    throw validation(value, path, `Member must satisfy constraint: [Member must satisfy enum value set: [${allowed.join(', ')}]]`);
  }
  return value as string[];
}

function summary(ctx: HandlerContext, c: CertificateRecord) {
  const sans = c.subjectAlternativeNames;
  return {
    CertificateArn: c.arn,
    DomainName: c.domainName,
    SubjectAlternativeNameSummaries: sans.slice(0, 100),
    HasAdditionalSubjectAlternativeNames: sans.length > 100,
    Status: c.status,
    Type: c.type,
    KeyAlgorithm: c.keyAlgorithm,
    KeyUsages: KEY_USAGES,
    ExtendedKeyUsages: EXTENDED_KEY_USAGES.map((e) => e.Name),
    ExportOption: 'DISABLED',
    InUse: certificateUsers(ctx.store.state, c.arn).length > 0,
    RenewalEligibility: c.type === 'AMAZON_ISSUED' ? 'ELIGIBLE' : 'INELIGIBLE',
    NotBefore: c.notBefore && epochSeconds(c.notBefore),
    NotAfter: c.notAfter && epochSeconds(c.notAfter),
    CreatedAt: epochSeconds(c.createdAt),
    IssuedAt: c.issuedAt && epochSeconds(c.issuedAt),
    CertificateKeyPairOrigin: c.origin,
  };
}

export function listCertificates(body: AcmBody, ctx: HandlerContext) {
  const statuses = enumList(body['CertificateStatuses'], 'certificateStatuses', STATUSES);
  const origins = enumList(body['CertificateKeyPairOrigins'], 'certificateKeyPairOrigins', ORIGINS) ?? DEFAULT_ORIGINS;
  const includes = (body['Includes'] ?? {}) as Record<string, unknown>;
  const keyTypes = enumList(includes['keyTypes'], 'includes.keyTypes', KEY_TYPES) ?? DEFAULT_KEY_TYPES;
  const maxItems = body['MaxItems'];
  if (maxItems !== undefined && (typeof maxItems !== 'number' || !Number.isInteger(maxItems) || maxItems < 1 || maxItems > 1000)) {
    throw validation(maxItems, 'maxItems', `Member must have value ${Number(maxItems) < 1 ? 'greater than or equal to 1' : 'less than or equal to 1000'}`);
  }
  const sortBy = body['SortBy'];
  const sortOrder = body['SortOrder'];
  if ((sortBy === undefined) !== (sortOrder === undefined)) throw new AwsError('InvalidArgsException', 'SortBy and SortOrder must be specified together');
  if (sortBy !== undefined && sortBy !== 'CREATED_AT') throw validation(sortBy, 'sortBy', 'Member must satisfy enum value set: [CREATED_AT]');
  if (sortOrder !== undefined && sortOrder !== 'ASCENDING' && sortOrder !== 'DESCENDING') throw validation(sortOrder, 'sortOrder', 'Member must satisfy enum value set: [ASCENDING, DESCENDING]');
  let certs = Object.values(ctx.store.state.acm.certificates).filter(
    (c) => (statuses === undefined || statuses.length === 0 || statuses.includes(c.status)) && keyTypes.includes(c.keyAlgorithm) && origins.includes(c.origin) && c.subjectAlternativeNames.length > 0,
  );
  if (sortBy !== undefined) certs = certs.sort((a, b) => (Date.parse(a.createdAt) - Date.parse(b.createdAt)) * (sortOrder === 'DESCENDING' ? -1 : 1));
  const start = body['NextToken'] === undefined ? 0 : decodeToken(body['NextToken']);
  const page = certs.slice(start, start + ((maxItems as number | undefined) ?? 1000));
  const end = start + page.length;
  return {
    CertificateSummaryList: page.map((c) => summary(ctx, c)),
    ...(end < certs.length ? { NextToken: Buffer.from(`gwlb-acm:${end}`).toString('base64') } : {}),
  };
}

function decodeToken(token: unknown): number {
  const m = typeof token === 'string' ? /^gwlb-acm:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8')) : null;
  if (!m) throw new AwsError('InvalidNextTokenException', 'The next token is not valid; pass the NextToken of a previous response');
  return Number(m[1]);
}

export function describeCertificate(body: AcmBody, ctx: HandlerContext) {
  const arn = body['CertificateArn'];
  if (arn === undefined || arn === null) throw validation(undefined, 'certificateArn', 'Member must not be null');
  if (typeof arn !== 'string' || arn.length < 20 || arn.length > 2048 || !ARN_PATTERN.test(arn)) {
    throw validation(arn, 'certificateArn', 'Member must satisfy regular expression pattern: arn:[\\w+=/,.@-]+:acm:[\\w+=/,.@-]*:[0-9]+:[\\w+=,.@-]+(/[\\w+=,.@-]+)*');
  }
  if (!arn.includes(':certificate/')) throw new AwsError('InvalidArnException', `String '${arn}' is not a valid certificate ARN`);
  const c = ctx.store.state.acm.certificates[arn];
  if (!c || !arn.startsWith(`arn:aws:acm:${REGION}:${ACCOUNT_ID}:`)) throw new AwsError('ResourceNotFoundException', `Certificate with arn ${arn} not found in account ${ACCOUNT_ID}`);
  const s = summary(ctx, c);
  return {
    Certificate: {
      CertificateArn: c.arn,
      DomainName: c.domainName,
      SubjectAlternativeNames: c.subjectAlternativeNames,
      DomainValidationOptions: c.subjectAlternativeNames.map((d) => ({
        DomainName: d,
        ValidationDomain: d.replace(/^\*\./, ''),
        ValidationStatus: c.status === 'PENDING_VALIDATION' ? 'PENDING_VALIDATION' : 'SUCCESS',
        ResourceRecord: { Name: `_${c.arn.slice(-8)}.${d.replace(/^\*\./, '')}.`, Type: 'CNAME', Value: `_${c.arn.slice(-12)}.acm-validations.aws.` },
        ValidationMethod: 'DNS',
      })),
      Serial: c.serial,
      Subject: `CN=${c.domainName}`,
      Issuer: c.type === 'AMAZON_ISSUED' ? 'Amazon' : 'Example CA',
      CreatedAt: s.CreatedAt,
      IssuedAt: s.IssuedAt,
      Status: c.status,
      NotBefore: s.NotBefore,
      NotAfter: s.NotAfter,
      KeyAlgorithm: c.keyAlgorithm,
      SignatureAlgorithm: c.keyAlgorithm.startsWith('EC_') ? 'SHA256WITHECDSA' : 'SHA256WITHRSA',
      InUseBy: certificateUsers(ctx.store.state, c.arn),
      Type: c.type,
      KeyUsages: KEY_USAGES.map((Name) => ({ Name })),
      ExtendedKeyUsages: EXTENDED_KEY_USAGES,
      RenewalEligibility: s.RenewalEligibility,
      Options: { CertificateTransparencyLoggingPreference: 'ENABLED', Export: 'DISABLED' },
      CertificateKeyPairOrigin: c.origin,
    },
  };
}

export const ACM_ACTIONS: Readonly<Record<string, AcmHandler>> = {
  ListCertificates: listCertificates,
  DescribeCertificate: describeCertificate,
};
