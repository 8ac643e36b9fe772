/**
 * The sentences printed under a plan: how it was made (offline, stand-in UIDs), what apply writes
 * that is not a change (re-sent OIDC client secrets), and what it will not do (orphans without
 * prune, Gateways whose model failed, untracked look-alikes). Shared by the text and markdown views.
 */
import type { ChalkInstance } from 'chalk';
import type { OwnershipAbort, Plan, UntrackedResource } from '../../plan/types.js';
import { someOf } from '../list-text.js';

const KIND_NAME: Readonly<Record<OwnershipAbort['type'], string>> = {
  'AWS::EC2::SecurityGroup': 'security group',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'load balancer',
  'AWS::ElasticLoadBalancingV2::TargetGroup': 'target group',
};

/** The command that puts the resource tag back, when gwlb knows its value. */
function restoreCommand(a: OwnershipAbort): string {
  const value = a.tag_value ?? '<its resource id>';
  return a.type === 'AWS::EC2::SecurityGroup'
    ? `aws ec2 create-tags --resources ${a.arn} --tags 'Key=${a.tag_key},Value=${value}'`
    : `aws elbv2 add-tags --resource-arns ${a.arn} --tags 'Key=${a.tag_key},Value=${value}'`;
}

/** One error per resource behind an aborted stack: LBC's reason, what it means, how to repair it. */
export function abortLine(stack: string, a: OwnershipAbort): string {
  const fix = a.tag_value !== undefined ? `restore the tag (${restoreCommand(a)})` : `restore its ${a.tag_key} tag (${restoreCommand(a)})`;
  return `Gateway ${stack}: ${a.error}. The ${KIND_NAME[a.type]} ${a.name} carries this cluster's and this stack's tags but no ${a.tag_key} tag, so LBC would refuse to deploy the stack, and gwlb changes nothing in it. If it belongs to this Gateway, ${fix}; if it does not, remove its elbv2.k8s.aws/cluster and stack tags. Then plan again.`;
}

/** One note per Service without a nodePort, naming the Gateways apply refuses because of it. */
function pendingNodePortNotes(plan: Plan): string[] {
  const byService = new Map<string, { ports: Set<number>; gateways: Set<string> }>();
  for (const s of plan.stacks) {
    for (const p of s.pending_node_ports ?? []) {
      const e = byService.get(p.service) ?? { ports: new Set<number>(), gateways: new Set<string>() };
      e.ports.add(p.port);
      e.gateways.add(s.id);
      byService.set(p.service, e);
    }
  }
  return [...byService.entries()].map(([service, { ports, gateways }]) => {
    const sorted = [...ports].sort((a, b) => a - b);
    const portText = sorted.length === 1 ? `port ${sorted[0]}` : `ports ${sorted.join(', ')}`;
    const gws = [...gateways].join(', ');
    const one = gateways.size === 1;
    const [ns, name] = service.split('/');
    return `Service ${service} has no nodePort for ${portText} in the input: the API server assigns it when it creates the Service, so the port and name of the instance target group of ${one ? 'Gateway' : 'Gateways'} ${gws} are (known after apply), and apply refuses ${one ? 'that Gateway' : 'those Gateways'} (the others are applied). Set spec.ports[].nodePort in the Service, or read the Service from the cluster (kubectl get service -n ${ns ?? ''} ${name ?? ''} -o yaml) into the input.`;
  });
}

/** Target groups whose targets stay as they are: one note per reason, naming each target group once. */
function unmanagedTargetNotes(plan: Plan): string[] {
  const byReason = new Map<string, string[]>();
  for (const s of plan.stacks) {
    for (const u of s.unmanaged_targets ?? []) {
      const tgs = byReason.get(u.reason);
      // Pushed, not copied: an offline plan leaves every target group's targets alone, thousands under one reason.
      if (tgs) tgs.push(u.target_group);
      else byReason.set(u.reason, [u.target_group]);
    }
  }
  return [...byReason.entries()].map(([reason, tgs]) =>
    tgs.length === 1 ? `the targets of ${tgs[0]} are left as they are: ${reason}.` : `the targets of ${tgs.length} target groups are left as they are: ${reason}. They are ${tgs.join(', ')}.`,
  );
}

