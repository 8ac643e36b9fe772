/**
 * `gwlb plan` text view, Terraform's layout (internal/command/jsonformat/plan.go): a legend of
 * the symbols in use, one block per changed resource with a `# ADDR will be …` comment, then
 * `Plan: X to add, Y to change, Z to destroy.` or `No changes. …`, then notes and warnings.
 * Rendered only from the Plan data that `-o json` prints.
 */
import type { ChalkInstance } from 'chalk';
import { abortedStacks, actionKind, summarize, type ActionKind, type Plan, type ResourceChange } from '../../plan/types.js';
import { lineStyle, objectDiff, wholeObject, type LineStyle, type RenderContext, type Side } from './attributes.js';
import { planNotes, TEXT_WORDING, type NoteWording } from './notes.js';
import { changeRuns, isTarget, renderTargetGroup } from './targets.js';

const LEGEND: Readonly<Record<Exclude<ActionKind, 'no-op'>, string>> = {
  create: 'create',
  update: 'update in-place',
  delete: 'destroy',
  'delete-create': 'destroy and then create replacement',
  'create-delete': 'create replacement and then destroy',
};

const ORDER: readonly Exclude<ActionKind, 'no-op'>[] = ['create', 'update', 'delete', 'delete-create', 'create-delete'];

export function actionSymbol(kind: Exclude<ActionKind, 'no-op'>, chalk: ChalkInstance): string {
  switch (kind) {
    case 'create':
      return `  ${chalk.green('+')}`;
    case 'update':
      return `  ${chalk.yellow('~')}`;
    case 'delete':
      return `  ${chalk.red('-')}`;
    case 'delete-create':
      return `${chalk.red('-')}/${chalk.green('+')}`;
    case 'create-delete':
      return `${chalk.green('+')}/${chalk.red('-')}`;
  }
}

function reasonLine(rc: ResourceChange): string | undefined {
  switch (rc.action_reason) {
    case undefined:
    case 'replace_because_cannot_update':
      return undefined;
    case 'replace_because_parent_replaced':
      return '(because its load balancer is replaced, and AWS deletes its listeners and rules with it)';
    case 'delete_because_no_resource_config':
      return `(because it is no longer in the model of Gateway ${rc.stack})`;
    case 'delete_because_orphaned_stack':
      return `(because Gateway ${rc.stack} is not in the input, and the plan prunes orphaned stacks)`;
    case 'delete_because_unused':
      return '(because no load balancer, security group rule or Gateway of this cluster uses it any more)';
    case 'delete_because_no_target_group_needs_it':
      return '(because it carries elbv2.k8s.aws/targetGroupBinding=shared and no target group needs it any more)';
    case 'delete_because_destroy':
      return `(because gwlb destroy deletes the stack of Gateway ${rc.stack})`;
  }
}

function willBe(kind: Exclude<ActionKind, 'no-op'>, chalk: ChalkInstance): string {
  switch (kind) {
    case 'create':
      return 'will be created';
    case 'update':
      return 'will be updated in-place';
    case 'delete':
      return 'will be destroyed';
    case 'delete-create':
    case 'create-delete':
      return `must be ${chalk.red('replaced')}`;
  }
}

/** The `# ADDR will be …` comment lines, appended to `out`. */
function comment(out: string[], rc: ResourceChange, kind: Exclude<ActionKind, 'no-op'>, chalk: ChalkInstance): void {
  const addr = rc.deposed ? `${rc.address} (deposed object ${rc.deposed})` : rc.address;
  out.push(chalk.bold(`  # ${addr} ${willBe(kind, chalk)}`));
  const reason = reasonLine(rc);
  if (reason) out.push(chalk.bold(`  # ${reason}`));
}

function sides(rc: ResourceChange): { before: Side; after: Side } {
  const c = rc.change;
  return { before: { value: c.before, unknown: undefined, sensitive: c.before_sensitive }, after: { value: c.after, unknown: c.after_unknown, sensitive: c.after_sensitive, references: c.after_references } };
}

export function renderResourceChange(rc: ResourceChange, chalk: ChalkInstance): string[] {
  const out: string[] = [];
  pushResourceChange(out, rc, lineStyle(chalk));
  return out;
}

