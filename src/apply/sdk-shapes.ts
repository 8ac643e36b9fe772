/**
 * Model shapes (model/stack.ts, `$ref`s already resolved to strings) → ELBv2/EC2 request shapes:
 * the inverse of observe/actions.ts and observe/specs.ts. Actions get `Order` by position, as
 * LBC's buildSDKActions does (pkg/deploy/elbv2/listener_utils.go).
 */
import type { IpPermission } from '@aws-sdk/client-ec2';
import type { Action as SdkAction, RuleCondition as SdkCondition, RuleTransform as SdkTransform } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Action, IPPermission, RuleCondition, Transform } from '../model/stack.js';

const str = (v: unknown): string => (typeof v === 'string' ? v : String(v));
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export function actionToSdk(a: Action, order: number): SdkAction {
  switch (a.type) {
    case 'forward': {
      const st = a.forwardConfig.targetGroupStickinessConfig;
      return {
        Type: 'forward',
        Order: order,
        ForwardConfig: defined({
          TargetGroups: a.forwardConfig.targetGroups.map((t) => defined({ TargetGroupArn: str(t.targetGroupARN), Weight: t.weight })),
          TargetGroupStickinessConfig: st ? defined({ Enabled: st.enabled, DurationSeconds: st.durationSeconds }) : undefined,
        }),
      };
    }
    case 'fixed-response': {
      const c = a.fixedResponseConfig;
      return { Type: 'fixed-response', Order: order, FixedResponseConfig: defined({ ContentType: c.contentType, MessageBody: c.messageBody, StatusCode: c.statusCode }) };
    }
    case 'redirect': {
      const c = a.redirectConfig;
      return { Type: 'redirect', Order: order, RedirectConfig: defined({ Host: c.host, Path: c.path, Port: c.port, Protocol: c.protocol, Query: c.query, StatusCode: c.statusCode as 'HTTP_301' | 'HTTP_302' }) };
    }
    case 'authenticate-cognito': {
      const c = a.authenticateCognitoConfig;
      return {
        Type: 'authenticate-cognito',
        Order: order,
        AuthenticateCognitoConfig: defined({
          UserPoolArn: c.userPoolARN,
          UserPoolClientId: c.userPoolClientID,
          UserPoolDomain: c.userPoolDomain,
          SessionCookieName: c.sessionCookieName,
          Scope: c.scope,
          SessionTimeout: c.sessionTimeout,
          AuthenticationRequestExtraParams: c.authenticationRequestExtraParams ? { ...c.authenticationRequestExtraParams } : undefined,
          OnUnauthenticatedRequest: c.onUnauthenticatedRequest,
        }),
      };
    }
    case 'authenticate-oidc': {
      const c = a.authenticateOIDCConfig;
      return {
        Type: 'authenticate-oidc',
        Order: order,
        AuthenticateOidcConfig: defined({
          Issuer: c.issuer,
          AuthorizationEndpoint: c.authorizationEndpoint,
          TokenEndpoint: c.tokenEndpoint,
          UserInfoEndpoint: c.userInfoEndpoint,
          ClientId: c.clientID,
          ClientSecret: c.clientSecret,
          SessionCookieName: c.sessionCookieName,
          Scope: c.scope,
          SessionTimeout: c.sessionTimeout,
          AuthenticationRequestExtraParams: c.authenticationRequestExtraParams ? { ...c.authenticationRequestExtraParams } : undefined,
          OnUnauthenticatedRequest: c.onUnauthenticatedRequest,
        }),
      };
    }
    case 'jwt-validation': {
      const c = a.jwtValidationConfig;
      return {
        Type: 'jwt-validation',
        Order: order,
        JwtValidationConfig: defined({
          JwksEndpoint: c.jwksEndpoint,
          Issuer: c.issuer,
          AdditionalClaims: c.additionalClaims?.map((x) => ({ Format: x.format as 'single-string', Name: x.name, Values: [...x.values] })),
        }),
      };
    }
  }
}

export const actionsToSdk = (actions: readonly Action[] | undefined): SdkAction[] => (actions ?? []).map((a, i) => actionToSdk(a, i + 1));

