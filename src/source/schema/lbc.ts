/**
 * LBC's CRDs, group gateway.k8s.aws, v1 and v1beta1 (config/crd/gateway/gateway.k8s.aws_*.yaml):
 * LoadBalancerConfiguration, TargetGroupConfiguration, ListenerRuleConfiguration, with the
 * kubebuilder defaults and CEL rules the API server applies (lbc-model-deploy.md §7).
 */
import { any, bool, def, enumOf, int, list, mapOf, obj, opt, req, str, SCHEMA_CODES, type Rule } from './check.js';
import { group, kind, labelSelector, objectName } from './common.js';

const keyValue = obj({ key: req(str()), value: req(str()) });
const tags = mapOf(str());

const PROTOCOL_PORT = /^(HTTP|HTTPS|TLS|TCP|UDP|TCP_UDP)?:(6553[0-5]|655[0-2]\d|65[0-4]\d{2}|6[0-4]\d{3}|[1-5]\d{4}|[1-9]\d{0,3})?$/;

const mutualAuthentication = obj(
  {
    mode: req(enumOf('off', 'passthrough', 'verify')),
    trustStore: opt(str()),
    ignoreClientCertificateExpiry: opt(bool),
    advertiseTrustStoreCaNames: opt(enumOf('on', 'off')),
  },
  {
    rules: [
      (m, c, path) => {
        if (m['mode'] === 'verify' && m['trustStore'] === undefined) c.error(SCHEMA_CODES.rule, path, "trustStore is required when mutualAuthentication mode is 'verify'");
        if (m['mode'] === 'verify') return;
        for (const field of ['trustStore', 'ignoreClientCertificateExpiry', 'advertiseTrustStoreCaNames']) {
          if (m[field] !== undefined) c.error(SCHEMA_CODES.rule, [...path, field], `Mutual Authentication mode 'off' or 'passthrough' does not support '${field}'`);
        }
      },
    ],
  },
);

const listenerConfiguration = obj({
  protocolPort: req(str({ pattern: PROTOCOL_PORT, patternHint: 'must be PROTOCOL:PORT, e.g. HTTPS:443 (protocol one of HTTP, HTTPS, TLS, TCP, UDP, TCP_UDP)' })),
  defaultCertificate: opt(str()),
  certificates: opt(list(str())),
  sslPolicy: opt(str()),
  alpnPolicy: def(enumOf('HTTP1Only', 'HTTP2Only', 'HTTP2Optional', 'HTTP2Preferred', 'None'), 'None'),
  targetGroupStickiness: opt(bool),
  mutualAuthentication: opt(mutualAuthentication),
  listenerAttributes: opt(list(keyValue)),
  quicEnabled: opt(bool),
});

export const loadBalancerConfigurationSpec = obj({
  mergingMode: opt(enumOf('prefer-gateway', 'prefer-gateway-class')),
  loadBalancerName: opt(str({ min: 1, max: 32 })),
  scheme: opt(enumOf('internal', 'internet-facing')),
  ipAddressType: opt(enumOf('ipv4', 'dualstack', 'dualstack-without-public-ipv4')),
  enforceSecurityGroupInboundRulesOnPrivateLinkTraffic: opt(str()),
  customerOwnedIpv4Pool: opt(str()),
  ipv4IPAMPoolId: opt(str()),
  loadBalancerSubnets: opt(
    list(obj({ identifier: opt(str()), eipAllocation: opt(str()), privateIPv4Allocation: opt(str()), ipv6Allocation: opt(str()), sourceNatIPv6Prefix: opt(str()) })),
  ),
  loadBalancerSubnetsSelector: opt(mapOf(list(str()))),
  listenerConfigurations: opt(list(listenerConfiguration)),
  disableSecurityGroup: opt(bool),
  securityGroups: opt(list(str())),
  securityGroupPrefixes: opt(list(str())),
  sourceRanges: opt(list(str())),
  loadBalancerAttributes: opt(list(keyValue)),
  tags: opt(tags),
  enableICMP: opt(bool),
  manageBackendSecurityGroupRules: opt(bool),
  minimumLoadBalancerCapacity: opt(obj({ capacityUnits: req(int({ min: 0, max: 2147483647 })) })),
  wafV2: opt(obj({ webACL: req(str()) })),
  shieldConfiguration: opt(obj({ enabled: req(bool) })),
  defaultTargetGroupConfiguration: opt(obj({ name: req(str()) })),
});

const healthCheckConfig = obj({
  healthyThresholdCount: opt(int()),
  healthCheckInterval: opt(int()),
  healthCheckPath: opt(str()),
  healthCheckPort: opt(str()),
  healthCheckProtocol: opt(enumOf('HTTP', 'HTTPS', 'TCP')),
  healthCheckTimeout: opt(int()),
  unhealthyThresholdCount: opt(int()),
  matcher: opt(obj({ httpCode: opt(str()), grpcCode: opt(str()) })),
});

const targetGroupProps = obj({
  targetGroupName: opt(str()),
  ipAddressType: opt(enumOf('ipv4', 'ipv6')),
  healthCheckConfig: opt(healthCheckConfig),
  nodeSelector: opt(labelSelector),
  targetGroupAttributes: opt(list(keyValue)),
  targetType: opt(enumOf('instance', 'ip')),
  protocol: opt(enumOf('HTTP', 'HTTPS', 'TCP', 'TLS', 'UDP', 'TCP_UDP')),
  protocolVersion: opt(enumOf('HTTP1', 'HTTP2', 'GRPC')),
  targetControlPort: opt(int({ min: 1, max: 65535 })),
  enableMultiCluster: opt(bool),
  tags: opt(tags),
});

