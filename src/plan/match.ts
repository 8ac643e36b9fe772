/**
 * Pairing desired resources with observed ones, as LBC's synthesizers do (lbc-model-deploy.md §10.3):
 * - SG, LB, TG (and the WAF/Shield addons): by the `<prefix>/resource` tag, i.e. resource id;
 * - listeners: by port, among the listeners of the owned LB (listener_synthesizer.go);
 * - rules: first by content — actions, conditions and transforms equal under LBC's comparison,
 *   whatever the priority — then the rest by equal priority; the remainder are created or deleted
 *   (listener_rule_synthesizer.go `matchResAndSDKListenerRules`).
 * A duplicate observed id (two LBs tagged `LoadBalancer`) pairs once; the extra is deleted.
 */
import { overlay, type View } from './views.js';
import { canonical } from './values.js';

export interface Pairing<D, O> {
  readonly pairs: readonly (readonly [D, O])[];
  readonly desiredOnly: readonly D[];
  readonly observedOnly: readonly O[];
}

export function matchByKey<D, O>(desired: readonly D[], observed: readonly O[], dKey: (d: D) => string, oKey: (o: O) => string): Pairing<D, O> {
  const byKey = new Map<string, O>();
  const extra: O[] = [];
  for (const o of observed) {
    const k = oKey(o);
    if (byKey.has(k)) extra.push(o);
    else byKey.set(k, o);
  }
  const pairs: [D, O][] = [];
  const desiredOnly: D[] = [];
  for (const d of desired) {
    const k = dKey(d);
    const o = byKey.get(k);
    if (o === undefined) desiredOnly.push(d);
    else {
      pairs.push([d, o]);
      byKey.delete(k);
    }
  }
  return { pairs, desiredOnly, observedOnly: [...byKey.values(), ...extra] };
}

export interface RuleSide {
  readonly view: View;
}

function content(v: View): string {
  return canonical({ actions: v['actions'], conditions: v['conditions'], transforms: v['transforms'] });
}

/** Content without what `alignActions` may copy from the observed side: a cheap bucket key. */
function looseContent(v: View): string {
  const actions = (v['actions'] as View[]).map((a) => {
    if (a['type'] !== 'forward') return a;
    const fc = a['forwardConfig'] as View & { targetGroups: View[] };
    const tgs = fc.targetGroups.length === 1 ? [{ targetGroupARN: fc.targetGroups[0]!['targetGroupARN'] }] : fc.targetGroups;
    return { type: 'forward', forwardConfig: { targetGroups: tgs } };
  });
  return canonical({ actions, conditions: v['conditions'], transforms: v['transforms'] });
}

/** LBC's rule matching for one listener. Views are rule views (views.ts), refs resolved. */
export function matchRules<D extends RuleSide, O extends RuleSide>(desired: readonly D[], observed: readonly O[]): Pairing<D, O> {
  // No observed rules (a new listener, an offline plan): every desired rule is created.
  if (observed.length === 0) return { pairs: [], desiredOnly: desired, observedOnly: [] };
  const buckets = new Map<string, O[]>();
  for (const o of observed) {
    const k = looseContent(o.view);
    buckets.set(k, [...(buckets.get(k) ?? []), o]);
  }
  const used = new Set<O>();
  const pairs: [D, O][] = [];
  const rest: D[] = [];
  for (const d of desired) {
    const candidates = buckets.get(looseContent(d.view)) ?? [];
    const want = (o: O) => content(overlay('AWS::ElasticLoadBalancingV2::ListenerRule', d.view, o.view)) === content(o.view);
    const hit = candidates.find((o) => !used.has(o) && want(o));
    if (hit) {
      used.add(hit);
      pairs.push([d, hit]);
    } else rest.push(d);
  }
  const byPriority = matchByKey(
    rest,
    observed.filter((o) => !used.has(o)),
    (d) => String(d.view['priority']),
    (o) => String(o.view['priority']),
  );
  return { pairs: [...pairs, ...byPriority.pairs], desiredOnly: byPriority.desiredOnly, observedOnly: byPriority.observedOnly };
}
