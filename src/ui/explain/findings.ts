/**
 * `explain --from-cluster` findings in words: each finding's stable code (GWLB40x the status LBC
 * wrote, GWLB41x the AWS side; gwlb's own unhealthy conditions keep their GWLB25x–28x codes from
 * explanations.ts), its severity, what is wrong and what to change.
 */
import type { ChalkInstance } from 'chalk';
import { shortenLongRuns, type ObjectRef } from '../../diagnostics.js';
import type { Finding, FindingScope } from '../../explain/index.js';
import { yamlLib } from '../../source/yaml-lib.js';
import { deployFailureExplanation, explain } from './explanations.js';
import { nlbBackendNotFound } from './route-hints.js';
import { targetHealthFix } from './target-health.js';

export type FindingSeverity = 'error' | 'warning' | 'info';

export interface DescribedFinding {
  readonly code: string;
  readonly severity: FindingSeverity;
  readonly message: string;
  readonly fix: string;
}

export function objectLabel(o: ObjectRef): string {
  return `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
}

function scopeLabel(s: FindingScope): string {
  switch (s.at) {
    case 'object':
      return '';
    case 'listener':
      return ` listener ${s.name}`;
    case 'parent':
      return ` parent ${s.parent}`;
  }
}

const value = (v: { status: string; reason: string } | undefined, type: string) => (v ? `${type}=${v.status} (${v.reason})` : 'nothing');

const LBC_RUNNING =
  'check that LBC v3.5.0 runs (kubectl -n kube-system get deploy aws-load-balancer-controller), with the ALBGatewayAPI/NLBGatewayAPI feature gates on and --watch-namespace unset or naming this namespace';

export function describeFinding(f: Finding): DescribedFinding {
  switch (f.kind) {
    case 'status-not-written':
      if (f.object.kind === 'Gateway' && f.finalizer)
        return { code: 'GWLB402', severity: 'error', message: `LBC took this Gateway (finalizer ${f.finalizer}) but wrote no status: its reconcile fails before the status update`, fix: `read the Gateway's events (kubectl describe gateway -n ${f.object.namespace} ${f.object.name}) and LBC's log for this Gateway` };
      if (f.object.kind === 'GatewayClass')
        return { code: 'GWLB401', severity: 'error', message: 'LBC has not processed this GatewayClass: no gateway.k8s.aws/gatewayclass finalizer and no Accepted condition from LBC', fix: LBC_RUNNING };
      return { code: 'GWLB401', severity: 'error', message: f.object.kind === 'Gateway' ? 'no status from LBC and no LBC finalizer: LBC has not seen this Gateway' : 'no status from LBC: LBC has not written this object\'s status', fix: LBC_RUNNING };
    case 'status-other-controller':
      return { code: 'GWLB403', severity: 'error', message: `status.parents holds entries only from ${f.controllers.join(', ')}, none from LBC`, fix: `another controller serves this route's parents; ${LBC_RUNNING}` };
    case 'status-stale':
      return {
        code: 'GWLB404',
        severity: 'warning',
        message: `LBC's status is stale: observedGeneration ${f.observedGeneration}, metadata.generation ${f.generation}`,
        fix: 'LBC has not reconciled the latest spec: wait a moment; if it stays behind, LBC is stuck or down — read its log',
      };
    case 'status-unknown':
      return {
        code: 'GWLB405',
        severity: 'warning',
        message: f.reason === undefined ? `condition ${f.type} is one LBC v3.5.0 never writes here` : `condition ${f.type} has reason ${f.reason}, which LBC v3.5.0 never writes here`,
        fix: 'the controller writing this status is not LBC v3.5.0 (another LBC version or another controller); gwlb reproduces v3.5.0 — compare with the version you run',
      };
    case 'status-differs':
      return {
        code: 'GWLB406',
        severity: 'warning',
        message: `${f.type} differs: LBC wrote ${value(f.lbc, f.type)}, gwlb computes ${value(f.gwlb, f.type)}`,
        fix: 'LBC may have reconciled an older input, or behaves differently from v3.5.0; re-run after LBC reconciles, and report a reproducible difference to gwlb',
      };
    case 'status-entry-missing':
      return f.side === 'lbc'
        ? { code: 'GWLB407', severity: 'warning', message: 'gwlb computes a status entry here that LBC has not written', fix: 'LBC has not reconciled this yet, or does not attach it; re-run after LBC reconciles' }
        : { code: 'GWLB407', severity: 'warning', message: 'LBC wrote a status entry here that gwlb does not compute', fix: 'the entry may be left from an older spec; LBC rewrites it on its next reconcile' };
    case 'condition': {
      // The tree view's overrides (text.ts): the deploy AWS rejects, and a missing backend on an NLB.
      const e = (f.deployFailure ? deployFailureExplanation(f.deployFailure, f.condition) : undefined) ?? (f.network && f.condition.reason === 'BackendNotFound' ? nlbBackendNotFound() : explain(f.owner, f.condition));
      const c = f.condition;
      return { code: e.code, severity: c.status === 'Unknown' || c.reason === 'Pending' ? 'info' : 'error', message: `${c.type}=${c.status} (${c.reason})${c.message ? `: ${c.message}` : ''}`, fix: e.text };
    }
    case 'lb-missing':
      return { code: 'GWLB410', severity: 'error', message: 'no load balancer in AWS for this Gateway (none carries its stack tag)', fix: 'LBC has not deployed it (see the status findings above); gwlb plan --from-cluster shows what it would create' };
    case 'lb-state':
      return {
        code: 'GWLB411',
        severity: f.state === 'provisioning' ? 'info' : 'error',
        message: `load balancer ${f.name} is ${f.state}${f.reason ? ` (${f.reason})` : ''}`,
        fix: f.state === 'provisioning' ? 'wait: LBC sets Programmed=True once it is active (it re-checks every 2 minutes)' : f.state === 'failed' ? 'AWS could not create it: fix the cause named, then delete the Gateway\'s load balancer so LBC creates it again' : 'AWS reports a problem in one of its zones; see the AWS Health dashboard',
      };
    case 'drift':
      return { code: 'GWLB412', severity: 'warning', message: `${f.address} differs from the desired state (${f.action})`, fix: 'LBC has not converged, or something else changed it; gwlb plan --from-cluster shows the full diff' };
    case 'certificate-missing':
      return {
        code: 'GWLB413',
        severity: 'error',
        message: f.detail,
        fix: `request or import an ISSUED ACM certificate for ${f.host ?? "the listener's hostnames"} in this account and region, or name its ARN in the LoadBalancerConfiguration's listenerConfigurations`,
      };
    case 'subnets':
      return {
        code: 'GWLB414',
        severity: 'error',
        message: f.detail,
        fix: 'tag the subnets LBC may use (kubernetes.io/role/elb=1 for internet-facing, kubernetes.io/role/internal-elb=1 for internal; kubernetes.io/cluster/<cluster> shared or owned), or name them in the LoadBalancerConfiguration',
      };
    case 'target-unhealthy':
      return {
        code: 'GWLB415',
        severity: f.state === 'initial' || f.state === 'draining' ? 'info' : 'warning',
        message: `target ${f.target} of ${f.targetGroup} is ${f.state}${f.reason ? ` (${f.reason}${f.description ? `: ${f.description}` : ''})` : ''}`,
        fix: targetHealthFix(f.reason),
      };
    case 'target-group-empty':
      return { code: 'GWLB416', severity: 'warning', message: `target group ${f.targetGroup} has no registered targets`, fix: "the backend Service has no ready endpoints, or LBC's TargetGroupBinding has not registered them; check the Service's selector and its pods" };
  }
}

