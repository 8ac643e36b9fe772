/**
 * Fitting apply's rows to the terminal. A row is `  ✓ ADDRESS  ACTION   STATE`; the state column
 * keeps room for its longest short form ("in progress 999s") so it never wraps, and the address
 * gets what is left, shortened in the middle when it is longer. Addresses look like
 * `gateway["ns/name"].target_group["ns/name:route:HTTPRoute-ns-svc:8080"]`: what tells rows
 * apart is the resource kind and the end of its key (the port, the rule number), so those stay;
 * the Gateway goes first, then the start of the key.
 */

/** Glyph column and its spaces (`  ✓ `), the space after the address, the action column. */
export const FIXED_COLUMNS = 4 + 1 + 9;
/** Room the state column always keeps: "in progress 999s", "done after 999s", "not attempted". */
export const STATE_COLUMNS = 16;

const ELLIPSIS = '…';

/** Width of the address column: the longest address, or what the terminal leaves for it. */
export function addressColumn(longestAddress: number, columns: number): number {
  return Math.max(1, Math.min(longestAddress, columns - FIXED_COLUMNS - STATE_COLUMNS));
}

/** `abc…xyz`: the start and the end of `s` kept, `width` long. */
function middle(s: string, width: number): string {
  if (s.length <= width) return s;
  if (width <= 1) return ELLIPSIS.slice(0, width);
  const back = Math.floor((width - 1) / 2);
  return s.slice(0, width - 1 - back) + ELLIPSIS + s.slice(s.length - back);
}

/** The address, at most `width` long: whole when it fits, otherwise cut in the middle. */
export function shortenAddress(address: string, width: number): string {
  if (address.length <= width) return address;
  // `gateway["ns/name"]` | `.kind["key"]` (maybe ` (deposed)`); other labels are cut plainly.
  const split = address.indexOf('"].');
  if (split < 0) return middle(address, width);
  const gateway = address.slice(0, split + 2);
  const resource = address.slice(split + 2);
  const idStart = 'gateway["'.length;
  // Room for `gateway["`, six characters of the Gateway's `ns/name` and `"]`: cut the name.
  const gatewayRoom = width - resource.length;
  if (gateway.startsWith('gateway["') && gatewayRoom >= idStart + 2 + 6) {
    return `gateway["${middle(gateway.slice(idStart, -2), gatewayRoom - idStart - 2)}"]${resource}`;
  }
  // Drop the Gateway: `…kind["key"]`, and if that is too long too, `…kind["…end of key"]`.
  const kind = resource.slice(1);
  if (kind.length + 1 <= width) return ELLIPSIS + kind;
  const open = kind.indexOf('["');
  const keep = width - 2 - (open + 2);
  if (open < 0 || keep < 6) return ELLIPSIS + address.slice(address.length - (width - 1));
  return `${ELLIPSIS}${kind.slice(0, open + 2)}${ELLIPSIS}${kind.slice(kind.length - keep)}`;
}