/** Stale node/pod SG rules the plan keeps for load balancers outside it (plan/node-sg-coverage.ts). */
function keptNodeRulesNote(plan: Plan): string | undefined {
  const kept = plan.node_security_group_rules_kept ?? [];
  if (kept.length === 0) return undefined;
  const lbs = [...new Set(kept.flatMap((k) => k.load_balancers))].sort();
  const rules = kept.length === 1 ? `1 node security group rule (${kept[0]!.id})` : `${kept.length} node security group rules (${someOf(kept.map((k) => k.id), 5)})`;
  const users = lbs.length === 1 ? `a load balancer outside this plan's Gateways uses ${kept.length === 1 ? 'its source' : 'their sources'} (${lbs[0]})` : `load balancers outside this plan's Gateways use their sources (${someOf(lbs, 3)})`;
  return `gwlb keeps ${rules} labelled elbv2.k8s.aws/targetGroupBinding=shared that no target group in this plan needs: ${users}, so TargetGroupBindings gwlb does not see (an Ingress's or a Service's) may need ${kept.length === 1 ? 'it' : 'them'}. A later plan revokes ${kept.length === 1 ? 'it' : 'each'} once no load balancer outside its Gateways uses ${kept.length === 1 ? 'its' : 'the rule\'s'} source.`;
}

function untrackedLine(u: UntrackedResource): string {
  const what = `${u.type} ${u.name ? `${u.name} (${u.arn})` : u.arn}`;
  switch (u.reason) {
    case 'name-collision':
      return `${u.address} needs the name ${u.name ?? ''}, but ${u.arn} already has it without this cluster's tracking tags. gwlb never modifies or deletes such a resource: rename or remove it, or set loadBalancerName / targetGroupName, before applying.`;
    case 'other-cluster':
      return `${what} carries another cluster's elbv2.k8s.aws/cluster tag; gwlb leaves it alone.`;
    case 'missing-tracking-tags':
      return `${what} lacks this cluster's tracking tags; gwlb leaves it alone.`;
  }
}

/** What a note is about: the markdown view merges many notes of one kind into one sentence. */
export type PlanNoteKind = 'offline' | 'write-only' | 'stand-in-uid' | 'pending-node-port' | 'unmanaged-targets' | 'orphan' | 'abort' | 'model-failed' | 'untracked' | 'errored' | 'node-sg-rules';

export interface PlanNote {
  readonly severity: 'note' | 'warning' | 'error';
  readonly kind: PlanNoteKind;
  /** The Gateway (stack id) a per-Gateway note is about. */
  readonly stack?: string;
  readonly text: string;
}

/**
 * Where the input's diagnostics are: the text view prints them before the plan ("listed above");
 * the markdown view has a section of its own.
 */
export interface NoteWording {
  readonly diagnostics: string;
}

export const TEXT_WORDING: NoteWording = { diagnostics: 'listed above' };