export const targetGroupConfigurationSpec = obj({
  targetReference: opt(obj({ group: def(group, ''), kind: def(kind, 'Service'), name: req(objectName) })),
  defaultConfiguration: opt(targetGroupProps),
  routeConfigurations: opt(
    list(obj({ routeIdentifier: req(obj({ kind: opt(str()), namespace: opt(str()), name: opt(str()) })), targetGroupProps: req(targetGroupProps) })),
  ),
});

const authCommon = {
  authenticationRequestExtraParams: opt(mapOf(str())),
  onUnauthenticatedRequest: def(enumOf('deny', 'allow', 'authenticate'), 'authenticate'),
  scope: def(str(), 'openid'),
  sessionCookieName: def(str(), 'AWSELBAuthSessionCookie'),
  sessionTimeout: def(int(), 604800),
};

const ACTION_CONFIG: Readonly<Record<string, string>> = {
  forward: 'forwardConfig',
  redirect: 'redirectConfig',
  'fixed-response': 'fixedResponseConfig',
  'authenticate-cognito': 'authenticateCognitoConfig',
  'authenticate-oidc': 'authenticateOIDCConfig',
  'jwt-validation': 'jwtValidationConfig',
};

const actionShape: Rule = (a, c, path) => {
  for (const [type, field] of Object.entries(ACTION_CONFIG)) {
    if ((a['type'] === type) !== (a[field] !== undefined)) c.error(SCHEMA_CODES.rule, a[field] === undefined ? path : [...path, field], `${field} must be specified only when type is '${type}'`);
  }
};

const action = obj(
  {
    type: req(enumOf(...Object.keys(ACTION_CONFIG))),
    forwardConfig: opt(obj({ targetGroupStickinessConfig: def(obj({ durationSeconds: def(int(), 3600), enabled: def(bool, false) }), {}) })),
    redirectConfig: opt(obj({ query: def(str(), '#{query}') })),
    fixedResponseConfig: opt(
      obj(
        { statusCode: req(int()), contentType: def(enumOf('text/plain', 'text/css', 'text/html', 'application/javascript', 'application/json'), 'text/plain'), messageBody: opt(str()) },
        {
          rules: [
            (f, c, path) => {
              const code = f['statusCode'] as number;
              if (!((code >= 200 && code <= 299) || (code >= 400 && code <= 599))) c.error(SCHEMA_CODES.rule, [...path, 'statusCode'], `StatusCode must be a valid HTTP status code in the 2XX, 4XX, or 5XX range (got ${code})`);
            },
          ],
        },
      ),
    ),
    authenticateCognitoConfig: opt(obj({ userPoolArn: req(str()), userPoolClientId: req(str()), userPoolDomain: req(str()), ...authCommon })),
    authenticateOIDCConfig: opt(
      obj({
        authorizationEndpoint: req(str()),
        secret: req(obj({ name: req(str()) })),
        issuer: req(str()),
        tokenEndpoint: req(str()),
        userInfoEndpoint: req(str()),
        useExistingClientSecret: opt(bool),
        ...authCommon,
      }),
    ),
    jwtValidationConfig: opt(
      obj({
        issuer: req(str()),
        jwksEndpoint: req(str()),
        additionalClaims: opt(
          list(obj({ format: req(enumOf('single-string', 'string-array', 'space-separated-values')), name: req(str({ max: 256 })), values: req(list(str({ max: 256 }), { min: 1, max: 10 })) })),
        ),
      }),
    ),
  },
  { rules: [actionShape] },
);

const PRE_ROUTING = ['authenticate-oidc', 'authenticate-cognito', 'jwt-validation'];

export const listenerRuleConfigurationSpec = obj(
  {
    actions: opt(list(action, { min: 1, max: 2 })),
    conditions: opt(
      list(
        obj(
          { field: req(enumOf('source-ip')), sourceIPConfig: opt(obj({ values: req(list(str(), { min: 1 })) })), matchIndexes: opt(list(int())) },
          {
            rules: [
              (cond, c, path) => {
                if ((cond['field'] === 'source-ip') !== (cond['sourceIPConfig'] !== undefined)) c.error(SCHEMA_CODES.rule, path, "sourceIPConfig must be specified only when field is 'source-ip'");
              },
            ],
          },
        ),
        { min: 1 },
      ),
    ),
    tags: opt(tags),
  },
  {
    rules: [
      (spec, c, path) => {
        const actions = (spec['actions'] as { type: string }[] | undefined) ?? [];
        if (actions.filter((a) => PRE_ROUTING.includes(a.type)).length > 1) c.error(SCHEMA_CODES.rule, [...path, 'actions'], 'At most one pre-routing action (authenticate-oidc, authenticate-cognito, or jwt-validation) can be specified');
        if (actions.filter((a) => !PRE_ROUTING.includes(a.type)).length > 1) c.error(SCHEMA_CODES.rule, [...path, 'actions'], 'At most one routing action (fixed-response or forward or redirect) can be specified');
      },
    ],
  },
);

/** LRC status is written by LBC's LRC controller; gwlb reads `accepted` from the input when given. */
export const listenerRuleConfigurationStatus = obj({ accepted: opt(bool), message: opt(str()), observedGeneration: opt(int()) }, { open: true });

export const anyStatus = any;
