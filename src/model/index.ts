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
import { pendingNodePortDiagnostics, standInUidDiagnostic, uidSource, type PendingUse } from './run-diagnostics.js';
import { buildSecurityGroups } from './security-groups.js';
import type { IPAddressType, Stack, UidSource } from './stack.js';
import { FRONTEND_NLB_ID, RT } from './stack.js';
import { buildSubnets } from './subnets.js';
import { externalManagedTagMessage } from './tags.js';

export type { ModelInput } from './context.js';
export type { DeployFailure } from './preflight.js';
export { stackToLbcJson, stackToLbcJsonText } from './stack-json.js';
export * from './stack.js';
export * from './discovery.js';
export * from './settings.js';
export { desiredTags, trackingTags, isIgnoredTagKey } from './tags.js';
export { uidSource } from './run-diagnostics.js';

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
  readonly pendingNodePorts?: readonly PendingUse[];
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
  const lbTags = ctx.specTags(cfg.tags);
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
  const pendingNodePorts = ctx.pendingNodePorts.length > 0 ? { pendingNodePorts: ctx.pendingNodePorts } : {};
  if (ctx.hasErrors() && !(builtCleanly && deployFailure)) return { diagnostics: ctx.diagnostics, ...pendingNodePorts };
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
      ...(ctx.pendingNodePorts.length > 0 ? { pendingNodePorts: ctx.pendingNodePorts.map((p) => ({ service: nsName(p.service), port: p.port, targetGroupId: p.targetGroupId })) } : {}),
    },
  };
  // The stack LBC builds but cannot deploy: not planned, kept for explain and the LBC ports.
  if (deployFailure) return { diagnostics: ctx.diagnostics, deployFailure, rejected: stack, ...pendingNodePorts };
  return { stack, diagnostics: ctx.diagnostics, ...pendingNodePorts };
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
  const pending: { gateway: string; use: PendingUse }[] = [];
  for (const gw of built) {
    const r = buildStack(gw, input);
    diagnostics.push(...r.diagnostics);
    for (const use of r.pendingNodePorts ?? []) pending.push({ gateway: nsName(gw.gateway), use });
    if (r.stack) stacks.push(r.stack);
    if (r.rejected) rejected.push(r.rejected);
    if (r.deployFailure) deployFailures.set(`${gw.gateway.metadata.namespace}/${gw.gateway.metadata.name}`, r.deployFailure);
  }
  diagnostics.push(...pendingNodePortDiagnostics(pending));
  return { stacks, diagnostics, deployFailures, rejected };
}
