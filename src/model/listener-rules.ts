/**
 * ALB listener rules (model_build_listener.go `buildListenerRules`): units in precedence order,
 * priorities 1..N per listener, resource id `<port>:<priority>`. Any unit error is a model-build
 * error for the whole Gateway (LBC fails the build), reported on the route rule.
 */
import type { PortResolution } from '../resolve/types.js';
import type { BuildContext } from './context.js';
import { CODES } from './context.js';
import { buildUnitActions } from './rule-actions.js';
import { buildUnitConditions } from './rule-conditions.js';
import { sortUnits, type RuleUnit } from './rule-precedence.js';
import { buildUnitTransforms } from './rule-transforms.js';
import { externalManagedTagMessage } from './tags.js';
import { buildTargetGroup } from './target-groups.js';
import type { ListenerRuleSpec, Protocol, TargetGroupTuple } from './stack.js';
import { RT, resourceRef } from './stack.js';

/** How a rule's errors name it (built only for an error). */
function label(unit: RuleUnit): string {
  return `${unit.route.kind} ${unit.route.metadata.namespace}/${unit.route.metadata.name} rule ${unit.rule.index}`;
}

export function buildListenerRules(ctx: BuildContext, p: PortResolution, listenerProtocol: Protocol, lbIpType: string): void {
  const listenerArn = resourceRef(RT.listener, String(p.port), 'listenerARN');
  let priority = 1;
  for (const unit of sortUnits(p.routes)) {
    const route = unit.route;
    const cond = buildUnitConditions(unit);
    if (!cond.ok) {
      ctx.error(cond.code === 'path' ? CODES.pathWildcard : CODES.grpcMethod, `${label(unit)}: ${cond.message}`, { object: route, path: cond.path });
      continue;
    }
    const tuples: TargetGroupTuple[] = [];
    const backends = unit.rule.backends;
    for (let bi = 0; bi < backends.length; bi++) {
      const backend = backends[bi]!;
      const arn = buildTargetGroup(ctx, {
        port: p.port,
        listenerProtocol,
        lbIpType: lbIpType as 'ipv4',
        attached: unit.attached,
        backend,
        ruleIndex: unit.rule.index,
        backendIndex: bi,
      });
      if (arn !== undefined) tuples.push({ targetGroupARN: arn, weight: backend.weight });
    }
    const acts = buildUnitActions(unit, listenerProtocol, tuples, ctx.input.secrets ?? []);
    if (!acts.ok) {
      const code = acts.error.kind === 'filter' ? CODES.unsupportedFilter : acts.error.kind === 'redirect' ? CODES.badRedirect : CODES.oidcSecret;
      ctx.error(code, `${label(unit)}: ${acts.error.message}`, { object: route, path: acts.error.path });
      continue;
    }
    const lrc = unit.rule.listenerRuleConfig;
    const tags = ctx.specTags(lrc?.spec.tags);
    if (!tags.ok) {
      ctx.error(CODES.externalManagedTag, `${label(unit)}: ${externalManagedTagMessage(tags.key)}`, { object: lrc ?? route, path: ['spec', 'tags', tags.key] });
      continue;
    }
    const transforms = buildUnitTransforms(unit);
    const id = `${p.port}:${priority}`;
    const { actions } = acts;
    const { conditions } = cond;
    // Two literals rather than a spread of an optional field: a spread builds and copies an extra object per rule.
    const spec: ListenerRuleSpec =
      transforms.length > 0
        ? { listenerARN: listenerArn, priority, actions, conditions, transforms, tags: tags.tags }
        : { listenerARN: listenerArn, priority, actions, conditions, tags: tags.tags };
    ctx.add({ type: RT.listenerRule, id, spec });
    ctx.ruleOrigins.set(id, { route, ruleIndex: unit.rule.index });
    priority++;
  }
}