export function planNoteList(plan: Plan, wording: NoteWording = TEXT_WORDING): PlanNote[] {
  const notes: PlanNote[] = [];
  const add = (severity: PlanNote['severity'], kind: PlanNoteKind, text: string, stack?: string) => notes.push({ severity, kind, text, ...(stack !== undefined ? { stack } : {}) });
  if (plan.mode === 'offline') {
    add('note', 'offline', 'planned against an empty account (--offline): IDs AWS assigns and values discovered from AWS (VPC, subnets, certificates, security groups) show as (known after apply).');
  }
  const resent = plan.write_only_resent?.length ?? 0;
  if (resent > 0) {
    const rules = resent === 1 ? '1 existing listener rule' : `${resent} existing listener rules`;
    add('note', 'write-only', `OIDC client secrets are write-only: AWS never returns them, so gwlb neither compares nor shows them. Apply re-sends the client secret of ${rules}, as LBC does on every reconcile.`);
  }
  for (const s of plan.stacks) {
    if (s.status === 'planned' && s.uid_source === 'stand-in') {
      add('note', 'stand-in-uid', `Gateway ${s.id} has no metadata.uid, so its load balancer and security group names hash the stand-in UID ${s.uid}. LBC hashes the real UID: names will differ for the same Gateway read from a cluster (existing load balancers are still found by their tags).`, s.id);
    }
    if (s.status === 'orphaned' && !plan.prune) add('warning', 'orphan', `the account holds stack ${s.id}, owned by this cluster, whose Gateway is not in the input; it is left as it is. Pass --prune to delete it.`, s.id);
    for (const a of s.aborts ?? []) add('error', 'abort', abortLine(s.id, a), s.id);
    if (s.status === 'model-failed') add('warning', 'model-failed', `Gateway ${s.id} is in the input but gwlb builds no model for it (it has errors, or its GatewayClass is missing or not LBC's; see the diagnostics), so its AWS resources are left unchanged, as LBC leaves them.`, s.id);
  }
  for (const text of pendingNodePortNotes(plan)) add('warning', 'pending-node-port', text);
  for (const text of unmanagedTargetNotes(plan)) add('note', 'unmanaged-targets', text);
  for (const u of plan.untracked) add(u.reason === 'name-collision' ? 'error' : 'warning', 'untracked', untrackedLine(u));
  for (const p of plan.node_security_group_problems ?? []) {
    add('warning', 'node-sg-rules', `Gateway ${p.stack}, target group ${p.target_group}: ${p.error}. LBC's TargetGroupBinding controller stops on this error, so gwlb plans no node security group rules for that target group and revokes no stale ones.`, p.stack);
  }
  const kept = keptNodeRulesNote(plan);
  if (kept) add('note', 'node-sg-rules', kept);
  if (plan.errored && plan.resource_changes.length > 0) add('error', 'errored', `the input has errors (${wording.diagnostics}); the Gateways they affect are not in this plan. Fix them and plan again.`);
  return notes;
}

/** `Note:`, `Warning:` or `Error:` and the sentence. */
export function formatNote(n: PlanNote, chalk: ChalkInstance): string {
  const label = n.severity === 'note' ? chalk.bold('Note:') : n.severity === 'warning' ? chalk.yellow.bold('Warning:') : chalk.red.bold('Error:');
  return `${label} ${n.text}`;
}

/**
 * The stand-in-UID notes of a plan as one: manifests from files seldom carry metadata.uid, so a
 * plan of many Gateways would otherwise repeat the sentence for each (the markdown view merges
 * its own way, with code spans).
 */
function oneStandInNote(notes: readonly PlanNote[]): PlanNote[] {
  const standIns = notes.filter((n) => n.kind === 'stand-in-uid');
  if (standIns.length <= 1) return [...notes];
  const ids = standIns.map((n) => n.stack ?? '');
  const merged: PlanNote = {
    severity: 'note',
    kind: 'stand-in-uid',
    text: `${ids.length} Gateways have no metadata.uid, so their load balancer and security group names hash stand-in UIDs: ${ids.join(', ')}. LBC hashes the real UIDs: names will differ for the same Gateways read from a cluster (existing load balancers are still found by their tags).`,
  };
  const first = notes.indexOf(standIns[0]!);
  return notes.flatMap((n, i) => (n.kind !== 'stand-in-uid' ? [n] : i === first ? [merged] : []));
}

export function planNotes(plan: Plan, chalk: ChalkInstance, wording: NoteWording = TEXT_WORDING): string[] {
  return oneStandInNote(planNoteList(plan, wording)).map((n) => formatNote(n, chalk));
}
