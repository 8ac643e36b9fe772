/** ACM state as the emulator stores it (JSON-serialisable). Timestamps are ISO strings here and epoch seconds on the wire. */
export type CertificateStatus = 'PENDING_VALIDATION' | 'ISSUED' | 'INACTIVE' | 'EXPIRED' | 'VALIDATION_TIMED_OUT' | 'REVOKED' | 'FAILED';
export type KeyAlgorithm = 'RSA_1024' | 'RSA_2048' | 'RSA_3072' | 'RSA_4096' | 'EC_prime256v1' | 'EC_secp384r1' | 'EC_secp521r1';
export type KeyPairOrigin = 'AWS_MANAGED' | 'ACME' | 'CUSTOMER_PROVIDED';

export interface CertificateRecord {
  readonly arn: string;
  readonly domainName: string;
  /** Includes the domain name itself, as AWS does. */
  readonly subjectAlternativeNames: string[];
  status: CertificateStatus;
  readonly type: 'AMAZON_ISSUED' | 'IMPORTED' | 'PRIVATE';
  readonly keyAlgorithm: KeyAlgorithm;
  readonly origin: KeyPairOrigin;
  readonly createdAt: string;
  readonly issuedAt?: string;
  readonly notBefore?: string;
  readonly notAfter?: string;
  readonly serial?: string;
}

export interface AcmState {
  certificates: Record<string, CertificateRecord>;
}

export function emptyAcmState(): AcmState {
  return { certificates: {} };
}
