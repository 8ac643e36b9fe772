/**
 * ELBv2 actions, conditions and transforms as DescribeListeners/DescribeRules report them →
 * the model's shapes (model/stack.ts). Faithful, not clever: the plan's normalize.ts applies
 * LBC's equality rules (pkg/equality/elbv2/*.go); here only the wire's legacy and empty forms
 * are folded — the top-level `TargetGroupArn` of a forward action becomes its one-tuple
 * ForwardConfig, `Order` sorts the list and is dropped, empty lists are left out.
 */
import type {
  Action as SdkAction,
  AuthenticateCognitoActionConfig,
  AuthenticateOidcActionConfig,
  FixedResponseActionConfig,
  JwtValidationActionConfig,
  RedirectActionConfig, RuleCondition as SdkCondition, RuleTransform as SdkTransform } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Action, RuleCondition, Transform } from '../model/stack.js';

const nonEmpty = <T>(xs: readonly T[] | undefined): xs is readonly T[] => xs !== undefined && xs.length > 0;
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

function params(p: Record<string, string> | undefined): Record<string, string> | undefined {
  return p && Object.keys(p).length > 0 ? p : undefined;
}

export function actionFromSdk(a: SdkAction): Action | undefined {
  switch (a.Type) {
    case 'forward': {
      const fc = a.ForwardConfig;
      const tuples = nonEmpty(fc?.TargetGroups)
        ? fc!.TargetGroups!.map((t) => defined({ targetGroupARN: t.TargetGroupArn ?? '', weight: t.Weight }))
        : a.TargetGroupArn
          ? [{ targetGroupARN: a.TargetGroupArn, weight: 1 }]
          : [];
      const st = fc?.TargetGroupStickinessConfig;
      return {
        type: 'forward',
        forwardConfig: defined({ targetGroups: tuples, targetGroupStickinessConfig: st ? defined({ enabled: st.Enabled, durationSeconds: st.DurationSeconds }) : undefined }),
      };
    }
    case 'fixed-response': {
      const c: FixedResponseActionConfig = a.FixedResponseConfig ?? { StatusCode: undefined };
      return { type: 'fixed-response', fixedResponseConfig: defined({ contentType: c.ContentType, messageBody: c.MessageBody, statusCode: c.StatusCode ?? '' }) };
    }
    case 'redirect': {
      const c: Partial<RedirectActionConfig> = a.RedirectConfig ?? {};
      return { type: 'redirect', redirectConfig: defined({ host: c.Host, path: c.Path, port: c.Port, protocol: c.Protocol, query: c.Query, statusCode: c.StatusCode ?? '' }) };
    }
    case 'authenticate-cognito': {
      const c: Partial<AuthenticateCognitoActionConfig> = a.AuthenticateCognitoConfig ?? {};
      return {
        type: 'authenticate-cognito',
        authenticateCognitoConfig: defined({
          authenticationRequestExtraParams: params(c.AuthenticationRequestExtraParams),
          onUnauthenticatedRequest: c.OnUnauthenticatedRequest as 'deny' | 'allow' | 'authenticate' | undefined,
          scope: c.Scope,
          sessionCookieName: c.SessionCookieName,
          sessionTimeout: c.SessionTimeout,
          userPoolARN: c.UserPoolArn ?? '',
          userPoolClientID: c.UserPoolClientId ?? '',
          userPoolDomain: c.UserPoolDomain ?? '',
        }),
      };
    }
    case 'authenticate-oidc': {
      const c: Partial<AuthenticateOidcActionConfig> = a.AuthenticateOidcConfig ?? {};
      return {
        type: 'authenticate-oidc',
        authenticateOIDCConfig: defined({
          authenticationRequestExtraParams: params(c.AuthenticationRequestExtraParams),
          onUnauthenticatedRequest: c.OnUnauthenticatedRequest as 'deny' | 'allow' | 'authenticate' | undefined,
          scope: c.Scope,
          sessionCookieName: c.SessionCookieName,
          sessionTimeout: c.SessionTimeout,
          issuer: c.Issuer ?? '',
          authorizationEndpoint: c.AuthorizationEndpoint ?? '',
          tokenEndpoint: c.TokenEndpoint ?? '',
          userInfoEndpoint: c.UserInfoEndpoint ?? '',
          clientID: c.ClientId ?? '',
          // DescribeRules never returns the secret; the plan treats it as sensitive and unknown.
          clientSecret: '',
        }),
      };
    }
    case 'jwt-validation': {
      const c: Partial<JwtValidationActionConfig> = a.JwtValidationConfig ?? {};
      const claims = (c.AdditionalClaims ?? []).map((x) => ({ format: x.Format ?? '', name: x.Name ?? '', values: x.Values ?? [] }));
      return { type: 'jwt-validation', jwtValidationConfig: defined({ jwksEndpoint: c.JwksEndpoint ?? '', issuer: c.Issuer ?? '', additionalClaims: nonEmpty(claims) ? claims : undefined }) };
    }
    default:
      return undefined;
  }
}