/** `renderResourceChange`, appended to `out` (a large plan has millions of lines: no copies). */
function pushResourceChange(out: string[], rc: ResourceChange, style: LineStyle): void {
  const chalk = style.chalk;
  const kind = actionKind(rc.change.actions);
  if (kind === 'no-op') return;
  if (isTarget(rc)) {
    for (const line of renderTargetGroup([rc], chalk)) out.push(line);
    return;
  }
  const ctx: RenderContext = { style, replacePaths: rc.change.replace_paths, stackPrefix: `gateway[${JSON.stringify(rc.stack)}].` };
  const { before, after } = sides(rc);
  comment(out, rc, kind, chalk);
  out.push(`${actionSymbol(kind, chalk)} resource ${JSON.stringify(rc.type)} ${JSON.stringify(rc.id)} {`);
  if (kind === 'create') wholeObject('+', after, '      ', ctx, out);
  else if (kind === 'delete') wholeObject('-', before, '      ', ctx, out);
  else objectDiff(before, after, '      ', [], ctx, false, out);
  out.push('    }', '');
}

export function summaryLine(plan: Plan, chalk: ChalkInstance, wording: NoteWording = TEXT_WORDING): string {
  const s = summarize(plan);
  if (s.add + s.change + s.destroy === 0 && plan.errored) return `${chalk.red.bold('Planning failed.')} The input has errors (${wording.diagnostics}), so gwlb planned no changes.`;
  const aborted = abortedStacks(plan).length;
  if (s.add + s.change + s.destroy === 0 && aborted > 0) return `${chalk.red.bold('Planning failed.')} gwlb cannot plan ${aborted === 1 ? 'one Gateway' : `${aborted} Gateways`} (errors below) and found no other changes.`;
  if (s.add + s.change + s.destroy === 0) return chalk.green.bold('No changes. Your infrastructure matches the configuration.');
  return `${chalk.bold('Plan:')} ${s.add} to add, ${s.change} to change, ${s.destroy} to destroy.`;
}

export function renderPlanText(plan: Plan, chalk: ChalkInstance): string {
  return [...planTextChunks(plan, chalk)].join('');
}

/**
 * Lines per chunk of `planTextChunks`: about 18 kB of text, a dozen resources. Small chunks are
 * joined while their lines are still in the CPU's cache (4,096-line chunks took a fifth longer to
 * render the bench plan), and 18 kB per write keeps the writes few.
 */
const CHUNK_LINES = 512;

/**
 * The text view in pieces, each a run of whole lines with their newlines; joined, they are
 * `renderPlanText`. A plan of thousands of resources is tens of MB of text: the CLI writes it
 * piece by piece instead of holding every line and the whole text at once.
 */
export function* planTextChunks(plan: Plan, chalk: ChalkInstance): Generator<string> {
  // One join per chunk, the last newline as an empty last line: appending it to the joined text
  // would make the CLI flatten every chunk a second time when it writes it.
  const lines = (ls: string[]) => {
    ls.push('');
    return ls.join('\n');
  };
  const kinds = new Set(plan.resource_changes.map((rc) => actionKind(rc.change.actions)));
  const used = ORDER.filter((k) => kinds.has(k));
  if (used.length > 0) {
    const head = ['gwlb compared the desired load balancers with the account. Resource actions are indicated with the following symbols:'];
    for (const k of used) head.push(`${actionSymbol(k, chalk)} ${LEGEND[k]}`);
    head.push('', 'gwlb will perform the following actions:', '');
    yield lines(head);
    let out: string[] = [];
    const style = lineStyle(chalk);
    for (const run of changeRuns(plan.resource_changes)) {
      if (run.kind === 'targets') for (const line of renderTargetGroup(run.changes, chalk)) out.push(line);
      else pushResourceChange(out, run.change, style);
      if (out.length >= CHUNK_LINES) {
        yield lines(out);
        out = [];
      }
    }
    out.push(summaryLine(plan, chalk));
    yield lines(out);
  } else if (plan.errored || abortedStacks(plan).length > 0) {
    yield lines([summaryLine(plan, chalk)]);
  } else {
    yield lines([summaryLine(plan, chalk), '', 'gwlb has compared the desired load balancers with the account and found no differences, so no changes are needed.']);
  }
  const notes = planNotes(plan, chalk);
  if (notes.length > 0) yield lines(['', ...notes]);
}
