/**
 * Rule transforms from HTTPRoute URLRewrite / RequestRedirect filters
 * (pkg/gateway/routeutils/route_rule_transform.go). GRPCRoutes get none.
 */
import type { HTTPPathModifier, HTTPRouteFilter } from '../source/gateway-api.js';
import type { Transform } from './stack.js';
import type { RuleUnit } from './rule-precedence.js';

function prefixReplace(r: string): string {
  if (r === '') return '/';
  if (r.endsWith('/')) return r;
  return `${r}$2`;
}

/** `(^<match path>(/)?)` — the match value is not regex-escaped, as in LBC. */
function pathTransform(mod: HTTPPathModifier, matchPath: string): Transform | undefined {
  if (mod.type === 'ReplaceFullPath' && mod.replaceFullPath !== undefined) {
    return { type: 'url-rewrite', urlRewriteConfig: { rewrites: [{ regex: '^([^?]*)', replace: mod.replaceFullPath }] } };
  }
  if (mod.type === 'ReplacePrefixMatch' && mod.replacePrefixMatch !== undefined) {
    return { type: 'url-rewrite', urlRewriteConfig: { rewrites: [{ regex: `(^${matchPath}(/)?)`, replace: prefixReplace(mod.replacePrefixMatch) }] } };
  }
  return undefined;
}

export function buildTransforms(filters: readonly HTTPRouteFilter[], matchPath: string): Transform[] {
  const out: Transform[] = [];
  for (const f of filters) {
    // LBC keys off the filter's fields, not its type (buildHTTPRuleTransforms).
    if (f.urlRewrite) {
      if (f.urlRewrite.path) {
        const t = pathTransform(f.urlRewrite.path, matchPath);
        if (t) out.push(t);
      }
      if (f.urlRewrite.hostname !== undefined) {
        out.push({ type: 'host-header-rewrite', hostHeaderRewriteConfig: { rewrites: [{ regex: '.*', replace: f.urlRewrite.hostname }] } });
      }
    }
    if (f.requestRedirect?.path?.replacePrefixMatch !== undefined) {
      const t = pathTransform(f.requestRedirect.path, matchPath);
      if (t) out.push(t);
    }
  }
  return out;
}

export function buildUnitTransforms(unit: RuleUnit): Transform[] {
  if (unit.kind !== 'HTTPRoute') return [];
  const filters = unit.route.spec.rules[unit.rule.index]?.filters ?? [];
  return buildTransforms(filters, unit.match?.path.value ?? '');
}
