/** Finds and reads manifest files: `-f` takes files, directories (recursive) and `-` for stdin. */
import { readFile, readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';

export interface ManifestText {
  /** The path as the user will recognise it; `<stdin>` for `-`. */
  readonly file: string;
  readonly text: string;
}

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A file's text, read whole and then decoded once: readFile's own decoding goes 512 KiB at a
 * time and joins the pieces into a string that the parser's first read copies again.
 */
async function readText(path: string): Promise<string> {
  return (await readFile(path)).toString('utf8');
}

async function collectDirectory(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await collectDirectory(path, out);
    else if (MANIFEST_EXTENSIONS.has(extname(entry.name).toLowerCase())) out.push(path);
  }
}

/**
 * Reads every manifest named by `paths`, in the order given (directory contents sorted by name).
 * A path that cannot be read is a diagnostic, not an exception.
 */
export async function readManifests(
  paths: readonly string[],
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<{ texts: ManifestText[]; diagnostics: Diagnostic[] }> {
  const texts: ManifestText[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const path of paths) {
    if (path === '-') {
      texts.push({ file: '<stdin>', text: await readStdin(stdin) });
      continue;
    }
    try {
      const info = await stat(path);
      if (info.isDirectory()) {
        const files: string[] = [];
        await collectDirectory(path, files);
        if (files.length === 0) {
          diagnostics.push({
            severity: 'warning',
            code: 'GWLB008',
            message: `directory ${path} has no .yaml, .yml or .json files`,
            location: { file: path, line: 1, column: 1 },
          });
        }
        for (const file of files) texts.push({ file, text: await readText(file) });
      } else {
        texts.push({ file: path, text: await readText(path) });
      }
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : String(err);
      diagnostics.push({
        severity: 'error',
        code: 'GWLB007',
        message: `cannot read ${path}: ${why}; check the path given to -f`,
        location: { file: path, line: 1, column: 1 },
      });
    }
  }
  return { texts, diagnostics };
}