function values(c: { readonly values?: readonly string[]; readonly regexValues?: readonly string[] }) {
  return defined({ Values: c.values ? [...c.values] : undefined, RegexValues: c.regexValues ? [...c.regexValues] : undefined });
}

export function conditionToSdk(c: RuleCondition): SdkCondition {
  switch (c.field) {
    case 'host-header':
      return { Field: c.field, HostHeaderConfig: values(c.hostHeaderConfig) };
    case 'path-pattern':
      return { Field: c.field, PathPatternConfig: values(c.pathPatternConfig) };
    case 'http-header':
      return { Field: c.field, HttpHeaderConfig: { HttpHeaderName: c.httpHeaderConfig.httpHeaderName, ...values(c.httpHeaderConfig) } };
    case 'http-request-method':
      return { Field: c.field, HttpRequestMethodConfig: { Values: [...c.httpRequestMethodConfig.values] } };
    case 'query-string':
      return { Field: c.field, QueryStringConfig: { Values: c.queryStringConfig.values.map((kv) => defined({ Key: kv.key, Value: kv.value })) } };
    case 'source-ip':
      return { Field: c.field, SourceIpConfig: { Values: [...c.sourceIPConfig.values] } };
  }
}

export function transformToSdk(t: Transform): SdkTransform {
  const rewrites = (r: { rewrites: readonly { regex: string; replace: string }[] }) => ({ Rewrites: r.rewrites.map((x) => ({ Regex: x.regex, Replace: x.replace })) });
  return t.type === 'url-rewrite' ? { Type: t.type, UrlRewriteConfig: rewrites(t.urlRewriteConfig) } : { Type: t.type, HostHeaderRewriteConfig: rewrites(t.hostHeaderRewriteConfig) };
}

/** One EC2 permission per model permission, sources kept together as AWS accepts them. */
export function permissionToSdk(p: IPPermission): IpPermission {
  return defined({
    IpProtocol: p.ipProtocol,
    FromPort: p.fromPort,
    ToPort: p.toPort,
    IpRanges: p.ipRanges?.map((r) => defined({ CidrIp: r.cidrIP, Description: r.description })),
    Ipv6Ranges: p.ipv6Ranges?.map((r) => defined({ CidrIpv6: r.cidrIPv6, Description: r.description })),
    UserIdGroupPairs: p.userIDGroupPairs?.map((g) => defined({ GroupId: str(g.groupID), Description: g.description })),
    PrefixListIds: p.prefixLists?.map((x) => defined({ PrefixListId: x.listID, Description: x.description })),
  });
}

/** Splits permissions into one source each, so set differences can be computed per source. */
export function singleSourcePermissions(perms: readonly IPPermission[] | undefined): IPPermission[] {
  const out: IPPermission[] = [];
  for (const p of perms ?? []) {
    const base = { ipProtocol: p.ipProtocol, ...(p.fromPort !== undefined ? { fromPort: p.fromPort } : {}), ...(p.toPort !== undefined ? { toPort: p.toPort } : {}) };
    for (const r of p.ipRanges ?? []) out.push({ ...base, ipRanges: [r] });
    for (const r of p.ipv6Ranges ?? []) out.push({ ...base, ipv6Ranges: [r] });
    for (const r of p.prefixLists ?? []) out.push({ ...base, prefixLists: [r] });
    for (const r of p.userIDGroupPairs ?? []) out.push({ ...base, userIDGroupPairs: [r] });
  }
  return out;
}

/** The identity of a single-source permission, without descriptions (LBC's hash ignores them). */
export function permissionKey(p: IPPermission): string {
  const src = p.ipRanges?.[0]?.cidrIP ?? p.ipv6Ranges?.[0]?.cidrIPv6 ?? p.prefixLists?.[0]?.listID ?? str(p.userIDGroupPairs?.[0]?.groupID ?? '');
  const all = p.ipProtocol === '-1';
  return `${p.ipProtocol.toLowerCase()}|${all ? '' : (p.fromPort ?? '')}|${all ? '' : (p.toPort ?? '')}|${src}`;
}
