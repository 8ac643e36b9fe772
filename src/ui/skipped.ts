/** The -v listing of input objects whose kinds gwlb does not read (never validated, so any length). */
import { shorten } from '../diagnostics.js';

export function renderSkipped(skipped: readonly { kind: string; apiVersion: string; name: string; file: string; line: number }[]): string {
  return skipped.map((s) => `${s.file}:${s.line}: skipped ${shorten(s.apiVersion)} ${shorten(s.kind)} ${shorten(s.name)}: gwlb does not read this kind\n`).join('');
}
