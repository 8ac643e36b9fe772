/** `explain` text for route parentRefs LBC never looks at (resolve/unattached.ts): no status at all, so say why. */
import type { ChalkInstance } from 'chalk';
import type { UnattachedParent, UnattachedReason } from '../../resolve/unattached.js';
import type { Explanation } from './explanations.js';

function explainUnattached(parent: string, r: UnattachedReason): Explanation {
  switch (r.kind) {
    case 'no-parent':
      return {
        code: 'GWLB290',
        text: `${parent} is not in the input (or its manifest did not load: see the errors above), so nothing attaches this parentRef and LBC writes no status for it. Check the name, namespace and kind, or include the parent's manifest.`,
      };
    case 'unsupported-kind':
      return { code: 'GWLB291', text: `LBC attaches routes only to a Gateway or a ListenerSet, not to ${parent}; it writes no status for this parentRef.` };
    case 'no-class':
      return { code: 'GWLB292', text: `${parent} uses GatewayClass ${r.gatewayClass}, which is not in the input; LBC ignores the Gateway until it exists, and this route with it.` };
    case 'other-controller':
      return {
        code: 'GWLB293',
        text: `${parent} belongs to controller ${r.controllerName} (GatewayClass ${r.gatewayClass}), not to LBC; LBC ignores this parentRef and writes no status for it. The other controller decides this route's status.`,
      };
    case 'listener-set-parent':
      return { code: 'GWLB294', text: `${parent}'s parent ${r.parent} is not an LBC Gateway in the input, so LBC ignores the ListenerSet and this parentRef.` };
  }
}

export function unattachedBlock(list: readonly UnattachedParent[], chalk: ChalkInstance): string | undefined {
  if (list.length === 0) return undefined;
  const out = [chalk.bold('Route parentRefs LBC does not attach (no status is written for them)')];
  let last = '';
  for (const u of list) {
    const route = `${u.route.kind} ${u.route.namespace}/${u.route.name}`;
    if (route !== last) out.push(`  ${route}`);
    last = route;
    const e = explainUnattached(u.parent, u.reason);
    out.push(`    ${chalk.yellow('–')} parentRefs[${u.index}] ${u.parent}`);
    out.push(`        ${chalk.bold(e.code)} ${e.text}`);
  }
  return out.join('\n');
}