export function actionsFromSdk(actions: readonly SdkAction[] | undefined): Action[] {
  return [...(actions ?? [])]
    .sort((a, b) => (a.Order ?? 0) - (b.Order ?? 0))
    .map(actionFromSdk)
    .filter((a): a is Action => a !== undefined);
}

function valuesConfig(c: { Values?: string[]; RegexValues?: string[] } | undefined, legacy: string[] | undefined) {
  return defined({ regexValues: nonEmpty(c?.RegexValues) ? c!.RegexValues : undefined, values: nonEmpty(c?.Values) ? c!.Values : nonEmpty(legacy) ? legacy : undefined });
}

export function conditionFromSdk(c: SdkCondition): RuleCondition | undefined {
  switch (c.Field) {
    case 'host-header':
      return { field: 'host-header', hostHeaderConfig: valuesConfig(c.HostHeaderConfig, c.Values) };
    case 'path-pattern':
      return { field: 'path-pattern', pathPatternConfig: valuesConfig(c.PathPatternConfig, c.Values) };
    case 'http-header': {
      const h = c.HttpHeaderConfig ?? {};
      return { field: 'http-header', httpHeaderConfig: { httpHeaderName: h.HttpHeaderName ?? '', ...valuesConfig(h, undefined) } };
    }
    case 'http-request-method':
      return { field: 'http-request-method', httpRequestMethodConfig: { values: c.HttpRequestMethodConfig?.Values ?? c.Values ?? [] } };
    case 'query-string':
      return { field: 'query-string', queryStringConfig: { values: (c.QueryStringConfig?.Values ?? []).map((kv) => defined({ key: kv.Key, value: kv.Value ?? '' })) } };
    case 'source-ip':
      return { field: 'source-ip', sourceIPConfig: { values: c.SourceIpConfig?.Values ?? c.Values ?? [] } };
    default:
      return undefined;
  }
}

export function conditionsFromSdk(conditions: readonly SdkCondition[] | undefined): RuleCondition[] {
  return (conditions ?? []).map(conditionFromSdk).filter((c): c is RuleCondition => c !== undefined);
}

export function transformsFromSdk(transforms: readonly SdkTransform[] | undefined): Transform[] | undefined {
  const out: Transform[] = [];
  for (const t of transforms ?? []) {
    if (t.Type === 'url-rewrite') out.push({ type: 'url-rewrite', urlRewriteConfig: { rewrites: (t.UrlRewriteConfig?.Rewrites ?? []).map((r) => ({ regex: r.Regex ?? '', replace: r.Replace ?? '' })) } });
    if (t.Type === 'host-header-rewrite')
      out.push({ type: 'host-header-rewrite', hostHeaderRewriteConfig: { rewrites: (t.HostHeaderRewriteConfig?.Rewrites ?? []).map((r) => ({ regex: r.Regex ?? '', replace: r.Replace ?? '' })) } });
  }
  return out.length > 0 ? out : undefined;
}
