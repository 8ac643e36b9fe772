/**
 * Public API of the model stage: resolved Gateways + discovery facts + cluster settings → one
 * LBC-shaped stack per Gateway (base_model_builder.go `Build`), plus diagnostics. Pure: no I/O.
 * A Gateway with `fatal` set, or with any model-build error, gets no stack (LBC's build fails as a
 * whole and deploys nothing).
 */
import type { Diagnostic } from '../diagnostics.js';
import type { GatewayResolution, Resolution } from '../resolve/types.js';
import { nsName, refOf } from '../source/kube.js';
import { BuildContext, CODES, type ModelInput } from './context.js';
import { checkLimits } from './limits.js';
import { buildListeners } from './listeners.js';
import { checkPreflight, type DeployFailure } from './preflight.js';
import { buildAddons, buildLoadBalancer, deletionProtection } from './load-balancer.js';
import { standInUid } from './names.js';
import { buildSecurityGroups } from './security-groups.js';
import type { IPAddressType, Stack, UidSource } from './stack.js';
import { FRONTEND_NLB_ID, RT } from './stack.js';
import { buildSubnets } from './subnets.js';
import { externalManagedTagMessage, processTags } from './tags.js';

export type { ModelInput } from './context.js';
export type { DeployFailure } from './preflight.js';
export { stackToLbcJson, stackToLbcJsonText } from './stack-json.js';
export * from './stack.js';
export * from './discovery.js';
export * from './settings.js';
export { desiredTags, trackingTags, isIgnoredTagKey } from './tags.js';

export function uidSource(gw: GatewayResolution, cluster: string): UidSource {
  const m = gw.gateway.metadata;
  return m.uid !== undefined && m.uid !== '' ? { kind: 'metadata', uid: m.uid } : { kind: 'stand-in', uid: standInUid(cluster, m.namespace, m.name) };
}

/**
 * `deployFailure`: the model builds (as in LBC) but AWS would reject the deploy; what LBC then
 * records on the Gateway. Absent when the build itself fails (LBC never deploys then).
 */
export interface StackResult {
  readonly stack?: Stack;
  readonly diagnostics: Diagnostic[];
  readonly deployFailure?: DeployFailure;
  /** With `deployFailure`: the stack LBC builds and then fails to deploy (never planned). */
  readonly rejected?: Stack;
}

export function buildStack(gw: GatewayResolution, input: ModelInput): StackResult {
  const ctx = new BuildContext(gw, input);
  const cfg = gw.loadBalancerConfig ?? {};
  const uid = uidSource(gw, input.settings.clusterName);
  if (gw.gateway.metadata.deletionTimestamp !== undefined && deletionProtection(cfg.loadBalancerAttributes)) {
    ctx.error(CODES.deletionProtection, `Unable to delete gateway ${ctx.stackId} because deletion protection is enabled.`);
    return { diagnostics: ctx.diagnostics };
  }
  if (gw.gateway.metadata.deletionTimestamp !== undefined) {
    // Deleting: the model is an empty stack; deploying it deletes everything (base_model_builder.go).
    return { stack: { id: ctx.stackId, resources: [], extras: { gateway: refOf(gw.gateway), gatewayClass: gw.gatewayClass.metadata.name, loadBalancerType: gw.loadBalancerType, tagPrefix: ctx.tagPrefix, uid, targets: [], nodeSecurityGroupRules: [], deletionProtection: false } }, diagnostics: ctx.diagnostics };
  }
  const scheme = cfg.scheme ?? input.settings.defaultLoadBalancerScheme;
  const ipAddressType: IPAddressType = cfg.ipAddressType ?? 'ipv4';
  const lbTags = processTags(cfg.tags, input.settings);
  if (!lbTags.ok) {
    ctx.error(CODES.externalManagedTag, externalManagedTagMessage(lbTags.key), { object: gw.gateway, path: ['spec', 'infrastructure', 'parametersRef'] });
    return { diagnostics: ctx.diagnostics };
  }
  const subnets = buildSubnets(ctx, scheme, ipAddressType);
  const sg = buildSecurityGroups(ctx, uid.uid, ipAddressType, lbTags.tags);
  buildLoadBalancer(ctx, scheme, ipAddressType, uid.uid, subnets, ctx.sg.tokens, lbTags.tags);
  buildListeners(ctx, ipAddressType, lbTags.tags);
  buildAddons(ctx);
  ctx.add({ type: RT.frontendNlbTargetGroup, id: FRONTEND_NLB_ID, targetGroups: { ...ctx.frontendNlb } });
  checkLimits(ctx);
  const builtCleanly = !ctx.hasErrors();
  const deployFailure = checkPreflight(ctx);
  if (ctx.hasErrors() && !(builtCleanly && deployFailure)) return { diagnostics: ctx.diagnostics };
  const stack: Stack = {
    id: ctx.stackId,
    resources: ctx.resources,
    extras: {
      gateway: refOf(gw.gateway),
      gatewayClass: gw.gatewayClass.metadata.name,
      loadBalancerType: gw.loadBalancerType,
      tagPrefix: ctx.tagPrefix,
      uid,
      targets: ctx.targets,
      ...(sg.backend ? { backendSecurityGroup: sg.backend } : {}),
      nodeSecurityGroupRules: ctx.nodeRules,
      deletionProtection: deletionProtection(cfg.loadBalancerAttributes),
    },
  };
  // The stack LBC builds but cannot deploy: not planned, kept for explain and the LBC ports.
  if (deployFailure) return { diagnostics: ctx.diagnostics, deployFailure, rejected: stack };
  return { stack, diagnostics: ctx.diagnostics };
}

