/**
 * GatewayClass, Gateway, ListenerSet and ReferenceGrant specs (Gateway API v1.6 CRDs,
 * config/crd/standard/gateway.networking.k8s.io_{gatewayclasses,gateways,listenersets,referencegrants}.yaml),
 * including the listener CEL rules the API server enforces.
 */
import { quote } from '../../diagnostics.js';
import { any, def, enumOf, int, list, mapOf, obj, opt, req, str, withRules, SCHEMA_CODES, type Checker, type Path } from './check.js';
import { condition, GATEWAY_GROUP, group, hostname, kind, gatewayLabelSelector, namespaceName, objectName, portNumber, secretObjectReference, sectionName } from './common.js';

export const gatewayClassSpec = obj({
  controllerName: req(
    str({
      min: 1,
      max: 253,
      pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/,
      patternHint: 'must be a domain-prefixed path such as gateway.k8s.aws/alb',
    }),
  ),
  parametersRef: opt(obj({ group: req(group), kind: req(kind), name: req(str({ min: 1, max: 253 })), namespace: opt(namespaceName) })),
  description: opt(str({ max: 64 })),
});

const fromNamespaces = (values: string[]) =>
  obj({
    from: def(enumOf(...values), values.includes('None') ? 'None' : 'Same'),
    selector: opt(gatewayLabelSelector),
  });

const allowedRoutes = obj({
  namespaces: def(fromNamespaces(['All', 'Selector', 'Same']), { from: 'Same' }),
  kinds: opt(list(obj({ group: def(group, GATEWAY_GROUP), kind: req(kind) }), { max: 8 })),
});

const tlsConfig = obj(
  {
    mode: def(enumOf('Terminate', 'Passthrough'), 'Terminate'),
    certificateRefs: opt(list(secretObjectReference, { max: 64 })),
    options: opt(mapOf(str({ max: 4096 }), { max: 16 })),
    frontendValidation: opt(any),
  },
  {
    rules: [
      (tls, c, path) => {
        const refs = (tls['certificateRefs'] as unknown[] | undefined) ?? [];
        const options = (tls['options'] as Record<string, unknown> | undefined) ?? {};
        if (tls['mode'] === 'Terminate' && refs.length === 0 && Object.keys(options).length === 0) {
          c.error(SCHEMA_CODES.rule, path, 'certificateRefs or options must be specified when mode is Terminate (for an ALB, LBC finds ACM certificates by hostname; remove the tls block or add a certificateRef)');
        }
      },
    ],
  },
);

const listener = obj({
  name: req(sectionName),
  hostname: opt(hostname),
  port: req(portNumber),
  protocol: req(
    str({
      min: 1,
      max: 255,
      pattern: /^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9]+$/,
      patternHint: 'must be a protocol name such as HTTP, HTTPS, TLS, TCP or UDP',
    }),
  ),
  tls: opt(tlsConfig),
  allowedRoutes: def(allowedRoutes, { namespaces: { from: 'Same' } }),
});

type ListenerLike = { name: string; port: number; protocol: string; hostname?: string; tls?: { mode?: string } };

/** The `x-kubernetes-validations` on `spec.listeners` (Gateway and ListenerSet alike). */
function listenerRules(value: unknown, c: Checker, path: Path): void {
  const listeners = value as ListenerLike[];
  listeners.forEach((l, i) => {
    const at = [...path, i];
    if (['HTTP', 'TCP', 'UDP'].includes(l.protocol) && l.tls !== undefined) c.error(SCHEMA_CODES.rule, [...at, 'tls'], "tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']");
    if (l.protocol === 'HTTPS' && l.tls !== undefined && l.tls.mode !== 'Terminate') c.error(SCHEMA_CODES.rule, [...at, 'tls', 'mode'], 'tls mode must be Terminate for protocol HTTPS');
    if (l.protocol === 'TLS' && l.tls === undefined) c.error(SCHEMA_CODES.rule, at, 'tls mode must be set for protocol TLS');
    if (['TCP', 'UDP'].includes(l.protocol) && l.hostname !== undefined && l.hostname !== '') c.error(SCHEMA_CODES.rule, [...at, 'hostname'], "hostname must not be specified for protocols ['TCP', 'UDP']");
    const sameName = listeners.findIndex((o) => o.name === l.name);
    if (sameName !== i) c.error(SCHEMA_CODES.rule, [...at, 'name'], `Listener name must be unique within the Gateway (${quote(l.name)} is also listener ${sameName})`);
    const same = listeners.findIndex((o) => o.port === l.port && o.protocol === l.protocol && (o.hostname ?? '') === (l.hostname ?? ''));
    if (same !== i && sameName === i) c.error(SCHEMA_CODES.rule, at, `Combination of port, protocol and hostname must be unique for each listener (same as listener ${same})`);
  });
}

export const listeners = withRules(list(listener, { min: 1, max: 64 }), listenerRules);

const address = obj({
  type: def(str({ min: 1, max: 253 }), 'IPAddress'),
  value: req(str({ min: 1, max: 253 })),
});

export const gatewaySpec = obj({
  gatewayClassName: req(objectName),
  listeners: req(listeners),
  addresses: opt(list(address, { max: 16 })),
  infrastructure: opt(
    obj({
      labels: opt(mapOf(str({ max: 63 }), { max: 8 })),
      annotations: opt(mapOf(str({ max: 4096 }), { max: 8 })),
      parametersRef: opt(obj({ group: req(group), kind: req(kind), name: req(str({ min: 1, max: 253 })) })),
    }),
  ),
  allowedListeners: def(obj({ namespaces: def(fromNamespaces(['All', 'Selector', 'Same', 'None']), { from: 'None' }) }), { namespaces: { from: 'None' } }),
  tls: opt(any),
  defaultScope: opt(any),
});

export const listenerSetSpec = obj({
  parentRef: req(obj({ group: def(group, GATEWAY_GROUP), kind: def(kind, 'Gateway'), name: req(objectName), namespace: opt(namespaceName) })),
  listeners: req(listeners),
});

const referenceGrantFrom = obj({ group: req(group), kind: req(kind), namespace: req(namespaceName) });
const referenceGrantTo = obj({ group: req(group), kind: req(kind), name: opt(objectName) });

export const referenceGrantSpec = obj({
  from: req(list(referenceGrantFrom, { min: 1, max: 16 })),
  to: req(list(referenceGrantTo, { min: 1, max: 16 })),
});

/**
 * Status as read from input, checked as far as gwlb reads it: a chained Gateway's conditions
 * (resolve reads its `Programmed` message) and addresses. The rest is kept as written.
 */
export const gatewayStatus = obj(
  { conditions: opt(list(condition)), addresses: opt(list(obj({ type: opt(str()), value: req(str()) }, { open: true }))) },
  { open: true },
);
export const gatewayClassStatus = obj({ conditions: opt(list(condition)) }, { open: true });

export const weight = int({ min: 0, max: 1000000 });
