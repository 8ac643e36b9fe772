/**
 * `gwlb show PLANFILE [-o text|json|markdown]`: renders a plan saved by `gwlb plan --out`, with
 * no AWS access and no manifests (Terraform's `show PLANFILE`). A saved plan holds everything the
 * views need and no secrets (sensitive values are written as null with a mask).
 */
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { PLAN_FORMAT_VERSION, type Plan } from '../../plan/index.js';
import { makeChalk, colorWanted } from '../../ui/color.js';
import { renderPlanJson, renderPlanMarkdown, renderPlanText } from '../../ui/plan/index.js';
import type { ExitCode } from '../main.js';

interface ShowFlags {
  readonly output: 'text' | 'json' | 'markdown';
  readonly color?: boolean;
}

/** The plan in the file, or a one-line reason it is not a gwlb plan this version reads. */
function readPlan(file: string): Plan | string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return `cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return `${file} is not a gwlb plan (not JSON); save plans with gwlb plan --out FILE`;
  }
  const p = raw as Partial<Plan> | null;
  if (!p || typeof p !== 'object' || typeof p.format_version !== 'string' || !Array.isArray(p.resource_changes) || !Array.isArray(p.stacks)) {
    return `${file} is not a gwlb plan (no format_version, stacks and resource_changes); save plans with gwlb plan --out FILE`;
  }
  // Minor versions only add fields (plan/types.ts), so any 1.x reads.
  if (p.format_version.split('.')[0] !== PLAN_FORMAT_VERSION.split('.')[0]) return `${file} is plan format ${p.format_version}; this gwlb reads ${PLAN_FORMAT_VERSION.split('.')[0]}.x`;
  return { untracked: [], ...p } as Plan;
}

export function registerShowCommand(program: Command, exit: ExitCode): void {
  const cmd = new Command('show')
    .description('render a plan saved with gwlb plan --out, without AWS access')
    .argument('<planfile>', 'a plan saved with gwlb plan --out FILE')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .option('--no-color', 'never colour the output')
    .action((planfile: string, flags: ShowFlags) => {
      const plan = readPlan(planfile);
      if (typeof plan === 'string') {
        process.stderr.write(`gwlb show: ${plan}\n`);
        exit.code = 1;
        return;
      }
      switch (flags.output) {
        case 'text':
          process.stdout.write(renderPlanText(plan, makeChalk(colorWanted(process.stdout, flags.color === false))));
          return;
        case 'json':
          process.stdout.write(renderPlanJson(plan));
          return;
        case 'markdown':
          process.stdout.write(renderPlanMarkdown(plan, { target: plan.target ?? (plan.mode === 'offline' ? 'offline' : 'account'), diagnostics: [] }));
          return;
      }
    });
  program.addCommand(cmd);
}
