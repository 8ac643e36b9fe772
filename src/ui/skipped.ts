/** The -v listing of input objects whose kinds gwlb does not read. */
export function renderSkipped(skipped: readonly { kind: string; apiVersion: string; name: string; file: string; line: number }[]): string {
  return skipped.map((s) => `${s.file}:${s.line}: skipped ${s.apiVersion} ${s.kind} ${s.name}: gwlb does not read this kind\n`).join('');
}
