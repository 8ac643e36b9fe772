/**
 * Per-Gateway configuration resolution (controllers/gateway/config_resolver.go,
 * pkg/gateway/lb_config_merger.go, pkg/gateway/gatewayutils/lb_config_utils.go): the GatewayClass
 * and Gateway LoadBalancerConfigurations, merged, and the default TargetGroupConfiguration.
 * Failures here set the Gateway `Accepted=False/Invalid` with the error text as message.
 */
import type { Gateway, GatewayClass } from '../source/gateway-api.js';
import type {
  KeyValue,
  ListenerConfiguration,
  LoadBalancerConfiguration,
  LoadBalancerConfigurationSpec,
  TargetGroupConfiguration,
  TargetGroupProps,
} from '../source/lbc-crds.js';
import type { Snapshot } from '../source/snapshot.js';

export type ConfigResult =
  | {
      readonly ok: true;
      readonly loadBalancerConfig?: LoadBalancerConfigurationSpec;
      /** The configurations merged into loadBalancerConfig, the winner of the merge first. */
      readonly loadBalancerConfigSources: readonly LoadBalancerConfiguration[];
      readonly defaultTargetGroupConfig?: TargetGroupConfiguration;
    }
  | { readonly ok: false; readonly message: string };

/** Kubernetes' NotFound error text, which LBC passes through as the condition message. */
function notFound(resource: string, name: string): string {
  return `${resource}.gateway.k8s.aws "${name}" not found`;
}

function findLbConfig(snapshot: Snapshot, namespace: string, name: string): LoadBalancerConfiguration | undefined {
  return snapshot.loadBalancerConfigurations.find((c) => c.metadata.namespace === namespace && c.metadata.name === name);
}

type Lookup = { found?: LoadBalancerConfiguration; error?: string };

export function classLbConfig(gatewayClass: GatewayClass, snapshot: Snapshot): Lookup {
  const ref = gatewayClass.spec.parametersRef;
  if (!ref) return {};
  if (!ref.namespace) return { error: 'Namespace must be specified in ParametersRef' };
  const found = findLbConfig(snapshot, ref.namespace, ref.name);
  return found ? { found } : { error: notFound('loadbalancerconfigurations', ref.name) };
}

function gatewayLbConfig(gateway: Gateway, snapshot: Snapshot): Lookup {
  const ref = gateway.spec.infrastructure?.parametersRef;
  if (!ref) return {};
  const found = findLbConfig(snapshot, gateway.metadata.namespace, ref.name);
  return found ? { found } : { error: notFound('loadbalancerconfigurations', ref.name) };
}

/**
 * attribute_merger.go mergeAttributes / lb_config_merger.go mergeListenerConfig: every high-priority
 * entry (a key repeated there: the last one), then low-priority keys not yet present (a key repeated
 * there: the first one), sorted by key.
 */
function unionByKey<T>(high: readonly T[] | undefined, low: readonly T[] | undefined, key: (t: T) => string): T[] | undefined {
  if (!high && !low) return undefined;
  const merged = new Map<string, T>();
  for (const item of high ?? []) merged.set(key(item), item);
  for (const item of low ?? []) if (!merged.has(key(item))) merged.set(key(item), item);
  return [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}

function unionTags(high?: Readonly<Record<string, string>>, low?: Readonly<Record<string, string>>): Record<string, string> | undefined {
  if (!high && !low) return undefined;
  return { ...(low ?? {}), ...(high ?? {}) };
}

/**
 * lb_config_merger.go: scalars from the winner if set; tags, attributes and listener
 * configurations unioned (winner wins). minimumLoadBalancerCapacity is not in LBC's merge list,
 * so it is dropped whenever both configurations exist.
 */
export function mergeLbConfigs(classSpec: LoadBalancerConfigurationSpec, gatewaySpec: LoadBalancerConfigurationSpec): LoadBalancerConfigurationSpec {
  const preferGateway = classSpec.mergingMode === 'prefer-gateway';
  const high = preferGateway ? gatewaySpec : classSpec;
  const low = preferGateway ? classSpec : gatewaySpec;
  const pick = <K extends keyof LoadBalancerConfigurationSpec>(k: K) => high[k] ?? low[k];
  const merged: LoadBalancerConfigurationSpec = {
    loadBalancerName: pick('loadBalancerName'),
    scheme: pick('scheme'),
    ipAddressType: pick('ipAddressType'),
    enforceSecurityGroupInboundRulesOnPrivateLinkTraffic: pick('enforceSecurityGroupInboundRulesOnPrivateLinkTraffic'),
    customerOwnedIpv4Pool: pick('customerOwnedIpv4Pool'),
    ipv4IPAMPoolId: pick('ipv4IPAMPoolId'),
    loadBalancerSubnets: pick('loadBalancerSubnets'),
    loadBalancerSubnetsSelector: pick('loadBalancerSubnetsSelector'),
    disableSecurityGroup: pick('disableSecurityGroup'),
    securityGroups: pick('securityGroups'),
    securityGroupPrefixes: pick('securityGroupPrefixes'),
    sourceRanges: pick('sourceRanges'),
    enableICMP: pick('enableICMP'),
    manageBackendSecurityGroupRules: pick('manageBackendSecurityGroupRules'),
    wafV2: pick('wafV2'),
    shieldConfiguration: pick('shieldConfiguration'),
    defaultTargetGroupConfiguration: pick('defaultTargetGroupConfiguration'),
    tags: unionTags(high.tags, low.tags),
    loadBalancerAttributes: unionByKey<KeyValue>(high.loadBalancerAttributes, low.loadBalancerAttributes, (a) => a.key),
    listenerConfigurations: unionByKey<ListenerConfiguration>(high.listenerConfigurations, low.listenerConfigurations, (c) => c.protocolPort),
  };
  return Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)) as LoadBalancerConfigurationSpec;
}

