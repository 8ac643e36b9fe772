/**
 * Cluster settings that LBC takes from its flags, read from `gwlb.yaml` (or --config FILE) and
 * overridden by command-line flags. Problems are diagnostics pointing into the config file.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Diagnostic } from '../diagnostics.js';
import { defaultClusterSettings, validateSettings, type ClusterSettings, type FeatureGates } from '../model/settings.js';
import { DEFAULT_CONTROLLER_NAMES, type ControllerNames } from '../resolve/types.js';
import { yamlLib } from '../source/yaml-lib.js';

export interface CommonFlags {
  readonly clusterName?: string;
  readonly region?: string;
  readonly config?: string;
  readonly sandbox?: boolean;
  /** `--disable-restricted-sg-rules`: only `true` overrides the settings file. */
  readonly disableRestrictedSgRules?: boolean;
  /** `--service-target-eni-security-group-tags k=v,k2=v2`: overrides the settings file's map. */
  readonly serviceTargetEniSgTags?: string;
}

export interface GwlbSettings {
  readonly cluster: ClusterSettings;
  readonly controllerNames: ControllerNames;
  /** Where the config came from, for messages; undefined when none was read. */
  readonly configFile?: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** The cluster name when neither flag nor config sets one: the sandbox seeds subnets for `sandbox`. */
export const SANDBOX_CLUSTER = 'sandbox';
export const DEFAULT_CLUSTER = 'default';

type ConfigFile = {
  clusterName?: string;
  region?: string;
  vpcId?: string;
  defaultLoadBalancerScheme?: 'internal' | 'internet-facing';
  defaultTargetType?: 'instance' | 'ip';
  defaultTags?: Record<string, string>;
  externalManagedTags?: string[];
  defaultSslPolicy?: string;
  enableBackendSecurityGroup?: boolean;
  backendSecurityGroup?: string;
  disableRestrictedSecurityGroupRules?: boolean;
  manageNodeSecurityGroupRules?: boolean;
  serviceTargetEniSecurityGroupTags?: Record<string, string>;
  allowedCertificateAuthorityArns?: string[];
  gatewayClasses?: Record<string, string>;
  controllerNames?: Partial<ControllerNames>;
  featureGates?: Partial<FeatureGates>;
};

const STRING_FIELDS = ['clusterName', 'region', 'vpcId', 'defaultSslPolicy', 'backendSecurityGroup'] as const;
const BOOLEAN_FIELDS = ['enableBackendSecurityGroup', 'disableRestrictedSecurityGroupRules', 'manageNodeSecurityGroupRules'] as const;
const KNOWN_FIELDS = new Set<string>([
  ...STRING_FIELDS,
  ...BOOLEAN_FIELDS,
  'defaultLoadBalancerScheme',
  'defaultTargetType',
  'defaultTags',
  'serviceTargetEniSecurityGroupTags',
  'externalManagedTags',
  'allowedCertificateAuthorityArns',
  'gatewayClasses',
  'controllerNames',
  'featureGates',
]);

function configProblem(file: string, message: string): Diagnostic {
  return { severity: 'error', code: 'GWLB009', message, location: { file, line: 1, column: 1 } };
}

function checkConfig(raw: unknown, file: string): { config: ConfigFile; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  if (raw === null || raw === undefined) return { config: {}, diagnostics };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { config: {}, diagnostics: [configProblem(file, `${file} must be a mapping of settings (clusterName, region, defaultTags, ...)`)] };
  }
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!KNOWN_FIELDS.has(key)) diagnostics.push(configProblem(file, `unknown setting ${key}; known settings: ${[...KNOWN_FIELDS].join(', ')}`));
  }
  for (const key of STRING_FIELDS) {
    if (obj[key] !== undefined && typeof obj[key] !== 'string') diagnostics.push(configProblem(file, `${key} must be a string`));
  }
  for (const key of BOOLEAN_FIELDS) {
    if (obj[key] !== undefined && typeof obj[key] !== 'boolean') diagnostics.push(configProblem(file, `${key} must be true or false`));
  }
  const scheme = obj['defaultLoadBalancerScheme'];
  if (scheme !== undefined && scheme !== 'internal' && scheme !== 'internet-facing') {
    diagnostics.push(configProblem(file, `defaultLoadBalancerScheme must be internal or internet-facing, not ${String(scheme)}`));
  }
  const classes = obj['gatewayClasses'];
  if (classes !== undefined && (classes === null || typeof classes !== 'object' || Array.isArray(classes) || Object.values(classes).some((v) => typeof v !== 'string' || v === ''))) {
    diagnostics.push(configProblem(file, 'gatewayClasses must map GatewayClass names to their controllerName, e.g. gatewayClasses: {alb: gateway.k8s.aws/alb}'));
    delete obj['gatewayClasses'];
  }
  const eniTags = obj['serviceTargetEniSecurityGroupTags'];
  if (eniTags !== undefined && (eniTags === null || typeof eniTags !== 'object' || Array.isArray(eniTags) || Object.values(eniTags).some((v) => typeof v !== 'string'))) {
    diagnostics.push(configProblem(file, 'serviceTargetEniSecurityGroupTags must map tag keys to values, e.g. serviceTargetEniSecurityGroupTags: {node-group: workers}'));
    delete obj['serviceTargetEniSecurityGroupTags'];
  }
  const targetType = obj['defaultTargetType'];
  if (targetType !== undefined && targetType !== 'instance' && targetType !== 'ip') {
    diagnostics.push(configProblem(file, `defaultTargetType must be instance or ip, not ${String(targetType)}`));
  }
  return { config: obj as ConfigFile, diagnostics };
}

