import { DescribeCertificateCommand, ListCertificatesCommand, paginateListCertificates } from '@aws-sdk/client-acm';
import { describe, expect, it } from 'vitest';
import { CERT_ECDSA, CERT_PENDING, CERT_WILDCARD } from './fixtures.js';
import { failure, useEmulator } from './helpers.js';

const h = useEmulator();

describe('ListCertificates', () => {
  it('hides non-RSA_2048/1024 certificates unless Includes.keyTypes asks for them', async () => {
    const byDefault = (await h.acm.send(new ListCertificatesCommand({ CertificateStatuses: ['ISSUED'] }))).CertificateSummaryList!;
    expect(byDefault.map((c) => c.DomainName)).toEqual(['*.example.com', 'echo.example.com', 'api.example.com', 'shop.example.org']);
    const wildcard = byDefault[0]!;
    expect(wildcard).toMatchObject({ CertificateArn: CERT_WILDCARD, SubjectAlternativeNameSummaries: ['*.example.com', 'example.com'], Status: 'ISSUED', Type: 'AMAZON_ISSUED', KeyAlgorithm: 'RSA_2048', InUse: false });
    // awsJson timestamps are epoch seconds, which the SDK turns into Dates (aws-api-facts.md §0.10).
    expect(wildcard.NotAfter).toBeInstanceOf(Date);
    const withEcdsa = (await h.acm.send(new ListCertificatesCommand({ CertificateStatuses: ['ISSUED'], Includes: { keyTypes: ['RSA_2048', 'EC_prime256v1'] } }))).CertificateSummaryList!;
    expect(withEcdsa.map((c) => c.CertificateArn)).toContain(CERT_ECDSA);
    const all = (await h.acm.send(new ListCertificatesCommand({}))).CertificateSummaryList!;
    expect(all.map((c) => c.CertificateArn)).toContain(CERT_PENDING);
  });

  it('pages with MaxItems/NextToken', async () => {
    const first = await h.acm.send(new ListCertificatesCommand({ MaxItems: 2 }));
    expect(first.CertificateSummaryList).toHaveLength(2);
    expect(first.NextToken).toBeTruthy();
    const domains: string[] = [];
    let pages = 0;
    for await (const page of paginateListCertificates({ client: h.acm, pageSize: 2 }, {})) {
      pages += 1;
      domains.push(...page.CertificateSummaryList!.map((c) => c.DomainName!));
    }
    expect(pages).toBe(3);
    expect(domains).toHaveLength(5);
  });

  it('rejects bad enums with ValidationException and half a sort with InvalidArgsException', async () => {
    const err = await failure(h.acm.send(new ListCertificatesCommand({ Includes: { keyTypes: ['blah' as never] } })));
    expect(err.name).toBe('ValidationException');
    expect(err.message).toContain("Value '[blah]' at 'includes.keyTypes' failed to satisfy constraint");
    expect((await failure(h.acm.send(new ListCertificatesCommand({ SortBy: 'CREATED_AT' })))).name).toBe('InvalidArgsException');
    expect((await failure(h.acm.send(new ListCertificatesCommand({ MaxItems: 0 })))).name).toBe('ValidationException');
  });
});

describe('DescribeCertificate', () => {
  it('returns SANs, status, dates and InUseBy', async () => {
    const cert = (await h.acm.send(new DescribeCertificateCommand({ CertificateArn: CERT_WILDCARD }))).Certificate!;
    expect(cert).toMatchObject({ CertificateArn: CERT_WILDCARD, DomainName: '*.example.com', SubjectAlternativeNames: ['*.example.com', 'example.com'], Status: 'ISSUED', Type: 'AMAZON_ISSUED', KeyAlgorithm: 'RSA_2048', InUseBy: [] });
    expect(cert.NotBefore!.getTime()).toBeLessThan(cert.NotAfter!.getTime());
    expect(cert.DomainValidationOptions![0]).toMatchObject({ DomainName: '*.example.com', ValidationStatus: 'SUCCESS', ValidationMethod: 'DNS' });
  });

  it('distinguishes unknown, malformed and non-certificate ARNs', async () => {
    const unknown = CERT_WILDCARD.replace(/[0-9a-f]{12}$/, 'ffffffffffff');
    expect((await failure(h.acm.send(new DescribeCertificateCommand({ CertificateArn: unknown })))).name).toBe('ResourceNotFoundException');
    expect((await failure(h.acm.send(new DescribeCertificateCommand({ CertificateArn: 'not-an-arn-at-all-really' })))).name).toBe('ValidationException');
    expect((await failure(h.acm.send(new DescribeCertificateCommand({ CertificateArn: 'arn:aws:acm:us-west-2:123456789012:widget/abc' })))).name).toBe('InvalidArnException');
  });
});
