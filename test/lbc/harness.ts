/**
 * Harness for the ports of LBC v3.5.0's own table tests (test/lbc/*.test.ts). Each Go case is
 * written as manifests (YAML text) and run through gwlb's real loader, resolver and model, so a
 * case checks what a user would see, not an internal function. Every `it` names its LBC test:
 * `<file>_test.go <TestFunc>/<case name>`. A Go case that cannot be written as manifests
 * (mocked AWS failures, values the API server rejects before LBC sees them) is listed with
 * `skipCase(...)`, which records why and counts it.
 */
import { it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { loadTexts } from '../../src/source/load.js';
import { resolve } from '../../src/resolve/index.js';
import type { ComputedStatus, Resolution, ResolveOptions } from '../../src/resolve/types.js';
import { DEFAULT_RESOLVE_OPTIONS } from '../../src/resolve/types.js';
import { PREFLIGHT_CODES } from '../../src/model/preflight.js';
import { buildStacks, defaultClusterSettings, emptyKnownFacts, stackToLbcJson } from '../../src/model/index.js';
import type { ClusterSettings, DiscoveryFacts, KnownDiscoveryFacts, Stack, SubnetFacts } from '../../src/model/index.js';

export { ALB_CLASS, brief } from '../helpers/manifests.js';

export interface LbcCaseOptions {
  readonly settings?: Partial<ClusterSettings>;
  /** Discovery facts; default: a VPC `vpc-1` (10.0.0.0/16) with two tagged public subnets. */
  readonly facts?: DiscoveryFacts;
  readonly resolve?: Partial<ResolveOptions>;
}

export interface LbcCaseResult {
  readonly resolution: Resolution;
  readonly stacks: readonly Stack[];
  /** Every stack LBC's model builds: `stacks` plus those AWS would then reject (pre-flight). */
  readonly built: readonly Stack[];
  /** Loader + resolver + model diagnostics, in that order. */
  readonly diagnostics: readonly Diagnostic[];
  /** Errors only, as `CODE message` lines, for compact assertions; without pre-flight findings. */
  readonly errors: readonly string[];
  /**
   * gwlb's pre-flight findings (GWLB36x): what LBC builds without complaint and AWS then rejects
   * at deploy. LBC's model tests see a successful build there, so they are kept apart from
   * `errors`, and `stackJson` still returns the stack LBC would have tried to deploy.
   */
  readonly preflight: readonly string[];
  /** The stack of Gateway `ns/name` as LBC's stack JSON (resources by type, then id). */
  stackJson(id?: string): LbcStackJson;
  /** The status gwlb computes for one object. */
  status(kind: string, namespace: string, name: string): ComputedStatus | undefined;
}

export interface LbcStackJson {
  readonly id: string;
  readonly resources: Record<string, Record<string, { spec: Record<string, unknown> }>>;
}

export const CLUSTER = 'test-cluster';

export function subnet(id: string, az: string, cidr: string, extra: Partial<SubnetFacts> = {}): SubnetFacts {
  return {
    id,
    availabilityZone: az,
    zoneType: 'availability-zone',
    ipv4Cidr: cidr,
    ipv6Cidrs: [],
    availableIpAddressCount: 250,
    tags: { 'kubernetes.io/role/elb': '1', 'kubernetes.io/role/internal-elb': '1' },
    public: true,
    ...extra,
  };
}

/** Known facts: VPC `vpc-1` 10.0.0.0/16, subnets `subnet-a` (10.0.1.0/24) and `subnet-b` (10.0.2.0/24). */
export function knownFacts(extra: Partial<KnownDiscoveryFacts> = {}): KnownDiscoveryFacts {
  return {
    ...emptyKnownFacts({ id: 'vpc-1', ipv4Cidrs: ['10.0.0.0/16'], ipv6Cidrs: [] }),
    subnets: [subnet('subnet-a', 'us-east-1a', '10.0.1.0/24'), subnet('subnet-b', 'us-east-1b', '10.0.2.0/24')],
    ...extra,
  };
}

/** Manifests → gwlb's loader, resolver and model, as `gwlb model` runs them. */
export function lbcCase(yamlText: string, options: LbcCaseOptions = {}): LbcCaseResult {
  const loaded = loadTexts([{ file: 'case.yaml', text: yamlText }]);
  const resolution = resolve(loaded.snapshot, { ...DEFAULT_RESOLVE_OPTIONS, ...options.resolve });
  const settings = defaultClusterSettings(CLUSTER, options.settings ?? {});
  const built = buildStacks(resolution, {
    facts: options.facts ?? knownFacts(),
    settings,
    endpointSlices: loaded.snapshot.endpointSlices,
    nodes: loaded.snapshot.nodes,
    secrets: loaded.snapshot.secrets,
  });
  const diagnostics = [...loaded.diagnostics, ...resolution.diagnostics, ...built.diagnostics];
  const preflightCodes = new Set<string>(Object.values(PREFLIGHT_CODES));
  const line = (d: Diagnostic): string => `${d.code} ${d.message}`;
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const all = [...built.stacks, ...built.rejected];
  return {
    resolution,
    stacks: built.stacks,
    built: all,
    diagnostics,
    errors: errors.filter((d) => !preflightCodes.has(d.code)).map(line),
    preflight: errors.filter((d) => preflightCodes.has(d.code)).map(line),
    stackJson(id?: string): LbcStackJson {
      const stack = id ? all.find((s) => s.id === id) : all[0];
      if (!stack) throw new Error(`no stack ${id ?? ''} built; errors: ${diagnostics.filter((d) => d.severity === 'error').map((d) => d.message).join('; ')}`);
      return stackToLbcJson(stack, { redactSecrets: false }) as unknown as LbcStackJson;
    },
    status(kind, namespace, name) {
      return resolution.statuses.find((s) => s.object.kind === kind && s.object.namespace === namespace && s.object.name === name)?.status;
    },
  };
}

/** The spec of one resource of a stack's JSON, by LBC type suffix (`LoadBalancer`, `TargetGroup`…) and id. */
export function specOf(json: LbcStackJson, type: string, id: string): Record<string, unknown> {
  const byId = json.resources[`AWS::ElasticLoadBalancingV2::${type}`] ?? json.resources[`AWS::EC2::${type}`] ?? json.resources[`K8S::ElasticLoadBalancingV2::${type}`];
  const r = byId?.[id];
  if (!r) throw new Error(`no ${type} "${id}" in stack ${json.id}; have ${Object.keys(byId ?? {}).join(', ') || 'none'}`);
  return r.spec;
}

/**
 * A Go case that cannot be expressed as manifests. It shows in vitest's output as skipped, with
 * the reason in its title, so the count of ported vs. skipped cases is visible in every run.
 */
export function skipCase(lbcTest: string, reason: string): void {
  it.skip(`${lbcTest} — not expressible as manifests: ${reason}`, () => {});
}
