/**
 * Renders diagnostics as `FILE:LINE:COL: severity CODE: message (at path)`, compiler style.
 * Messages and paths go through shortenLongRuns here, the one place every command prints them,
 * so no input string of any length is echoed whole whichever stage built the message.
 */
import type { ChalkInstance } from 'chalk';
import { shortenLongRuns, type Diagnostic } from '../diagnostics.js';

export function formatDiagnostic(d: Diagnostic, chalk: ChalkInstance): string {
  // Line 0: an object read from a cluster, located by `kind ns/name` alone (source/origin.ts).
  const where = !d.location ? '' : d.location.line > 0 ? `${d.location.file}:${d.location.line}:${d.location.column}: ` : `${d.location.file}: `;
  const severity = d.severity === 'error' ? chalk.red.bold('error') : d.severity === 'warning' ? chalk.yellow.bold('warning') : chalk.cyan('info');
  const path = d.path ? chalk.dim(` (at ${shortenLongRuns(d.path)})`) : '';
  return `${where}${severity} ${chalk.bold(d.code)}: ${shortenLongRuns(d.message)}${path}`;
}

export interface DiagnosticFilter {
  /** Show info diagnostics (the -v flag). */
  readonly verbose: boolean;
}

/** Errors first, then warnings, then (with -v) info; stable within a severity. */
export function renderDiagnostics(diagnostics: readonly Diagnostic[], chalk: ChalkInstance, filter: DiagnosticFilter): string {
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const shown = diagnostics.filter((d) => d.severity !== 'info' || filter.verbose);
  const sorted = shown.map((d, i) => ({ d, i })).sort((a, b) => rank[a.d.severity] - rank[b.d.severity] || a.i - b.i);
  return sorted.map(({ d }) => formatDiagnostic(d, chalk) + '\n').join('');
}

export function diagnosticSummary(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}
