/**
 * The AWS side of `explain --from-cluster`, as findings: each Gateway's load balancer (missing or
 * not active), drift (the plan's changes for its stack — the same diff `gwlb plan` shows), the
 * discovery failures LBC's model build would hit (no ACM certificate for a host, no subnet that
 * qualifies: the model's GWLB305/GWLB312 errors), and target health per target group.
 */
import type { Diagnostic } from '../diagnostics.js';
import { actionKind, type Plan } from '../plan/types.js';
import { gatewayRef, type Finding } from './findings.js';

/** A load balancer of an owned stack as DescribeLoadBalancers reports it. */
export interface LiveLoadBalancer {
  /** Gateway `ns/name` (the stack tag). */
  readonly stackId: string;
  readonly name: string;
  readonly arn: string;
  readonly dnsName: string;
  /** `provisioning` | `active` | `active_impaired` | `failed`. */
  readonly state: string;
  readonly reason?: string;
}

export interface LiveTarget {
  readonly id: string;
  readonly port?: number;
  readonly state: string;
  readonly reason?: string;
  readonly description?: string;
}

/** An owned target group and DescribeTargetHealth's answer for it. */
export interface LiveTargetGroup {
  readonly stackId: string;
  readonly name: string;
  readonly targets: readonly LiveTarget[];
}

export interface LiveAws {
  readonly loadBalancers: readonly LiveLoadBalancer[];
  readonly targetGroups: readonly LiveTargetGroup[];
}

export interface AwsFindingsInput {
  /** `ns/name` of the Gateways gwlb handles (LBC's classes, no fatal error), in input order. */
  readonly gateways: readonly string[];
  /** Stack ids gwlb built a model for (the others failed to build: their errors say why). */
  readonly built: ReadonlySet<string>;
  readonly plan: Pick<Plan, 'resource_changes'>;
  readonly live: LiveAws;
  readonly diagnostics: readonly Diagnostic[];
}

const MODEL_ERROR = /^Gateway ([^\s:]+): (.*)$/s;

/** The model's certificate and subnet errors (model/context.ts prefixes them `Gateway ns/name: `). */
function discoveryFindings(diagnostics: readonly Diagnostic[], gateways: ReadonlySet<string>): Finding[] {
  const out: Finding[] = [];
  for (const d of diagnostics) {
    if (d.severity !== 'error' || (d.code !== 'GWLB305' && d.code !== 'GWLB312')) continue;
    const m = MODEL_ERROR.exec(d.message);
    if (!m || !gateways.has(m[1]!)) continue;
    const object = gatewayRef(m[1]!);
    if (d.code === 'GWLB312') {
      out.push({ kind: 'subnets', object, detail: m[2]! });
      continue;
    }
    // cert_discovery.go: "no certificate found for host: <host>".
    const host = /no certificate found for host: (\S+)/.exec(m[2]!)?.[1];
    out.push({ kind: 'certificate-missing', object, detail: m[2]!, ...(host ? { host } : {}) });
  }
  return out;
}

function targetFindings(id: string, tgs: readonly LiveTargetGroup[]): Finding[] {
  const object = gatewayRef(id);
  return tgs
    .filter((tg) => tg.stackId === id)
    .flatMap((tg): Finding[] => {
      if (tg.targets.length === 0) return [{ kind: 'target-group-empty', object, targetGroup: tg.name }];
      return tg.targets
        .filter((t) => t.state !== 'healthy')
        .map((t) => ({
          kind: 'target-unhealthy' as const,
          object,
          targetGroup: tg.name,
          target: t.port !== undefined ? `${t.id}:${t.port}` : t.id,
          state: t.state,
          ...(t.reason ? { reason: t.reason } : {}),
          ...(t.description ? { description: t.description } : {}),
        }));
    });
}

export function awsFindings(input: AwsFindingsInput): Finding[] {
  const out: Finding[] = [];
  out.push(...discoveryFindings(input.diagnostics, new Set(input.gateways)));
  for (const id of input.gateways) {
    const object = gatewayRef(id);
    const lb = input.live.loadBalancers.find((l) => l.stackId === id);
    if (!lb) {
      // Nothing in AWS: one finding, not one "create" per planned resource.
      if (input.built.has(id)) out.push({ kind: 'lb-missing', object });
      continue;
    }
    if (lb.state !== 'active') out.push({ kind: 'lb-state', object, name: lb.name, state: lb.state, ...(lb.reason ? { reason: lb.reason } : {}) });
    if (input.built.has(id)) {
      for (const rc of input.plan.resource_changes) {
        const action = actionKind(rc.change.actions);
        if (rc.stack === id && action !== 'no-op') out.push({ kind: 'drift', object, address: rc.address, action });
      }
    }
    out.push(...targetFindings(id, input.live.targetGroups));
  }
  return out;
}

/** Load balancer states for resolve (Gateway `Programmed`), from what AWS reports. */
export function loadBalancerStates(live: LiveAws): Map<string, { kind: 'provisioning' } | { kind: 'active'; arn: string; dnsName: string }> {
  const out = new Map<string, { kind: 'provisioning' } | { kind: 'active'; arn: string; dnsName: string }>();
  // gateway_controller.go: Programmed=True for `active` and `active_impaired`.
  for (const lb of live.loadBalancers) out.set(lb.stackId, lb.state === 'active' || lb.state === 'active_impaired' ? { kind: 'active', arn: lb.arn, dnsName: lb.dnsName } : { kind: 'provisioning' });
  return out;
}