export interface FindingsJson {
  readonly format_version: string;
  readonly findings: readonly Record<string, unknown>[];
}

export function findingsData(findings: readonly Finding[]): FindingsJson {
  return {
    format_version: '1.0',
    findings: findings.map((f) => {
      const d = describeFinding(f);
      const { kind, object, ...rest } = f;
      return { code: d.code, severity: d.severity, kind, object, message: d.message, fix: d.fix, ...rest };
    }),
  };
}

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

/** One line per finding: code, severity, object (and listener or parent), what is wrong, then what to change. */
export function findingLine(f: Finding, chalk: ChalkInstance): string {
  const d = describeFinding(f);
  const scope = 'scope' in f ? scopeLabel(f.scope) : '';
  const severity = d.severity === 'error' ? chalk.red(d.severity) : d.severity === 'warning' ? chalk.yellow(d.severity) : chalk.dim(d.severity);
  return `${chalk.bold(d.code)} ${severity} ${objectLabel(f.object)}${scope}: ${sentence(shortenLongRuns(d.message))} ${chalk.dim('Fix:')} ${sentence(d.fix)}`;
}

export function renderFindingsText(findings: readonly Finding[], chalk: ChalkInstance, options: { readonly offline: boolean }): string {
  const aws = options.offline ? ' (AWS not read: --offline)' : '';
  if (findings.length === 0) return `No findings${aws}: LBC's status matches gwlb's, and every Gateway, listener and route is programmed.\n`;
  const counts = (['error', 'warning', 'info'] as const).map((s) => [s, findings.filter((f) => describeFinding(f).severity === s).length] as const).filter(([, n]) => n > 0);
  const summary = `${findings.length} finding${findings.length === 1 ? '' : 's'}${aws}: ${counts.map(([s, n]) => `${n} ${s}${n === 1 || s === 'info' ? '' : 's'}`).join(', ')}.`;
  return `${findings.map((f) => findingLine(f, chalk)).join('\n')}\n\n${summary}\n`;
}

export function renderFindingsData(findings: readonly Finding[], format: 'json' | 'yaml'): string {
  const data = findingsData(findings);
  return format === 'json' ? JSON.stringify(data, null, 2) + '\n' : yamlLib().stringify(data, { lineWidth: 0 });
}
