/**
 * Route specs: HTTPRoute, GRPCRoute, TCPRoute, UDPRoute, TLSRoute (Gateway API v1.6 CRDs), with the
 * defaults LBC depends on (lbc-l7-routes-status.md §1) and the CEL rules on paths, filters and
 * parentRefs.
 */
import { quote } from '../../diagnostics.js';
import { any, def, enumOf, int, list, obj, opt, req, str, withRules, SCHEMA_CODES, type Checker, type Path, type Rule, type Schema } from './check.js';
import { group, hostname, hostnames, kind, localObjectReference, namespaceName, objectName, parentRefs, portNumber, sectionName } from './common.js';
import { weight } from './gateways.js';

const headerName = str({ min: 1, max: 256, pattern: /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/, patternHint: 'must be an HTTP header name (letters, digits and !#$%&\'*+-.^_`|~)' });
const headerMatch = obj({ type: def(enumOf('Exact', 'RegularExpression'), 'Exact'), name: req(headerName), value: req(str({ min: 1, max: 4096 })) });
const headerValue = obj({ name: req(headerName), value: req(str({ min: 1, max: 4096 })) });

const PATH_CHARS = /^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$/;

/**
 * The CEL rules on HTTPPathMatch, in the CRD's order: the first one a path breaks is reported.
 * A table made once, tried in order, so a valid path (nearly all) costs a few string checks.
 */
const PATH_PROBLEMS: readonly { readonly bad: (value: string) => boolean; readonly message: string }[] = [
  { bad: (v) => !v.startsWith('/'), message: "value must be an absolute path and start with '/' when type one of ['Exact', 'PathPrefix']" },
  { bad: (v) => v.includes('//'), message: "must not contain '//' when type one of ['Exact', 'PathPrefix']" },
  { bad: (v) => v.includes('/./'), message: "must not contain '/./' when type one of ['Exact', 'PathPrefix']" },
  { bad: (v) => v.includes('/../'), message: "must not contain '/../' when type one of ['Exact', 'PathPrefix']" },
  { bad: (v) => v.includes('%2f') || v.includes('%2F'), message: "must not contain '%2f' or '%2F' when type one of ['Exact', 'PathPrefix']" },
  { bad: (v) => v.includes('#'), message: "must not contain '#' when type one of ['Exact', 'PathPrefix']" },
  { bad: (v) => v.endsWith('/..') || v.endsWith('/.'), message: "must not end with '/..' or '/.' when type one of ['Exact', 'PathPrefix']" },
  { bad: (v) => !PATH_CHARS.test(v), message: `must only contain valid characters (matching ${PATH_CHARS.source}) for types ['Exact', 'PathPrefix']` },
];

const pathRules: Rule = (p, c, path) => {
  const type = p['type'] as string;
  const value = p['value'] as string;
  if (type !== 'Exact' && type !== 'PathPrefix') return;
  // An object per problem, not a tuple: destructuring a tuple per problem per path went through
  // the array iterator.
  const first = PATH_PROBLEMS.find((problem) => problem.bad(value));
  if (first) c.error(SCHEMA_CODES.rule, [...path, 'value'], `invalid path ${quote(value)}: ${first.message}`);
};

const pathMatch = obj({ type: def(enumOf('Exact', 'PathPrefix', 'RegularExpression'), 'PathPrefix'), value: def(str({ max: 1024 }), '/') }, { rules: [pathRules] });

const httpRouteMatch = obj({
  path: def(pathMatch, { type: 'PathPrefix', value: '/' }),
  headers: opt(list(headerMatch, { max: 16 })),
  queryParams: opt(list(obj({ type: def(enumOf('Exact', 'RegularExpression'), 'Exact'), name: req(str({ min: 1, max: 256 })), value: req(str({ min: 1, max: 1024 })) }), { max: 16 })),
  method: opt(enumOf('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH')),
});

const pathModifier = obj(
  { type: req(enumOf('ReplaceFullPath', 'ReplacePrefixMatch')), replaceFullPath: opt(str({ max: 1024 })), replacePrefixMatch: opt(str({ max: 1024 })) },
  {
    rules: [
      (m, c, path) => {
        const set = (f: string) => m[f] !== undefined;
        if (m['type'] === 'ReplaceFullPath' && !set('replaceFullPath')) c.error(SCHEMA_CODES.rule, path, "replaceFullPath must be specified when type is set to 'ReplaceFullPath'");
        if (m['type'] !== 'ReplaceFullPath' && set('replaceFullPath')) c.error(SCHEMA_CODES.rule, path, "type must be 'ReplaceFullPath' when replaceFullPath is set");
        if (m['type'] === 'ReplacePrefixMatch' && !set('replacePrefixMatch')) c.error(SCHEMA_CODES.rule, path, "replacePrefixMatch must be specified when type is set to 'ReplacePrefixMatch'");
        if (m['type'] !== 'ReplacePrefixMatch' && set('replacePrefixMatch')) c.error(SCHEMA_CODES.rule, path, "type must be 'ReplacePrefixMatch' when replacePrefixMatch is set");
      },
    ],
  },
);

