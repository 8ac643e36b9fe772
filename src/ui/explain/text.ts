/** `explain` text view: a tree per Gateway with its listeners, routes and explained conditions. */
import type { ChalkInstance } from 'chalk';
import { shortenLongRuns, type Diagnostic } from '../../diagnostics.js';
import type { Condition } from '../../source/kube.js';
import type { DeployFailure, Stack } from '../../model/index.js';
import type { GatewayResolution, ObjectStatus, Resolution, RouteParentStatus, UnhandledGateway } from '../../resolve/types.js';
import type { UnattachedParent } from '../../resolve/unattached.js';
import { certificateHint } from './cert-hints.js';
import { unhandledBlock } from './unhandled.js';
import { deployFailureExplanation, explain, isUnhealthy, type ExplainedKind, type Explanation } from './explanations.js';
import { nlbBackendNotFound, routeHints } from './route-hints.js';
import { unattachedBlock } from './unattached.js';

/** What explain knows beyond the statuses: the built stacks and what would fail at deploy. */
export interface ExplainExtras {
  readonly deployFailures?: ReadonlyMap<string, DeployFailure>;
  readonly stacks?: readonly Stack[];
  readonly diagnostics?: readonly Diagnostic[];
  /** Built without discovery facts (explain's default): certificates were not looked up. */
  readonly offline?: boolean;
  /** parentRefs LBC ignores, for the selected routes. */
  readonly unattached?: readonly UnattachedParent[];
  /** Gateways LBC ignores (class missing or of another controller). */
  readonly unhandled?: readonly UnhandledGateway[];
}

