/**
 * The `-f` paths as a trigger source. A directory is watched recursively (`fs.watch(dir,
 * {recursive: true})`, which Node 20 supports on Linux as on macOS and Windows, new
 * subdirectories included); only the files `-f DIR` reads (.yaml .yml .json) and directories
 * count, so an editor's swap and backup files (`.x.swp`, `x~`, vim's `4913`) start no round.
 * A single file is watched through its directory, filtered to its name: editors save by writing
 * a new file and renaming it over the old one, which ends an inode watch on the file itself but
 * is just another event in its directory. A watcher that dies (its directory was removed or
 * replaced) is re-added after a short wait, and the re-add is itself a change, since the files
 * under it may differ. One save usually makes several events; the debouncer merges them.
 */
import { watch, statSync, type FSWatcher } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import type { Trigger, TriggerSource } from './triggers.js';

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** The sandbox's directory (aws/clients.ts SANDBOX_STATE). */
const GWLB_DIR = '.gwlb';

/** How long to wait before re-adding a dead watcher (its path may be mid-replacement). */
const REWATCH_MS = 200;

interface Target {
  /** What fs.watch watches. */
  readonly dir: string;
  readonly recursive: boolean;
  /** For a single file: only events for this name count. */
  readonly only?: string;
}

function targetOf(path: string): Target {
  const abs = resolve(path);
  if (isDirectory(abs)) return { dir: abs, recursive: true };
  // A file, or a path that does not exist yet: watch where it will appear.
  return { dir: dirname(abs), recursive: false, only: basename(abs) };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Whether an event for `name` (relative to the target's dir) can change what `-f` reads. */
export function isRelevant(target: Target, name: string | null): boolean {
  if (name === null) return true; // the platform did not say which file: assume it matters
  if (target.only !== undefined) return name === target.only;
  // gwlb's own writes (the sandbox state under .gwlb/) must not start rounds: with `-f .` and
  // --sandbox --apply, each round's state write would start the next.
  if (name.split(sep).includes(GWLB_DIR)) return false;
  return MANIFEST_EXTENSIONS.has(extname(name).toLowerCase()) || isDirectory(join(target.dir, name));
}

export interface FileWatchOptions {
  /** Paths are reported relative to this (default: the working directory). */
  readonly cwd?: string;
  readonly rewatchMs?: number;
}

export function fileTriggers(paths: readonly string[], opts: FileWatchOptions = {}): TriggerSource {
  const cwd = opts.cwd ?? process.cwd();
  return {
    start(emit: (t: Trigger) => void) {
      const watchers = new Map<Target, FSWatcher>();
      const timers = new Set<NodeJS.Timeout>();
      let stopped = false;
      const report = (abs: string) => emit({ kind: 'files', paths: [relative(cwd, abs) || '.'] });

      const add = (target: Target): boolean => {
        try {
          const w = watch(target.dir, { recursive: target.recursive }, (_event, name) => {
            const file = name === null ? null : name.toString();
            // The watched directory itself went away (Linux says `rename` with an empty name, and
            // the watcher is dead without an error): the files are gone; watch for its return.
            if (!isDirectory(target.dir)) {
              report(target.dir);
              return rewatch(target);
            }
            if (isRelevant(target, file)) report(file === null ? target.dir : join(target.dir, file));
          });
          w.on('error', () => rewatch(target));
          watchers.set(target, w);
          return true;
        } catch {
          rewatch(target);
          return false;
        }
      };
      const rewatch = (target: Target) => {
        watchers.get(target)?.close();
        watchers.delete(target);
        if (stopped) return;
        const t = setTimeout(() => {
          timers.delete(t);
          if (stopped) return;
          // Still missing: add() scheduled the next try; report once it is back.
          if (add(target)) report(target.only !== undefined ? join(target.dir, target.only) : target.dir);
        }, opts.rewatchMs ?? REWATCH_MS);
        timers.add(t);
      };

      for (const p of paths) add(targetOf(p));
      return () => {
        stopped = true;
        for (const w of watchers.values()) w.close();
        for (const t of timers) clearTimeout(t);
        watchers.clear();
      };
    },
  };
}
