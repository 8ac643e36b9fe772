/**
 * Schema pieces shared by the Gateway API kinds (gateway-api `apis/v1/shared_types.go`,
 * `object_reference_types.go`): names, hostnames, references, label selectors.
 */
import { enumOf, int, list, mapOf, obj, opt, req, def, str, type Schema } from './check.js';

export const GATEWAY_GROUP = 'gateway.networking.k8s.io';

const DNS_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';

/** SectionName / listener name: a DNS-1123 subdomain. */
export const sectionName = str({
  min: 1,
  max: 253,
  pattern: new RegExp(`^${DNS_LABEL}(\\.${DNS_LABEL})*$`),
  patternHint: 'must be lower-case letters, digits, "-" and ".", starting and ending with a letter or digit',
});

/** ObjectName: any non-empty string up to 253 characters (the API server checks the rest). */
export const objectName = str({ min: 1, max: 253 });

export const namespaceName = str({
  min: 1,
  max: 63,
  pattern: new RegExp(`^${DNS_LABEL}$`),
  patternHint: 'must be a DNS label: lower-case letters, digits and "-"',
});

export const group = str({ max: 253, pattern: new RegExp(`^$|^${DNS_LABEL}(\\.${DNS_LABEL})*$`), patternHint: 'must be an API group such as gateway.networking.k8s.io, or "" for the core group' });

export const kind = str({ min: 1, max: 63, pattern: /^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/, patternHint: 'must be a Kubernetes kind such as Service' });

/** Gateway API Hostname: a DNS name with an optional leading `*.` label; no IPs, no ports. */
export const hostname = str({
  min: 1,
  max: 253,
  pattern: new RegExp(`^(\\*\\.)?${DNS_LABEL}(\\.${DNS_LABEL})*$`),
  patternHint: 'must be a lower-case DNS name, optionally starting with "*." (no IP addresses, ports or upper case)',
});

export const portNumber = int({ min: 1, max: 65535 });

const labelSelectorRequirement = obj({
  key: req(str({ min: 1, max: 317 })),
  operator: req(enumOf('In', 'NotIn', 'Exists', 'DoesNotExist')),
  values: opt(list(str())),
});

export const labelSelector: Schema = obj({
  matchLabels: opt(mapOf(str())),
  matchExpressions: opt(list(labelSelectorRequirement)),
});

/**
 * A label selector as the Gateway API CRDs admit it: operator, key and values are plain strings,
 * so a bad one reaches LBC, which fails the Gateway with "Unable to parse selector …"
 * (resolve/selectors.ts). Checking them here would hide that status.
 */
export const gatewayLabelSelector: Schema = obj({
  matchLabels: opt(mapOf(str())),
  matchExpressions: opt(list(obj({ key: req(str()), operator: req(str()), values: opt(list(str())) }))),
});

/** ParentReference (routes): group/kind default to the Gateway kind. */
export const parentReference = obj({
  group: def(group, GATEWAY_GROUP),
  kind: def(kind, 'Gateway'),
  namespace: opt(namespaceName),
  name: req(objectName),
  sectionName: opt(sectionName),
  port: opt(portNumber),
});

export const parentRefs = list(parentReference, { max: 32 });

export const hostnames = def(list(hostname, { max: 16 }), []);

export const secretObjectReference = obj({
  group: def(group, ''),
  kind: def(kind, 'Secret'),
  name: req(objectName),
  namespace: opt(namespaceName),
});

export const localObjectReference = obj({
  group: req(group),
  kind: req(kind),
  name: req(objectName),
});

export const condition = obj(
  {
    type: req(str()),
    status: req(enumOf('True', 'False', 'Unknown')),
    reason: def(str(), ''),
    message: def(str(), ''),
    observedGeneration: opt(int({ min: 0 })),
    lastTransitionTime: opt(str()),
  },
  { open: true },
);
