/**
 * Port of LBC v3.5.0 pkg/gateway/routeutils/route_rule_action_test.go. LBC's cases call the
 * action builders with a filter or a ListenerRuleConfiguration action; here each is an
 * HTTPRoute rule on an HTTPS listener (pre-routing actions apply only there) with that filter or
 * a ListenerRuleConfiguration it references, and the case asserts the `actions` of the built
 * ListenerRule, or the error LBC's build fails with.
 *
 * Where LBC's case leaves a field nil that the CRD defaults (the redirect status code 302, the
 * fixed-response content type, the authenticate scope/cookie/timeout), the manifest cannot leave
 * it unset: LBC sees the defaulted value, and the expected action carries it.
 */
import { describe, expect, it } from 'vitest';
import { skipCase } from './harness.js';
import type { RuleCase } from './route-rule-fixtures.js';
import { lrc, lrcFilter, ruleCase, secret } from './route-rule-fixtures.js';

const T = 'route_rule_action_test.go';
type Action = Record<string, unknown>;

/** One HTTPRoute rule `r#0` with these filters, optionally using ListenerRuleConfiguration `cfg`. */
function withFilters(filters: readonly object[], options: { cfg?: object; backends?: boolean; extra?: readonly object[] } = {}): RuleCase {
  const rule = { filters: [...filters, ...(options.cfg ? [lrcFilter('cfg')] : [])], ...(options.backends === false ? { backendRefs: [] } : {}) };
  return ruleCase([{ name: 'r', rules: [rule] }], { extra: [...(options.cfg ? [lrc('cfg', options.cfg)] : []), ...(options.extra ?? [])] });
}
/** The actions of the single rule built, asserting the build had no errors. */
function actionsOf(c: RuleCase): readonly Action[] {
  expect(c.result.errors).toEqual([]);
  expect(c.rules).toHaveLength(1);
  return c.rules[0]!.actions;
}
/** The route's forward action to its own Service. */
const forwardsToBackend = (a: Action | undefined) => a?.['type'] === 'forward' && JSON.stringify(a).includes('HTTPRoute-ns-r-r0');
function expectError(c: RuleCase, text: string): void {
  expect(c.result.errors.filter((e) => e.includes(text))).toHaveLength(1);
  expect(c.rules).toEqual([]);
}
const redirect = (requestRedirect: object) => ({ type: 'RequestRedirect', requestRedirect });

