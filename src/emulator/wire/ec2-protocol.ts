/**
 * ec2Query envelopes (aws-api-facts.md §1.5): no Result wrapper and no ResponseMetadata; members
 * sit under `<OpResponse>` after a lowercase `<requestId>`, list items are `<item>`. Errors use
 * `<Response><Errors><Error>` with `<RequestID>` (capital ID) and no `<Type>`.
 */
import type { AwsError } from '../errors.js';
import type { WireResponse } from './response.js';
import { escapeXml, xmlChildren, type XmlValue } from './xml.js';

export const EC2_VERSION = '2016-11-15';
export const EC2_NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/';
const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
const CONTENT_TYPE = 'text/xml;charset=UTF-8';

export type Ec2Result = { readonly [name: string]: XmlValue };

export function ec2Success(action: string, result: Ec2Result, requestId: string): WireResponse {
  const body = `${DECLARATION}<${action}Response xmlns="${EC2_NAMESPACE}"><requestId>${requestId}</requestId>${xmlChildren(result, 'item')}</${action}Response>`;
  return { status: 200, contentType: CONTENT_TYPE, body };
}

export function ec2Error(err: AwsError, requestId: string): WireResponse {
  const body =
    `${DECLARATION}<Response><Errors><Error><Code>${escapeXml(err.code)}</Code><Message>${escapeXml(err.message)}</Message></Error></Errors>` +
    `<RequestID>${requestId}</RequestID></Response>`;
  return { status: err.status, contentType: CONTENT_TYPE, body };
}