/** tg_config_constructor.go merge(high, low): healthCheckConfig is taken as a whole block. */
export function mergeTargetGroupProps(high: TargetGroupProps | undefined, low: TargetGroupProps | undefined): TargetGroupProps | undefined {
  if (!high) return low;
  if (!low) return high;
  const merged: TargetGroupProps = {
    targetGroupName: high.targetGroupName ?? low.targetGroupName,
    ipAddressType: high.ipAddressType ?? low.ipAddressType,
    healthCheckConfig: high.healthCheckConfig ?? low.healthCheckConfig,
    nodeSelector: high.nodeSelector ?? low.nodeSelector,
    targetType: high.targetType ?? low.targetType,
    protocol: high.protocol ?? low.protocol,
    protocolVersion: high.protocolVersion ?? low.protocolVersion,
    targetControlPort: high.targetControlPort ?? low.targetControlPort,
    enableMultiCluster: high.enableMultiCluster ?? low.enableMultiCluster,
    tags: unionTags(high.tags, low.tags),
    targetGroupAttributes: unionByKey(high.targetGroupAttributes, low.targetGroupAttributes, (a) => a.key),
  };
  return Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)) as TargetGroupProps;
}

function defaultTgc(config: LoadBalancerConfiguration | undefined, snapshot: Snapshot): { tgc?: TargetGroupConfiguration; error?: string } {
  const name = config?.spec.defaultTargetGroupConfiguration?.name;
  if (!config || !name) return {};
  const ns = config.metadata.namespace;
  const tgc = snapshot.targetGroupConfigurations.find((t) => t.metadata.namespace === ns && t.metadata.name === name);
  if (!tgc) return { error: notFound('targetgroupconfigurations', name) };
  if (tgc.spec.targetReference) {
    return { error: `default TargetGroupConfiguration ${ns}/${name} must not specify targetReference` };
  }
  return { tgc };
}

export function resolveGatewayConfig(gateway: Gateway, gatewayClass: GatewayClass, snapshot: Snapshot): ConfigResult {
  const fromClass = classLbConfig(gatewayClass, snapshot);
  if (fromClass.error) return { ok: false, message: fromClass.error };
  const fromGateway = gatewayLbConfig(gateway, snapshot);
  if (fromGateway.error) return { ok: false, message: fromGateway.error };
  const classCfg = fromClass.found;
  const gwCfg = fromGateway.found;
  const loadBalancerConfig =
    classCfg && gwCfg ? mergeLbConfigs(classCfg.spec, gwCfg.spec) : (classCfg?.spec ?? gwCfg?.spec);

  const classTgc = defaultTgc(classCfg, snapshot);
  if (classTgc.error) return { ok: false, message: classTgc.error };
  const gwTgc = defaultTgc(gwCfg, snapshot);
  if (gwTgc.error) return { ok: false, message: gwTgc.error };
  let defaultTargetGroupConfig = classTgc.tgc ?? gwTgc.tgc;
  if (classTgc.tgc && gwTgc.tgc) {
    // Both levels name a default TGC: defaultConfigurations merge field by field; the winner's
    // routeConfigurations are kept whole.
    const preferGateway = classCfg?.spec.mergingMode === 'prefer-gateway';
    const [winner, loser] = preferGateway ? [gwTgc.tgc, classTgc.tgc] : [classTgc.tgc, gwTgc.tgc];
    const merged = mergeTargetGroupProps(winner.spec.defaultConfiguration, loser.spec.defaultConfiguration);
    defaultTargetGroupConfig = { ...winner, spec: { ...winner.spec, ...(merged ? { defaultConfiguration: merged } : {}) } };
  }
  const winnerFirst = classCfg?.spec.mergingMode === 'prefer-gateway' ? [gwCfg, classCfg] : [classCfg, gwCfg];
  const loadBalancerConfigSources = winnerFirst.filter((c): c is LoadBalancerConfiguration => c !== undefined);
  return { ok: true, loadBalancerConfig, loadBalancerConfigSources, defaultTargetGroupConfig };
}
