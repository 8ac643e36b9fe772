/**
 * Loader fuzz: every example's manifests, mutated (mutate.ts: deletions, type swaps, huge
 * numbers, unicode, deep nesting, duplicate keys, aliases and alias bombs, broken documents,
 * binary junk), go through the same code the CLI runs: `gwlb validate` in-process, and for a
 * share of cases `gwlb explain -o yaml` and `gwlb model -o json`, which read the same objects
 * further. Bad input must end in diagnostics and exit 1 (or exit 0), never a stack trace or an
 * exception. A case that hangs fails on vitest's per-test timeout. A failure names its seed:
 * rerun that seed alone with FUZZ_SEED=<n>; FUZZ_CASES=5000 hunts further.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../cli/run-cli.js';
import { runCliInProcess } from '../e2e/harness.js';
import { mutate, rng } from './mutate.js';

/** A few hundred cases keep the test fast. */
const CASES = Number(process.env['FUZZ_CASES'] ?? 300);
const EXAMPLES = join(ROOT, 'examples');
const exampleDirs = readdirSync(EXAMPLES).filter((d) => statSync(join(EXAMPLES, d)).isDirectory());
const yamlFiles = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.yaml'));

const work = mkdtempSync(join(tmpdir(), 'gwlb-fuzz-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Signs of an escaped exception: a stack frame or a JavaScript error class in the output. */
const CRASH = /^\s+at .+:\d+:\d+\)?$|\b(TypeError|RangeError|ReferenceError|SyntaxError|InternalError)\b|Maximum call stack|\[object Object\]/m;

const only = process.env['FUZZ_SEED'];
const seeds = only ? [Number(only)] : Array.from({ length: CASES }, (_, i) => i + 1);

describe('mutated example manifests never crash gwlb', () => {
  for (const seed of seeds) {
    it(`seed ${seed}`, { timeout: 20_000 }, async () => {
      const r = rng(seed);
      const example = exampleDirs[Math.floor(r() * exampleDirs.length)]!;
      const files = yamlFiles(join(EXAMPLES, example));
      const target = files[Math.floor(r() * files.length)]!;
      // The whole example, one file mutated: resolve and model see every other object too.
      const dir = join(work, `case-${seed}`);
      cpSync(join(EXAMPLES, example), dir, { recursive: true });
      const { text, applied } = mutate(readFileSync(join(dir, target), 'utf8'), r);
      writeFileSync(join(dir, target), text);
      const command = seed % 5 === 0 ? ['explain', '-o', 'yaml'] : seed % 5 === 1 ? ['model', '-o', 'json'] : ['validate'];

      let result;
      try {
        result = await runCliInProcess([...command, '-f', dir]);
      } catch (err) {
        throw new Error(`seed ${seed} (${example}/${target}: ${applied.join(', ')}): gwlb ${command[0]} threw ${(err as Error).stack ?? String(err)}`);
      }
      const where = `seed ${seed} (${relative(work, dir)}/${target}: ${applied.join(', ')}; gwlb ${command.join(' ')})`;
      expect([0, 1], `${where} exit code\n${result.stderr.slice(0, 2000)}`).toContain(result.code);
      expect(result.stderr, where).not.toMatch(CRASH);
      // Diagnostics shorten what they quote, so no line of them is ever huge (a junk file's bytes).
      expect(Math.max(...result.stderr.split('\n').map((l) => l.length)), `${where} stderr line length`).toBeLessThan(2000);
      expect(result.stdout.slice(0, 100_000), where).not.toMatch(CRASH);
      rmSync(dir, { recursive: true, force: true });
    });
  }
});