const headerFilter = obj({ set: opt(list(headerValue, { max: 16 })), add: opt(list(headerValue, { max: 16 })), remove: opt(list(str({ min: 1, max: 256 }), { max: 16 })) });

/** Field of the filter object that must be set for each filter type (and only for it). */
const FILTER_FIELDS: Readonly<Record<string, string>> = {
  RequestHeaderModifier: 'requestHeaderModifier',
  ResponseHeaderModifier: 'responseHeaderModifier',
  RequestMirror: 'requestMirror',
  RequestRedirect: 'requestRedirect',
  URLRewrite: 'urlRewrite',
  CORS: 'cors',
  ExternalAuth: 'externalAuth',
  ExtensionRef: 'extensionRef',
};

const filterShape: Rule = (f, c, path) => {
  for (const [type, field] of Object.entries(FILTER_FIELDS)) {
    if (f['type'] === type && f[field] === undefined) c.error(SCHEMA_CODES.rule, path, `filter.${field} must be specified for ${type} filter.type`);
    if (f['type'] !== type && f[field] !== undefined) c.error(SCHEMA_CODES.rule, [...path, field], `filter.${field} must be nil if the filter.type is not ${type}`);
  }
};

function httpFilter(): Schema {
  return obj(
    {
      type: req(enumOf(...Object.keys(FILTER_FIELDS))),
      requestHeaderModifier: opt(headerFilter),
      responseHeaderModifier: opt(headerFilter),
      requestMirror: opt(any),
      requestRedirect: opt(
        obj({ scheme: opt(enumOf('http', 'https')), hostname: opt(hostname), path: opt(pathModifier), port: opt(portNumber), statusCode: def(int({ enum: [301, 302, 303, 307, 308] }), 302) }),
      ),
      urlRewrite: opt(obj({ hostname: opt(hostname), path: opt(pathModifier) })),
      cors: opt(any),
      externalAuth: opt(any),
      extensionRef: opt(localObjectReference),
    },
    { rules: [filterShape] },
  );
}

function filterListRules(value: unknown, c: Checker, path: Path): void {
  const filters = value as { type: string }[];
  const count = (t: string) => filters.filter((f) => f.type === t).length;
  if (count('RequestRedirect') > 0 && count('URLRewrite') > 0) c.error(SCHEMA_CODES.rule, path, 'May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both');
  for (const t of ['CORS', 'RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestRedirect', 'URLRewrite']) {
    if (count(t) > 1) c.error(SCHEMA_CODES.rule, path, `${t} filter cannot be repeated`);
  }
}

const httpFilters = withRules(list(httpFilter(), { max: 16 }), filterListRules);

const servicePortRule: Rule = (b, c, path) => {
  if ((b['group'] === '' || b['group'] === undefined) && b['kind'] === 'Service' && b['port'] === undefined) c.error(SCHEMA_CODES.rule, path, 'Must have port for Service reference');
};

function backendRef(filters?: Schema): Schema {
  return obj(
    {
      group: def(group, ''),
      kind: def(kind, 'Service'),
      name: req(objectName),
      namespace: opt(namespaceName),
      port: opt(portNumber),
      weight: def(weight, 1),
      ...(filters ? { filters: opt(filters) } : {}),
    },
    { rules: [servicePortRule] },
  );
}

const httpRouteRule = obj(
  {
    name: opt(sectionName),
    matches: def(list(httpRouteMatch, { max: 64 }), [{ path: { type: 'PathPrefix', value: '/' } }]),
    filters: opt(httpFilters),
    backendRefs: opt(list(backendRef(httpFilters), { max: 16 })),
    timeouts: opt(any),
    retry: opt(any),
    sessionPersistence: opt(any),
  },
  {
    rules: [
      (r, c, path) => {
        const backends = (r['backendRefs'] as unknown[] | undefined) ?? [];
        const filters = (r['filters'] as { type: string }[] | undefined) ?? [];
        if (backends.length > 0 && filters.some((f) => f.type === 'RequestRedirect')) c.error(SCHEMA_CODES.rule, path, 'RequestRedirect filter must not be used together with backendRefs');
        const prefixRewrite = filters.some((f) => {
          const p = (f as { requestRedirect?: { path?: { type?: string } }; urlRewrite?: { path?: { type?: string } } });
          return p.requestRedirect?.path?.type === 'ReplacePrefixMatch' || p.urlRewrite?.path?.type === 'ReplacePrefixMatch';
        });
        const matches = r['matches'] as { path: { type: string } }[];
        if (prefixRewrite && (matches.length !== 1 || matches[0]?.path.type !== 'PathPrefix')) {
          c.error(SCHEMA_CODES.rule, path, 'When using RequestRedirect or URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified');
        }
      },
    ],
  },
);

