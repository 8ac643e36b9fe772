/**
 * What every builder step shares for one Gateway: inputs, the resources built so far and the
 * diagnostics. LBC aborts the whole build on the first error; gwlb keeps going to report every
 * problem, and drops the stack if any error was raised (index.ts).
 */
import type { Diagnostic } from '../diagnostics.js';
import type { EndpointSlice, Node, Secret, Service } from '../source/core-kinds.js';
import type { KubeObject } from '../source/kube.js';
import type { GatewayResolution } from '../resolve/types.js';
import type { DiscoveryFacts } from './discovery.js';
import type { ClusterSettings } from './settings.js';
import type { StackResource, TargetRegistration, NodeSecurityGroupRule, FrontendNlbTargetGroupState, StringToken, TargetGroupSpec, Tags, ResourceRef } from './stack.js';
import { unknown } from './discovery.js';
import { RT } from './stack.js';
import { processTags, type TagResult } from './tags.js';
import { formatPath } from '../diagnostics.js';
import { refOf } from '../source/kube.js';

export interface ModelInput {
  readonly facts: DiscoveryFacts;
  readonly settings: ClusterSettings;
  readonly endpointSlices?: readonly EndpointSlice[];
  readonly nodes?: readonly Node[];
  readonly secrets?: readonly Secret[];
}

/** Stable model diagnostic codes (3xx). */
export const CODES = {
  unsupportedFilter: 'GWLB301',
  pathWildcard: 'GWLB302',
  badRedirect: 'GWLB303',
  noHostnamesForCert: 'GWLB304',
  noCertificate: 'GWLB305',
  externalManagedTag: 'GWLB306',
  targetGroup: 'GWLB307',
  listenerProtocol: 'GWLB308',
  oidcSecret: 'GWLB309',
  grpcMethod: 'GWLB310',
  targetGroupName: 'GWLB311',
  subnets: 'GWLB312',
  securityGroups: 'GWLB313',
  deletionProtection: 'GWLB314',
  alpnPolicy: 'GWLB315',
  loadBalancerConfig: 'GWLB316',
  trustStore: 'GWLB317',
  limitRulesPerLoadBalancer: 'GWLB350',
  limitConditionValues: 'GWLB351',
  limitTargetGroupsPerAction: 'GWLB352',
  limitWeight: 'GWLB353',
  limitNameLength: 'GWLB354',
  limitCertificates: 'GWLB355',
  limitTags: 'GWLB356',
  standInUid: 'GWLB390',
  pendingNodePort: 'GWLB391',
} as const;
export type ModelCode = (typeof CODES)[keyof typeof CODES];

export interface At {
  readonly object: KubeObject;
  readonly path: readonly (string | number)[];
}

export class BuildContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly resources: StackResource[] = [];
  readonly targets: TargetRegistration[] = [];
  readonly nodeRules: NodeSecurityGroupRule[] = [];
  readonly frontendNlb: Record<string, FrontendNlbTargetGroupState> = {};
  readonly tgByResId = new Map<string, TargetGroupSpec>();
  /** The first target group (resource id) given each name: the name-clash check looks names up here. */
  readonly tgIdByName = new Map<string, string>();
  /** Service target group resource ids by route, Service and targetPort (target-groups.ts `serviceTargetGroupId`). */
  readonly serviceTgIds = new Map<KubeObject, { readonly service: Service; readonly targetPort: number | string; readonly id: string }[]>();
  /** Each target group's ARN token (target-groups.ts `tgArn`). */
  readonly tgArns = new Map<string, ResourceRef>();
  /** Instance target groups whose port is a nodePort the API server has not assigned yet (target-groups.ts). */
  readonly pendingNodePorts: { readonly service: Service; readonly port: number; readonly targetGroupId: string }[] = [];
  /** Where each listener rule came from, for limit diagnostics. */
  readonly ruleOrigins = new Map<string, { readonly route: KubeObject; readonly ruleIndex: number }>();
  /** Set by the security-group step: the LB's SGs and the SG node rules reference. */
  sg: { readonly tokens: readonly StringToken[]; readonly backend?: StringToken } = { tokens: [] };
  private untagged?: TagResult;
  /** `gateway.k8s.aws.alb` / `gateway.k8s.aws.nlb` (pkg/gateway/constants/controller_constants.go). */
  readonly tagPrefix: string;
  /** `namespace/name` of the Gateway (pkg/model/core/stack_id.go). */
  readonly stackId: string;

  constructor(
    readonly gw: GatewayResolution,
    readonly input: ModelInput,
  ) {
    // Read off the Gateway once: resolutions come in several shapes, and getters read per call
    // made every reader of these fields polymorphic in them.
    this.tagPrefix = gw.loadBalancerType === 'application' ? 'gateway.k8s.aws.alb' : 'gateway.k8s.aws.nlb';
    this.stackId = `${gw.gateway.metadata.namespace}/${gw.gateway.metadata.name}`;
  }

  get settings(): ClusterSettings {
    return this.input.settings;
  }

  get facts(): DiscoveryFacts {
    return this.input.facts;
  }

  get vpcId(): StringToken {
    if (this.settings.vpcId !== undefined) return this.settings.vpcId;
    return this.facts.kind === 'known' ? this.facts.vpc.id : unknown('vpc.id');
  }

  /**
   * `processTags` for a resource of this Gateway. Most resources have no tags of their own; they
   * share one frozen result (the default tags), instead of a copy each: nothing downstream writes
   * to a spec's tags.
   */
  specTags(provider: Tags | undefined): TagResult {
    if (provider !== undefined && Object.keys(provider).length > 0) return processTags(provider, this.settings);
    if (this.untagged === undefined) {
      // Without own tags no key can be an external-managed one: the result is always ok.
      const r = processTags(undefined, this.settings);
      this.untagged = r.ok ? Object.freeze({ ok: true, tags: Object.freeze(r.tags) }) : r;
    }
    return this.untagged;
  }

  report(severity: Diagnostic['severity'], code: ModelCode, message: string, at?: At): void {
    const where = at ?? { object: this.gw.gateway, path: [] };
    this.diagnostics.push({
      severity,
      code,
      message: `Gateway ${this.stackId}: ${message}`,
      location: where.object.origin.locate(where.path),
      object: refOf(where.object),
      ...(where.path.length > 0 ? { path: formatPath(where.path) } : {}),
    });
  }

  error(code: ModelCode, message: string, at?: At): void {
    this.report('error', code, message, at);
  }

  hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === 'error');
  }

  add(resource: StackResource): void {
    this.resources.push(resource);
  }

  addTargetGroup(id: string, spec: TargetGroupSpec): void {
    this.tgByResId.set(id, spec);
    if (typeof spec.name === 'string' && !this.tgIdByName.has(spec.name)) this.tgIdByName.set(spec.name, id);
    this.add({ type: RT.targetGroup, id, spec });
  }
}
