/**
 * A small XML writer for the two query protocols. Values are written from plain objects whose
 * keys are already the wire element names (UpperCamel for ELBv2, lowerCamel for EC2), so the
 * serialisers decide names and this file only decides structure.
 *
 * The SDK selects elements by exact name (aws-api-facts.md §0.3): list items must be `<member>`
 * in ELBv2 and `<item>` in EC2, and an empty list is written as `<Name/>` so the SDK yields `[]`.
 */

/** A string→string map, written as awsQuery `<entry><key/><value/></entry>` elements. */
export class XmlMap {
  constructor(readonly entries: Readonly<Record<string, string>>) {}
}

export type XmlValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | XmlMap
  | readonly XmlValue[]
  | { readonly [name: string]: XmlValue };

export type ListItemName = 'member' | 'item';

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      default:
        return '&apos;';
    }
  });
}

/** `<name>…</name>` for one value; undefined and null are omitted (the SDK reads them as absent). */
export function xmlElement(name: string, value: XmlValue, item: ListItemName): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return `<${name}>${escapeXml(String(value))}</${name}>`;
  }
  if (value instanceof XmlMap) {
    const entries = Object.entries(value.entries);
    if (entries.length === 0) return `<${name}/>`;
    const body = entries.map(([k, v]) => `<entry><key>${escapeXml(k)}</key><value>${escapeXml(v)}</value></entry>`).join('');
    return `<${name}>${body}</${name}>`;
  }
  if (isXmlList(value)) {
    if (value.length === 0) return `<${name}/>`;
    return `<${name}>${value.map((v) => xmlElement(item, v, item)).join('')}</${name}>`;
  }
  const body = xmlChildren(value, item);
  return body === '' ? `<${name}/>` : `<${name}>${body}</${name}>`;
}

/** The children of a structure, in key order. */
export function xmlChildren(value: { readonly [name: string]: XmlValue }, item: ListItemName): string {
  let out = '';
  for (const [key, child] of Object.entries(value)) out += xmlElement(key, child, item);
  return out;
}

function isXmlList(value: XmlValue): value is readonly XmlValue[] {
  return Array.isArray(value);
}
