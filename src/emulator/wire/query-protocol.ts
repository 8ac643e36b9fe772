/**
 * awsQuery envelopes for ELBv2 (aws-api-facts.md §1.3, §1.4): success is
 * `<OpResponse xmlns=…><OpResult>…</OpResult><ResponseMetadata><RequestId/></ResponseMetadata>`,
 * and the SDK silently returns `{}` if the Result element is misnamed, so the name is built here only.
 */
import type { AwsError } from '../errors.js';
import type { WireResponse } from './response.js';
import { escapeXml, xmlChildren, type XmlValue } from './xml.js';

export const ELBV2_VERSION = '2015-12-01';
export const ELBV2_NAMESPACE = 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/';

export type QueryResult = { readonly [name: string]: XmlValue };

export function querySuccess(action: string, result: QueryResult, requestId: string): WireResponse {
  const inner = xmlChildren(result, 'member');
  const resultXml = inner === '' ? `<${action}Result/>` : `<${action}Result>${inner}</${action}Result>`;
  const body =
    `<${action}Response xmlns="${ELBV2_NAMESPACE}">${resultXml}` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
  return { status: 200, contentType: 'text/xml', body };
}

/** `<Type>` is Sender for 4xx and Receiver for 5xx (the SDK derives `$fault` from the status). */
export function queryError(err: AwsError, requestId: string): WireResponse {
  const type = err.status >= 500 ? 'Receiver' : 'Sender';
  const body =
    `<ErrorResponse xmlns="${ELBV2_NAMESPACE}"><Error><Type>${type}</Type>` +
    `<Code>${escapeXml(err.code)}</Code><Message>${escapeXml(err.message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`;
  return { status: err.status, contentType: 'text/xml', body };
}
