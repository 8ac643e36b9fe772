/**
 * What one stack's execution knows while it runs: the desired stack (full specs, secrets
 * included — the plan itself never carries them), the observed resources by ARN, and the values
 * of `$ref` tokens — seeded from the observed resources that stay, then overwritten by each
 * create's result (LBC's stack deployer resolves tokens from resource status the same way,
 * pkg/model/core/token_types.go). `$unknown` markers left by discovery (the shared backend SG
 * before it exists) resolve from `unknowns`.
 */
import { isUnknown } from '../model/discovery.js';
import { isResourceRef, type Stack, type StackResource, type StatusField } from '../model/stack.js';
import type { ObservedResource, ObservedStack } from '../plan/observed.js';
import type { ResourceChange } from '../plan/types.js';

export class UnresolvedValueError extends Error {
  override readonly name = 'UnresolvedValueError';
}

export const refKey = (type: string, id: string, field: StatusField | string) => `#/resources/${type}/${id}/status/${field}`;

export class StackContext {
  readonly refs = new Map<string, string>();
  readonly observedByArn = new Map<string, ObservedResource>();
  private readonly observedByTypedArn = new Map<string, ObservedResource>();

  constructor(
    readonly stackId: string,
    readonly desired: Stack | undefined,
    observed: ObservedStack | undefined,
    readonly vpcId: string,
    readonly unknowns: ReadonlyMap<string, string>,
    changes: readonly ResourceChange[],
  ) {
    const replaced = new Set(changes.filter((c) => c.change.actions.length === 2).map((c) => c.arn));
    for (const o of observed?.resources ?? []) {
      // An LB's addons carry the LB's ARN: the LB keeps the ARN's entry, each addon is found by type.
      if (!this.observedByArn.has(o.arn) || o.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer') this.observedByArn.set(o.arn, o);
      this.observedByTypedArn.set(`${o.type} ${o.arn}`, o);
      if (replaced.has(o.arn)) continue;
      for (const [field, value] of Object.entries(o.status)) if (value) this.refs.set(refKey(o.type, o.id, field), value);
    }
  }

  desiredOf(rc: ResourceChange): StackResource {
    const d = this.desired?.resources.find((r) => r.type === rc.type && r.id === rc.id);
    if (!d) throw new UnresolvedValueError(`${rc.address} is not in the desired stack any more; re-run gwlb plan`);
    return d;
  }

  observedOf(rc: ResourceChange): ObservedResource {
    const o = rc.arn ? this.observedByTypedArn.get(`${rc.type} ${rc.arn}`) : undefined;
    if (!o) throw new UnresolvedValueError(`${rc.address}: the observed resource ${rc.arn ?? '(no ARN)'} is gone; re-run gwlb plan`);
    return o;
  }

  setStatus(type: string, id: string, status: Partial<Record<StatusField, string>>): void {
    for (const [field, value] of Object.entries(status)) if (value) this.refs.set(refKey(type, id, field), value);
  }

  /** Replaces every `$ref` and `$unknown` in a spec; an unresolvable one is an error, never sent. */
  resolve<T>(value: T, where: string): T {
    const walk = (v: unknown): unknown => {
      if (isResourceRef(v)) {
        const got = this.refs.get(v.$ref);
        if (got === undefined) throw new UnresolvedValueError(`${where}: ${v.$ref} has no value (the resource it names was not created)`);
        return got;
      }
      if (isUnknown(v)) {
        const got = this.unknowns.get(v.$unknown);
        if (got === undefined) throw new UnresolvedValueError(`${where}: ${v.$unknown} is not known; gwlb cannot apply a value it could not discover`);
        return got;
      }
      if (Array.isArray(v)) return v.map(walk);
      if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
      return v;
    };
    return walk(value) as T;
  }
}
