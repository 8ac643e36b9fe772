/**
 * Canonical forms of listener/rule actions, conditions, transforms and certificates, so that two
 * values LBC's equality treats as equal are equal here too (pkg/equality/elbv2/*.go,
 * lbc-model-deploy.md §10.3):
 * - forward target-group tuples compare as a set (sorted by ARN);
 * - redirect fields left nil equal their defaults `#{host}`, `/#{path}`, `#{port}`, `#{protocol}`, `#{query}`;
 * - conditions compare as a list sorted by field, transforms sorted by type;
 * - listener certificates: the default first, the rest a set;
 * - ALPN `None` equals unset, mTLS mode `off` equals unset (listener_manager.go);
 * - disabled forward stickiness equals none (AWS reports `{Enabled: false}` for a forward action
 *   created without it; a duration is meaningless while it is off).
 * The asymmetric rules (desired stickiness nil ignores the actual's; a single tuple's weight is
 * ignored) are in `alignActions`, which predicts the state after apply from the observed one.
 * OIDC client secrets become the sensitive marker: DescribeRules never returns them, so gwlb
 * never compares them (LBC modifies such rules on every reconcile; gwlb keeps plans idempotent
 * and apply re-sends the secrets instead, write-only.ts).
 */
import type { Action, RuleCondition, Transform } from '../model/stack.js';
import { SENSITIVE, canonical, sortSet } from './values.js';

const REDIRECT_DEFAULTS = { host: '#{host}', path: '/#{path}', port: '#{port}', protocol: '#{protocol}', query: '#{query}' } as const;

type Obj = Record<string, unknown>;

export function normalizeAction(a: Action): Obj {
  switch (a.type) {
    case 'forward': {
      // The config's two members (ForwardConfig), named rather than copied with a rest pattern:
      // V8 copies a rest pattern member by member, once per rule of the plan.
      const { targetGroups, targetGroupStickinessConfig: st } = a.forwardConfig;
      const tuples = sortSet(targetGroups.map((t) => ({ ...t })));
      // Disabled stickiness is no stickiness: AWS reports `{Enabled: false}` on every forward
      // action created without it, and ignores the duration while it is off.
      return { type: a.type, forwardConfig: st?.enabled ? { targetGroups: tuples, targetGroupStickinessConfig: st } : { targetGroups: tuples } };
    }
    case 'redirect':
      return { type: a.type, redirectConfig: { ...REDIRECT_DEFAULTS, ...definedOnly(a.redirectConfig) } };
    case 'authenticate-oidc':
      return { type: a.type, authenticateOIDCConfig: { ...a.authenticateOIDCConfig, clientSecret: SENSITIVE } };
    case 'fixed-response':
    case 'authenticate-cognito':
    case 'jwt-validation':
      return { ...a };
  }
}

export function normalizeActions(actions: readonly Action[] | undefined): Obj[] {
  return (actions ?? []).map(normalizeAction);
}

function definedOnly(o: object): Obj {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** Conditions by field, then by their canonical text. */
const byField = (a: RuleCondition, b: RuleCondition) => (a.field < b.field ? -1 : a.field > b.field ? 1 : canonical(a) < canonical(b) ? -1 : 1);

export function normalizeConditions(conditions: readonly RuleCondition[] | undefined): RuleCondition[] {
  const out = conditions ? conditions.slice() : [];
  // The model builds most rules' conditions in this order already: then the copy is the answer,
  // without a sort's set-up once per rule (a strictly ascending list is what sort returns it as).
  for (let i = 1; i < out.length; i++) if (byField(out[i - 1]!, out[i]!) >= 0) return out.sort(byField);
  return out;
}

export function normalizeTransforms(transforms: readonly Transform[] | undefined): Transform[] {
  return [...(transforms ?? [])].sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
}

/** Default certificate first, the others as a sorted set without it. */
export function normalizeCertificates<T>(certs: readonly { readonly certificateARN: T }[] | undefined): { certificateARN: T }[] | undefined {
  if (!certs || certs.length === 0) return undefined;
  const [first, ...rest] = certs;
  const key = canonical(first!.certificateARN);
  const others = sortSet(rest.filter((c) => canonical(c.certificateARN) !== key).map((c) => ({ certificateARN: c.certificateARN })));
  return [{ certificateARN: first!.certificateARN }, ...others];
}

export function normalizeAlpn(alpn: readonly string[] | undefined): readonly string[] | undefined {
  return alpn === undefined || alpn.length === 0 || (alpn.length === 1 && alpn[0] === 'None') ? undefined : alpn;
}

export function normalizeMtls<T extends { readonly mode: string }>(m: T | undefined): T | undefined {
  return m === undefined || m.mode === 'off' ? undefined : m;
}

/**
 * Predicts the actions after apply: where LBC ignores a difference, AWS keeps the observed value.
 * `after` and `before` are normalised action lists.
 */
export function alignActions(after: readonly Obj[], before: readonly Obj[]): Obj[] {
  return after.map((a, i) => {
    const b = before[i];
    if (a['type'] !== 'forward' || b?.['type'] !== 'forward') return a;
    const af = a['forwardConfig'] as Obj & { targetGroups: Obj[] };
    const bf = b['forwardConfig'] as Obj & { targetGroups: Obj[] };
    const out: Obj = { ...af };
    if (af['targetGroupStickinessConfig'] === undefined && bf['targetGroupStickinessConfig'] !== undefined) {
      out['targetGroupStickinessConfig'] = bf['targetGroupStickinessConfig'];
    }
    const [at] = af.targetGroups;
    const [bt] = bf.targetGroups;
    if (af.targetGroups.length === 1 && bf.targetGroups.length === 1 && canonical(at!['targetGroupARN']) === canonical(bt!['targetGroupARN'])) {
      out['targetGroups'] = [{ ...at, weight: bt!['weight'] }];
    }
    return { type: 'forward', forwardConfig: out };
  });
}

/** Attribute lists as sorted maps `{key: value}`; none → undefined. */
export function attributeMap(attrs: readonly { readonly key: string; readonly value: string }[] | undefined): Record<string, string> | undefined {
  if (!attrs || attrs.length === 0) return undefined;
  return Object.fromEntries([...(attrs ?? [])].map((a) => [a.key, a.value]).sort(([a], [b]) => (a! < b! ? -1 : 1)));
}