function readConfig(path: string | undefined): { config: ConfigFile; file?: string; diagnostics: Diagnostic[] } {
  const file = path ?? (existsSync('gwlb.yaml') ? 'gwlb.yaml' : undefined);
  if (!file) return { config: {}, diagnostics: [] };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { config: {}, file, diagnostics: [configProblem(file, `cannot read config file ${file}; check the path given to --config`)] };
  }
  try {
    return { ...checkConfig(yamlLib().parse(text), file), file };
  } catch (err) {
    return { config: {}, file, diagnostics: [configProblem(file, `config file ${file} is not valid YAML: ${(err as Error).message.split('\n')[0]}`)] };
  }
}

/**
 * LBC's `--service-target-eni-security-group-tags` value: `k=v` pairs separated by commas
 * (a Go `stringToString` flag). Undefined with the problem when a pair lacks its `=`.
 */
export function parseTagPairs(text: string): { tags: Record<string, string> } | { error: string } {
  const tags: Record<string, string> = {};
  for (const pair of text.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) return { error: `--service-target-eni-security-group-tags: ${pair} must be key=value (pairs separated by commas, e.g. node-group=workers,team=web)` };
    tags[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return { tags };
}

export function loadSettings(flags: CommonFlags): GwlbSettings {
  const { config, file, diagnostics } = readConfig(flags.config);
  const flagTags = flags.serviceTargetEniSgTags === undefined ? undefined : parseTagPairs(flags.serviceTargetEniSgTags);
  if (flagTags && 'error' in flagTags) diagnostics.push({ severity: 'error', code: 'GWLB009', message: flagTags.error, location: { file: '--service-target-eni-security-group-tags', line: 1, column: 1 } });
  const clusterName = flags.clusterName ?? config.clusterName ?? (flags.sandbox ? SANDBOX_CLUSTER : DEFAULT_CLUSTER);
  const { controllerNames, featureGates, ...rest } = config;
  const region = flags.region ?? config.region;
  const cluster = defaultClusterSettings(clusterName, {
    ...rest,
    ...(region ? { region } : {}),
    ...(flags.disableRestrictedSgRules ? { disableRestrictedSecurityGroupRules: true } : {}),
    ...(flagTags && 'tags' in flagTags ? { serviceTargetEniSecurityGroupTags: flagTags.tags } : {}),
    ...(featureGates ? { featureGates: featureGates as FeatureGates } : {}),
  });
  const problems = validateSettings(cluster).map((m) => configProblem(file ?? '--cluster-name', m));
  return {
    cluster,
    controllerNames: { ...DEFAULT_CONTROLLER_NAMES, ...(controllerNames ?? {}) },
    ...(file ? { configFile: file } : {}),
    diagnostics: [...diagnostics, ...problems],
  };
}
