/**
 * Public API of the model stage: resolved Gateways + discovery facts + cluster settings → one
 * LBC-shaped stack per Gateway (base_model_builder.go `Build`), plus diagnostics. Pure: no I/O.
 * A Gateway with `fatal` set, or with any model-build error, gets no stack (LBC's build fails as a
 * whole and deploys nothing).
 */
import { formatPath, type Diagnostic } from '../diagnostics.js';
import type { GatewayResolution, Resolution } from '../resolve/types.js';
import { nsName, refOf } from '../source/kube.js';
import { BuildContext, CODES, type ModelInput } from './context.js';
import { checkLimits } from './limits.js';
import { buildListeners } from './listeners.js';
import { buildAddons, buildLoadBalancer, deletionProtection } from './load-balancer.js';
import { standInUid } from './names.js';
import { buildSecurityGroups } from './security-groups.js';
import type { IPAddressType, Stack, UidSource } from './stack.js';
import { FRONTEND_NLB_ID, RT } from './stack.js';
import { buildSubnets } from './subnets.js';
import { externalManagedTagMessage, processTags } from './tags.js';

export type { ModelInput } from './context.js';
export { stackToLbcJson, stackToLbcJsonText } from './stack-json.js';
export * from './stack.js';
export * from './discovery.js';
export * from './settings.js';
export { desiredTags, trackingTags, isIgnoredTagKey } from './tags.js';

export function uidSource(gw: GatewayResolution, cluster: string): UidSource {
  const m = gw.gateway.metadata;
  return m.uid !== undefined && m.uid !== '' ? { kind: 'metadata', uid: m.uid } : { kind: 'stand-in', uid: standInUid(cluster, m.namespace, m.name) };
}

/** Where a Gateway's instance target groups wait for a nodePort, for the run-wide diagnostic. */
type PendingUse = BuildContext['pendingNodePorts'][number];

export function buildStack(gw: GatewayResolution, input: ModelInput): { stack?: Stack; diagnostics: Diagnostic[]; pendingNodePorts?: readonly PendingUse[] } {
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
  const pendingNodePorts = ctx.pendingNodePorts.length > 0 ? { pendingNodePorts: ctx.pendingNodePorts } : {};
  if (ctx.hasErrors()) return { diagnostics: ctx.diagnostics, ...pendingNodePorts };
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
  return { stack, diagnostics: ctx.diagnostics, ...pendingNodePorts };
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

/**
 * One warning per Service whose nodePort the input lacks, at the Service (not once per Gateway or
 * target group): the fix is in the Service, whichever Gateways use it.
 */
function pendingNodePortDiagnostics(uses: readonly { gateway: string; use: PendingUse }[]): Diagnostic[] {
  const byService = new Map<string, { service: PendingUse['service']; ports: Set<number>; gateways: Set<string> }>();
  for (const { gateway, use } of uses) {
    const key = nsName(use.service);
    const entry = byService.get(key) ?? { service: use.service, ports: new Set<number>(), gateways: new Set<string>() };
    entry.ports.add(use.port);
    entry.gateways.add(gateway);
    byService.set(key, entry);
  }
  return [...byService.entries()].map(([key, { service, ports, gateways }]) => {
    const sorted = [...ports].sort((a, b) => a - b);
    const index = service.spec.ports.findIndex((p) => p.port === sorted[0]);
    const path = index >= 0 ? ['spec', 'ports', index] : ['spec', 'ports'];
    const portText = sorted.length === 1 ? `port ${sorted[0]}` : `ports ${sorted.join(', ')}`;
    const gatewayText = `${gateways.size === 1 ? 'Gateway' : 'Gateways'} ${[...gateways].join(', ')}`;
    return {
      severity: 'warning',
      code: CODES.pendingNodePort,
      message: `Service ${key} (type ${service.spec.type}) has no nodePort for ${portText}: the API server assigns it when it creates the Service, so the port and name of the instance target group of ${gatewayText} are known only then, and apply refuses ${gateways.size === 1 ? 'that Gateway' : 'those Gateways'}. Set spec.ports[].nodePort, or read the Service from the cluster (kubectl get service -n ${service.metadata.namespace} ${service.metadata.name} -o yaml) into the input`,
      location: service.origin.locate(path),
      object: refOf(service),
      path: formatPath(path),
    };
  });
}

export function buildStacks(resolution: Resolution, input: ModelInput): { stacks: Stack[]; diagnostics: Diagnostic[] } {
  const stacks: Stack[] = [];
  const diagnostics: Diagnostic[] = [];
  const built = resolution.gateways.filter((gw) => !gw.fatal);
  const standIn = standInUidDiagnostic(built, input.settings.clusterName);
  if (standIn) diagnostics.push(standIn);
  const pending: { gateway: string; use: PendingUse }[] = [];
  for (const gw of built) {
    const r = buildStack(gw, input);
    diagnostics.push(...r.diagnostics);
    for (const use of r.pendingNodePorts ?? []) pending.push({ gateway: nsName(gw.gateway), use });
    if (r.stack) stacks.push(r.stack);
  }
  diagnostics.push(...pendingNodePortDiagnostics(pending));
  return { stacks, diagnostics };
}