describe(`${T} Test_buildHttpRedirectAction`, () => {
  it(`${T} Test_buildHttpRedirectAction/redirect with all fields provided`, () => {
    const c = withFilters(
      [redirect({ scheme: 'https', hostname: 'example.com', port: 80, statusCode: 301, path: { type: 'ReplaceFullPath', replaceFullPath: '/new-path' } })],
      { cfg: { actions: [{ type: 'redirect', redirectConfig: { query: 'test-query' } }] }, backends: false },
    );
    expect(actionsOf(c)).toEqual([
      { type: 'redirect', redirectConfig: { host: 'example.com', path: '/new-path', port: '80', protocol: 'HTTPS', query: 'test-query', statusCode: 'HTTP_301' } },
    ]);
  });

  it(`${T} Test_buildHttpRedirectAction/redirect with prefix  - no path in redirect config`, () => {
    // LBC's filter has no status code; the CRD defaults it to 302.
    const c = withFilters([redirect({ hostname: 'example.com', path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new-prefix-path' } })], { backends: false });
    expect(actionsOf(c)).toEqual([{ type: 'redirect', redirectConfig: { host: 'example.com', statusCode: 'HTTP_302' } }]);
  });

  skipCase(`${T} Test_buildHttpRedirectAction/invalid scheme provided`, 'requestRedirect.scheme is an enum (http, https), so the API server rejects "invalid"');

  it(`${T} Test_buildHttpRedirectAction/path with wildcards in ReplaceFullPath`, () => {
    const c = withFilters([redirect({ path: { type: 'ReplaceFullPath', replaceFullPath: '/invalid-path*' } })], { backends: false });
    expectError(c, "ReplaceFullPath shouldn't contain wildcards: /invalid-path*");
  });
});

describe(`${T} Test_BuildHttpRuleRedirectActionsBasedOnFilter`, () => {
  it(`${T} Test_BuildHttpRuleRedirectActionsBasedOnFilter/request redirect filter`, () => {
    const c = withFilters([redirect({ port: 80 })], { backends: false });
    expect(actionsOf(c)).toEqual([{ type: 'redirect', redirectConfig: { port: '80', statusCode: 'HTTP_302' } }]);
  });

  it(`${T} Test_BuildHttpRuleRedirectActionsBasedOnFilter/unsupported filter type`, () => {
    const c = withFilters([{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x', value: 'y' }] } }]);
    expectError(c, 'Unsupported filter type: RequestHeaderModifier. Only request redirect is supported.');
  });

  it(`${T} Test_BuildHttpRuleRedirectActionsBasedOnFilter/single ExtensionRef filter with redirectConfig should error`, () => {
    const c = withFilters([], { cfg: { actions: [{ type: 'redirect', redirectConfig: { query: 'test-query' } }] } });
    expectError(c, 'HTTPRouteFilterRequestRedirect must be provided if RedirectActionConfig in ListenerRuleConfiguration is provided');
  });

  it(`${T} Test_BuildHttpRuleRedirectActionsBasedOnFilter/empty filters should return nil`, () => {
    // No redirect: the rule forwards to its backend.
    const actions = actionsOf(withFilters([]));
    expect(actions).toHaveLength(1);
    expect(forwardsToBackend(actions[0])).toBe(true);
  });

  it(`${T} Test_BuildHttpRuleRedirectActionsBasedOnFilter/multiple filters with ExtensionRef should continue processing`, () => {
    const c = withFilters([{ type: 'ExtensionRef', extensionRef: { group: 'example.com', kind: 'SomeOtherConfig', name: 'test-config' } }, redirect({ hostname: 'redirect.example.com' })], {
      backends: false,
    });
    expect(c.rules.map((r) => r.actions)).toEqual([[{ type: 'redirect', redirectConfig: { host: 'redirect.example.com', statusCode: 'HTTP_302' } }]]);
  });
});

describe(`${T} Test_buildFixedResponseRoutingAction`, () => {
  const cases: { name: string; config: object; want: object }[] = [
    {
      name: 'fixed response with all fields',
      config: { statusCode: 404, contentType: 'text/plain', messageBody: 'test-message-body' },
      want: { contentType: 'text/plain', messageBody: 'test-message-body', statusCode: '404' },
    },
    // LBC's config has no content type; the CRD defaults it to text/plain.
    { name: 'fixed response with only status code', config: { statusCode: 503 }, want: { contentType: 'text/plain', statusCode: '503' } },
    { name: 'fixed response with status code and content type only', config: { statusCode: 200, contentType: 'text/plain' }, want: { contentType: 'text/plain', statusCode: '200' } },
  ];
  it.each(cases)(`${T} Test_buildFixedResponseRoutingAction/$name`, ({ config, want }) => {
    const c = withFilters([], { cfg: { actions: [{ type: 'fixed-response', fixedResponseConfig: config }] } });
    expect(actionsOf(c)).toEqual([{ type: 'fixed-response', fixedResponseConfig: want }]);
  });
});

const USER_POOL = 'arn:aws:cognito-idp:us-west-2:123456789012:userpool/us-west-2_EXAMPLE';
const COOKIE = 'AWSELBAuthSessionCookie';

/** The pre-routing action built from the ListenerRuleConfiguration's one action, then the forward. */
function preRouting(action: object, extra: readonly object[] = []): Action {
  const actions = actionsOf(withFilters([], { cfg: { actions: [action] }, extra }));
  expect(actions).toHaveLength(2);
  expect(forwardsToBackend(actions[1])).toBe(true);
  return actions[0]!;
}

describe(`${T} Test_buildAuthenticateCognitoAction`, () => {
  const pool = { userPoolArn: USER_POOL, userPoolClientId: 'client123', userPoolDomain: 'my-domain' };
  const built = { userPoolARN: USER_POOL, userPoolClientID: 'client123', userPoolDomain: 'my-domain' };
  // LBC's nil scope / cookie name / timeout are CRD defaults in a manifest.
  const defaults = { scope: 'openid', sessionCookieName: COOKIE, sessionTimeout: 604800 };
  const cases: { name: string; config: object; want: object }[] = [
    {
      name: 'authenticate cognito with all fields',
      config: { ...pool, authenticationRequestExtraParams: { prompt: 'login', ui_locales: 'en' }, onUnauthenticatedRequest: 'authenticate', scope: 'openid', sessionCookieName: COOKIE, sessionTimeout: 604800 },
      want: { ...built, authenticationRequestExtraParams: { prompt: 'login', ui_locales: 'en' }, onUnauthenticatedRequest: 'authenticate', scope: 'openid', sessionCookieName: COOKIE, sessionTimeout: 604800 },
    },
    {
      name: 'authenticate cognito with nil AuthenticationRequestExtraParams',
      config: { ...pool, onUnauthenticatedRequest: 'authenticate', scope: 'openid', sessionCookieName: COOKIE, sessionTimeout: 604800 },
      want: { ...built, onUnauthenticatedRequest: 'authenticate', scope: 'openid', sessionCookieName: COOKIE, sessionTimeout: 604800 },
    },
    // An empty extra-params map is omitted from the stack JSON (omitempty).
    { name: 'authenticate cognito with required fields only', config: { ...pool, authenticationRequestExtraParams: {}, onUnauthenticatedRequest: 'authenticate' }, want: { ...built, onUnauthenticatedRequest: 'authenticate', ...defaults } },
    { name: 'authenticate cognito with deny behavior', config: { ...pool, authenticationRequestExtraParams: {}, onUnauthenticatedRequest: 'deny' }, want: { ...built, onUnauthenticatedRequest: 'deny', ...defaults } },
    {
      name: 'authenticate cognito with allow behavior',
      config: { ...pool, authenticationRequestExtraParams: { custom: 'value' }, onUnauthenticatedRequest: 'allow', scope: 'openid', sessionCookieName: 'CustomSessionCookie', sessionTimeout: 3600 },
      want: { ...built, authenticationRequestExtraParams: { custom: 'value' }, onUnauthenticatedRequest: 'allow', scope: 'openid', sessionCookieName: 'CustomSessionCookie', sessionTimeout: 3600 },
    },
  ];
  it.each(cases)(`${T} Test_buildAuthenticateCognitoAction/$name`, ({ config, want }) => {
    expect(preRouting({ type: 'authenticate-cognito', authenticateCognitoConfig: config })).toEqual({ type: 'authenticate-cognito', authenticateCognitoConfig: want });
  });
});

describe(`${T} Test_buildAuthenticateOIDCAction`, () => {
  const endpoints = {
    issuer: 'https://example.okta.com',
    authorizationEndpoint: 'https://example.okta.com/oauth2/v1/authorize',
    tokenEndpoint: 'https://example.okta.com/oauth2/v1/token',
    userInfoEndpoint: 'https://example.okta.com/oauth2/v1/userinfo',
  };
  const session = { scope: 'openid profile', sessionCookieName: COOKIE, sessionTimeout: 604800 };
  const creds = { clientID: 'test-client-id', clientSecret: 'test-client-secret' };
  const oidc = (config: object) => ({ type: 'authenticate-oidc', authenticateOIDCConfig: { ...endpoints, secret: { name: 'oidc-secret' }, ...config } });
  const ok: { name: string; config: object; data: Record<string, string>; want: object }[] = [
    {
      name: 'authenticate OIDC with all fields',
      config: { authenticationRequestExtraParams: { prompt: 'login', display: 'page' }, onUnauthenticatedRequest: 'authenticate', ...session },
      data: { clientID: creds.clientID, clientSecret: creds.clientSecret },
      want: { ...endpoints, ...creds, authenticationRequestExtraParams: { prompt: 'login', display: 'page' }, onUnauthenticatedRequest: 'authenticate', ...session },
    },
    {
      name: 'authenticate OIDC with nil AuthenticationRequestExtraParams',
      config: { onUnauthenticatedRequest: 'authenticate', ...session },
      data: { clientID: creds.clientID, clientSecret: creds.clientSecret },
      want: { ...endpoints, ...creds, onUnauthenticatedRequest: 'authenticate', ...session },
    },
    {
      name: 'authenticate OIDC with backward compatible clientId key',
      config: { authenticationRequestExtraParams: {}, onUnauthenticatedRequest: 'authenticate' },
      data: { clientId: creds.clientID, clientSecret: creds.clientSecret },
      want: { ...endpoints, ...creds, onUnauthenticatedRequest: 'authenticate', scope: 'openid', sessionCookieName: COOKIE, sessionTimeout: 604800 },
    },
  ];
  it.each(ok)(`${T} Test_buildAuthenticateOIDCAction/$name`, ({ config, data, want }) => {
    expect(preRouting(oidc(config), [secret('oidc-secret', data)])).toEqual({ type: 'authenticate-oidc', authenticateOIDCConfig: want });
  });

  const failing: { name: string; secretName: string; data?: Record<string, string>; error: string }[] = [
    { name: 'secret not found', secretName: 'nonexistent-secret', error: 'nonexistent-secret' },
    { name: 'missing clientID in secret', secretName: 'oidc-secret', data: { clientSecret: creds.clientSecret }, error: 'missing clientID, secret: ns/oidc-secret' },
    { name: 'missing clientSecret in secret', secretName: 'oidc-secret', data: { clientID: creds.clientID }, error: 'missing clientSecret, secret: ns/oidc-secret' },
  ];
  it.each(failing)(`${T} Test_buildAuthenticateOIDCAction/$name`, ({ secretName, data, error }) => {
    const action = { ...oidc({ onUnauthenticatedRequest: 'authenticate' }), authenticateOIDCConfig: { ...oidc({}).authenticateOIDCConfig, secret: { name: secretName } } };
    const c = withFilters([], { cfg: { actions: [action] }, extra: data ? [secret('oidc-secret', data)] : [] });
    expectError(c, error);
  });
});

describe(`${T} Test_buildJwtValidationAction`, () => {
  const cases: { name: string; config: object; want: object }[] = [
    {
      name: 'jwt validation with all fields',
      config: {
        jwksEndpoint: 'https://example.com/.well-known/jwks.json',
        issuer: 'https://example.com',
        additionalClaims: [
          { format: 'single-string', name: 'admin', values: ['true'] },
          { format: 'space-separated-values', name: 'scope', values: ['read:api', 'write:api'] },
          { format: 'string-array', name: 'roles', values: ['user', 'admin'] },
        ],
      },
      want: {
        jwksEndpoint: 'https://example.com/.well-known/jwks.json',
        issuer: 'https://example.com',
        additionalClaims: [
          { format: 'single-string', name: 'admin', values: ['true'] },
          { format: 'space-separated-values', name: 'scope', values: ['read:api', 'write:api'] },
          { format: 'string-array', name: 'roles', values: ['user', 'admin'] },
        ],
      },
    },
    // An empty claims list is omitted from the stack JSON (omitempty).
    {
      name: 'jwt validation without additional claims',
      config: { jwksEndpoint: 'https://auth.example.com/jwks', issuer: 'https://auth.example.com', additionalClaims: [] },
      want: { jwksEndpoint: 'https://auth.example.com/jwks', issuer: 'https://auth.example.com' },
    },
    {
      name: 'jwt validation with single additional claim',
      config: { jwksEndpoint: 'https://example.com/jwks', issuer: 'https://example.com', additionalClaims: [{ format: 'single-string', name: 'email_verified', values: ['true'] }] },
      want: { jwksEndpoint: 'https://example.com/jwks', issuer: 'https://example.com', additionalClaims: [{ format: 'single-string', name: 'email_verified', values: ['true'] }] },
    },
  ];
  it.each(cases)(`${T} Test_buildJwtValidationAction/$name`, ({ config, want }) => {
    expect(preRouting({ type: 'jwt-validation', jwtValidationConfig: config })).toEqual({ type: 'jwt-validation', jwtValidationConfig: want });
  });
});

describe(`${T} Test_BuildRulePreRoutingAction`, () => {
  it(`${T} Test_BuildRulePreRoutingAction/jwt-validation action`, () => {
    expect(preRouting({ type: 'jwt-validation', jwtValidationConfig: { jwksEndpoint: 'https://example.com/jwks', issuer: 'https://example.com' } })['type']).toBe('jwt-validation');
  });
  it(`${T} Test_BuildRulePreRoutingAction/authenticate-cognito action`, () => {
    const config = { userPoolArn: USER_POOL, userPoolClientId: 'client123', userPoolDomain: 'my-domain', authenticationRequestExtraParams: {}, onUnauthenticatedRequest: 'authenticate' };
    expect(preRouting({ type: 'authenticate-cognito', authenticateCognitoConfig: config })['type']).toBe('authenticate-cognito');
  });
  skipCase(
    `${T} Test_BuildRulePreRoutingAction/unsupported action type`,
    'a forward action is a routing action: model_build_listener.go getPreRoutingAction only ever passes authenticate-cognito, authenticate-oidc or jwt-validation here',
  );
});