function key(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

function conditionLine(c: Condition, chalk: ChalkInstance): string {
  const ok = !isUnhealthy(c);
  const mark = ok ? chalk.green('✓') : c.status === 'Unknown' || c.reason === 'Pending' ? chalk.yellow('…') : chalk.red('✗');
  // Condition messages quote input (names, hostnames, a chained Gateway's own status): shortened
  // here as diagnostics are; the -o yaml/json views keep them verbatim, as LBC writes them.
  const message = c.message ? ` ${chalk.dim(shortenLongRuns(c.message))}` : '';
  return `${mark} ${c.type}=${c.status} (${c.reason})${message}`;
}

function conditionLines(
  kind: ExplainedKind,
  conditions: readonly Condition[],
  indent: string,
  chalk: ChalkInstance,
  override?: (c: Condition) => Explanation | undefined,
): string[] {
  const out: string[] = [];
  for (const c of conditions) {
    out.push(`${indent}${conditionLine(c, chalk)}`);
    if (isUnhealthy(c)) {
      out.push(hintLine(override?.(c) ?? explain(kind, c), indent, chalk));
    }
  }
  return out;
}

function hintLine(e: Explanation, indent: string, chalk: ChalkInstance): string {
  return `${indent}    ${chalk.bold(e.code)} ${shortenLongRuns(e.text)}`;
}

function parentNames(g: GatewayResolution): Set<string> {
  const names = new Set([key('Gateway', g.gateway.metadata.namespace, g.gateway.metadata.name)]);
  for (const s of [...g.acceptedListenerSets, ...g.rejectedListenerSets]) names.add(key('ListenerSet', s.metadata.namespace, s.metadata.name));
  return names;
}

function parentKey(p: RouteParentStatus, route: ObjectStatus): string {
  return key(p.parentRef.kind ?? 'Gateway', p.parentRef.namespace ?? route.object.namespace, p.parentRef.name);
}

function parentsOf(route: ObjectStatus, parents: Set<string>): RouteParentStatus[] {
  if (route.status.kind !== 'Route') return [];
  return route.status.parents.filter((p) => parents.has(parentKey(p, route)));
}

/**
 * Per parent key, the positions in `routes` of the routes with a status for that parent, ascending.
 * Built once per render so that each Gateway's tree looks only at its own routes (matching every
 * route against every Gateway was quadratic: seconds on a few thousand routes).
 */
function routesByParent(routes: readonly ObjectStatus[]): Map<string, number[]> {
  const byParent = new Map<string, number[]>();
  routes.forEach((route, i) => {
    if (route.status.kind !== 'Route') return;
    for (const p of route.status.parents) {
      const k = parentKey(p, route);
      const list = byParent.get(k);
      if (!list) byParent.set(k, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    }
  });
  return byParent;
}

/** The routes with a status for one of `parents`, in `routes` order. */
function routesUnder(parents: Set<string>, routes: readonly ObjectStatus[], byParent: Map<string, number[]>): ObjectStatus[] {
  const at = new Set<number>();
  for (const parent of parents) for (const i of byParent.get(parent) ?? []) at.add(i);
  return [...at].sort((a, b) => a - b).map((i) => routes[i]!);
}

/** `routes`: the selected routes with a status for this Gateway or one of its ListenerSets (`names`). */
function gatewayTree(g: GatewayResolution, names: Set<string>, byKey: Map<string, ObjectStatus>, routes: readonly ObjectStatus[], chalk: ChalkInstance, extras: ExplainExtras): string[] {
  const gw = g.gateway.metadata;
  const type = g.loadBalancerType === 'application' ? 'ALB' : 'NLB';
  const out = [`${chalk.bold(`Gateway ${gw.namespace}/${gw.name}`)}  ${type} · class ${g.gatewayClass.metadata.name} (${g.controllerName})`];
  const status = byKey.get(key('Gateway', gw.namespace, gw.name))?.status;
  const failure = extras.deployFailures?.get(`${gw.namespace}/${gw.name}`);
  const stack = extras.stacks?.find((s) => s.id === `${gw.namespace}/${gw.name}`);
  if (status?.kind === 'Gateway') {
    // A deploy AWS would reject: same status as a failed build, but LBC's event names the AWS error.
    const override = failure ? (c: Condition) => deployFailureExplanation(failure, c) : undefined;
    out.push(...conditionLines('Gateway', status.conditions, '  ', chalk, override));
    if (failure) out.push(`  ${chalk.yellow('Event')} Warning ${failure.reason}: ${chalk.dim(shortenLongRuns(failure.message))}`);
    for (const l of g.listeners) {
      const owner = l.owner.kind === 'Gateway' ? 'Gateway' : `ListenerSet ${l.owner.metadata.namespace}/${l.owner.metadata.name}`;
      const host = l.listener.hostname ? ` ${l.listener.hostname}` : '';
      out.push(`  Listener ${chalk.bold(l.listener.name)} :${l.listener.port} ${l.listener.protocol}${host} · from ${owner} · ${l.attachedRoutes} attached route(s)`);
      const listenerStatus =
        l.owner.kind === 'Gateway'
          ? status.listeners?.find((s) => s.name === l.listener.name)
          : (() => {
              const s = byKey.get(key('ListenerSet', l.owner.metadata.namespace, l.owner.metadata.name))?.status;
              return s?.kind === 'ListenerSet' ? s.listeners.find((x) => x.name === l.listener.name) : undefined;
            })();
      if (listenerStatus) out.push(...conditionLines('Listener', listenerStatus.conditions.filter((c) => c.type !== 'Conflicted' || c.status === 'True'), '    ', chalk));
      const cert = certificateHint(g, l, stack, extras.diagnostics ?? [], extras.offline ?? true);
      if (cert) out.push(hintLine(cert, '  ', chalk));
    }
  }
  for (const set of [...g.acceptedListenerSets, ...g.rejectedListenerSets]) {
    const s = byKey.get(key('ListenerSet', set.metadata.namespace, set.metadata.name))?.status;
    out.push(`  ListenerSet ${chalk.bold(`${set.metadata.namespace}/${set.metadata.name}`)}`);
    if (s?.kind === 'ListenerSet') out.push(...conditionLines('ListenerSet', s.conditions, '    ', chalk));
  }
  // On an NLB a missing backend leaves nothing to answer with (route-hints.ts).
  const routeOverride = g.loadBalancerType === 'network' ? (c: Condition) => (c.reason === 'BackendNotFound' ? nlbBackendNotFound() : undefined) : undefined;
  for (const route of routes) {
    const parents = parentsOf(route, names);
    for (const p of parents) {
      const via = p.parentRef.sectionName ? ` via ${p.parentRef.sectionName}` : p.parentRef.port ? ` via port ${p.parentRef.port}` : '';
      out.push(`  ${route.object.kind} ${chalk.bold(`${route.object.namespace}/${route.object.name}`)}${via}`);
      out.push(...conditionLines('Route', p.conditions, '    ', chalk, routeOverride));
    }
    if (parents.length > 0) for (const h of routeHints(g, route.object)) out.push(hintLine(h, '  ', chalk));
  }
  return out;
}

export function renderExplainText(
  resolution: Resolution,
  selected: readonly ObjectStatus[],
  chalk: ChalkInstance,
  extras: ExplainExtras = {},
): string {
  // Looked up by key are Gateways and ListenerSets only; routes (most statuses) are reached through byParent.
  const parentStatuses = (statuses: readonly ObjectStatus[]) => statuses.filter((s) => s.status.kind !== 'Route');
  const byKey = new Map(parentStatuses(resolution.statuses).map((s) => [key(s.object.kind, s.object.namespace, s.object.name), s]));
  const selectedKeys = new Set(parentStatuses(selected).map((s) => key(s.object.kind, s.object.namespace, s.object.name)));
  const routes = selected.filter((s) => s.status.kind === 'Route');
  const byParent = routesByParent(routes);
  const blocks: string[] = [];
  for (const s of selected) {
    if (s.status.kind !== 'GatewayClass') continue;
    blocks.push([`${chalk.bold(`GatewayClass ${s.object.name}`)}`, ...conditionLines('GatewayClass', s.status.conditions, '  ', chalk)].join('\n'));
  }
  for (const g of resolution.gateways) {
    const gwKey = key('Gateway', g.gateway.metadata.namespace, g.gateway.metadata.name);
    const names = parentNames(g);
    // A route with no status for this Gateway adds nothing to its tree, selected or not.
    const relevantRoutes = routesUnder(names, routes, byParent);
    if (!selectedKeys.has(gwKey) && relevantRoutes.length === 0) continue;
    blocks.push(gatewayTree(g, names, byKey, relevantRoutes, chalk, extras).join('\n'));
  }
  for (const u of extras.unhandled ?? []) blocks.push(unhandledBlock(u, chalk));
  const unattached = unattachedBlock(extras.unattached ?? [], chalk);
  if (unattached) blocks.push(unattached);
  return blocks.length > 0 ? blocks.join('\n\n') + '\n' : '';
}