function totalMatchesRule(value: unknown, c: Checker, path: Path): void {
  const total = (value as { matches: unknown[] }[]).reduce((n, r) => n + r.matches.length, 0);
  if (total > 128) c.error(SCHEMA_CODES.rule, path, `While 16 rules and 64 matches per rule are allowed, the total number of matches across all rules in a route must be less than 128 (it has ${total})`);
}

/** The parentRefs rules shared by every route kind. */
function parentRefRules(value: unknown, c: Checker, path: Path): void {
  const refs = value as { group: string; kind: string; name: string; namespace?: string; sectionName?: string }[];
  // Both rules are about two or more references to one parent.
  if (refs.length < 2) return;
  // The CRD compares the namespace as written: an omitted namespace and an explicit one are
  // different parents to these rules, even when they name the same Gateway.
  const key = (p: (typeof refs)[number]) => `${p.group}/${p.kind}/${p.namespace ?? ''}/${p.name}`;
  const section = (p: (typeof refs)[number]) => p.sectionName ?? '';
  // Each CEL rule fails once for the whole list; report it at the first entry that breaks it.
  const unnamed = refs.findIndex((p) => section(p) === '' && refs.some((o) => key(o) === key(p) && section(o) !== ''));
  if (unnamed >= 0) {
    c.error(SCHEMA_CODES.rule, [...path, unnamed], 'sectionName must be specified when parentRefs includes 2 or more references to the same parent');
    return;
  }
  const repeated = refs.findIndex((p, i) => refs.findIndex((o) => key(o) === key(p) && section(o) === section(p)) !== i);
  if (repeated >= 0) c.error(SCHEMA_CODES.rule, [...path, repeated], 'sectionName must be unique when parentRefs includes 2 or more references to the same parent');
}

const routeParentRefs = def(withRules(parentRefs, parentRefRules), []);

export const httpRouteSpec = obj({
  parentRefs: routeParentRefs,
  hostnames,
  rules: def(withRules(list(httpRouteRule, { max: 16 }), totalMatchesRule), [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }] }]),
  useDefaultGateways: opt(any),
});

const grpcMethodMatch = obj(
  { type: def(enumOf('Exact', 'RegularExpression'), 'Exact'), service: opt(str({ max: 1024 })), method: opt(str({ max: 1024 })) },
  {
    rules: [
      (m, c, path) => {
        if (m['service'] === undefined && m['method'] === undefined) c.error(SCHEMA_CODES.rule, path, "One or both of 'service' or 'method' must be specified");
      },
    ],
  },
);

const grpcFilter = obj(
  {
    type: req(enumOf('RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestMirror', 'ExtensionRef')),
    requestHeaderModifier: opt(headerFilter),
    responseHeaderModifier: opt(headerFilter),
    requestMirror: opt(any),
    extensionRef: opt(localObjectReference),
  },
  { rules: [filterShape] },
);

const grpcRouteRule = obj({
  name: opt(sectionName),
  matches: opt(list(obj({ method: opt(grpcMethodMatch), headers: opt(list(headerMatch, { max: 16 })) }), { max: 64 })),
  filters: opt(list(grpcFilter, { max: 16 })),
  backendRefs: opt(list(backendRef(list(grpcFilter, { max: 16 })), { max: 16 })),
  sessionPersistence: opt(any),
});

export const grpcRouteSpec = obj({
  parentRefs: routeParentRefs,
  hostnames,
  rules: def(list(grpcRouteRule, { max: 16 }), []),
  useDefaultGateways: opt(any),
});

const l4Rule = obj({ name: opt(sectionName), backendRefs: req(list(backendRef(), { min: 1, max: 16 })) });

export const tcpRouteSpec = obj({ parentRefs: routeParentRefs, rules: req(list(l4Rule, { min: 1, max: 16 })), useDefaultGateways: opt(any) });

export const tlsRouteSpec = obj({ parentRefs: routeParentRefs, hostnames, rules: req(list(l4Rule, { min: 1, max: 16 })), useDefaultGateways: opt(any) });