/** How many Gateways a run-wide diagnostic names before it only counts the rest. */
const NAMED = 10;

/**
 * One info for the whole run, not one per Gateway: manifests from files seldom carry
 * `metadata.uid`, and 200 identical lines would bury everything else.
 */
function standInUidDiagnostic(gateways: readonly GatewayResolution[], cluster: string): Diagnostic | undefined {
  const without = gateways.filter((g) => uidSource(g, cluster).kind === 'stand-in');
  const first = without[0];
  if (!first) return undefined;
  const at = { location: first.gateway.origin.locate(['metadata']), object: refOf(first.gateway), path: 'metadata' };
  if (without.length === 1) {
    const uid = uidSource(first, cluster).uid;
    return { severity: 'info', code: CODES.standInUid, message: `Gateway ${nsName(first.gateway)}: metadata.uid is absent; load balancer and security group names use the stand-in UID ${uid} (LBC would hash the real UID)`, ...at };
  }
  const named = without.slice(0, NAMED).map((g) => nsName(g.gateway)).join(', ');
  const more = without.length > NAMED ? ` and ${without.length - NAMED} more` : '';
  return {
    severity: 'info',
    code: CODES.standInUid,
    message: `${without.length} Gateways have no metadata.uid (${named}${more}); their load balancer and security group names use stand-in UIDs derived from cluster, namespace and name (LBC would hash the real UIDs)`,
    location: at.location,
  };
}

export function buildStacks(
  resolution: Resolution,
  input: ModelInput,
): { stacks: Stack[]; diagnostics: Diagnostic[]; deployFailures: ReadonlyMap<string, DeployFailure>; rejected: Stack[] } {
  const stacks: Stack[] = [];
  const diagnostics: Diagnostic[] = [];
  const deployFailures = new Map<string, DeployFailure>();
  const rejected: Stack[] = [];
  const built = resolution.gateways.filter((gw) => !gw.fatal);
  const standIn = standInUidDiagnostic(built, input.settings.clusterName);
  if (standIn) diagnostics.push(standIn);
  for (const gw of built) {
    const r = buildStack(gw, input);
    diagnostics.push(...r.diagnostics);
    if (r.stack) stacks.push(r.stack);
    if (r.rejected) rejected.push(r.rejected);
    if (r.deployFailure) deployFailures.set(`${gw.gateway.metadata.namespace}/${gw.gateway.metadata.name}`, r.deployFailure);
  }
  return { stacks, diagnostics, deployFailures, rejected };
}
