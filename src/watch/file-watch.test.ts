/**
 * The file trigger source on a real directory (fs.watch cannot be faked): which events start a
 * round, and that a file saved by rename-and-replace keeps being watched. Each wait polls for the
 * event and ends as soon as it arrives.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileTriggers } from './file-watch.js';
import type { Trigger } from './triggers.js';

async function until(pred: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Lets events that are on their way arrive (what should not trigger gets this long to do so). */
const settle = () => new Promise((r) => setTimeout(r, 150));

describe('fileTriggers', () => {
  let dir: string;
  let stop: () => void = () => {};
  let seen: string[];
  const start = (paths: string[]) => {
    seen = [];
    stop = fileTriggers(paths, { cwd: dir, rewatchMs: 20 }).start((t: Trigger) => {
      if (t.kind === 'files') seen.push(...t.paths);
    });
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gwlb-fw-'));
  });
  afterEach(() => {
    stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a directory: manifests in it and in new subdirectories count; editor swap and backup files, and the sandbox state, do not', async () => {
    mkdirSync(join(dir, 'm'));
    start([join(dir, 'm')]);
    writeFileSync(join(dir, 'm', '.gw.yaml.swp'), 'x');
    writeFileSync(join(dir, 'm', 'gw.yaml~'), 'x');
    writeFileSync(join(dir, 'm', '4913'), 'x');
    mkdirSync(join(dir, 'm', '.gwlb', 'sandbox'), { recursive: true });
    await settle();
    seen.length = 0;
    writeFileSync(join(dir, 'm', '.gwlb', 'sandbox', 'state.json'), '{}');
    await settle();
    expect(seen).toEqual([]);
    writeFileSync(join(dir, 'm', 'gw.yaml'), 'kind: Gateway');
    await until(() => seen.includes('m/gw.yaml'));
    mkdirSync(join(dir, 'm', 'team'));
    await settle();
    writeFileSync(join(dir, 'm', 'team', 'route.yml'), 'kind: HTTPRoute');
    await until(() => seen.includes('m/team/route.yml'));
  });

  it('a single file saved by rename-and-replace is still watched after the save', async () => {
    const file = join(dir, 'gw.yaml');
    writeFileSync(file, 'a');
    writeFileSync(join(dir, 'other.yaml'), 'a');
    start([file]);
    for (const text of ['b', 'c']) {
      seen.length = 0;
      writeFileSync(join(dir, '.gw.yaml.tmp'), text);
      renameSync(join(dir, '.gw.yaml.tmp'), file);
      await until(() => seen.includes('gw.yaml'));
    }
    seen.length = 0;
    writeFileSync(join(dir, 'other.yaml'), 'b');
    await settle();
    expect(seen).toEqual([]);
  });

  it('a watched directory removed and made again: reported, and watched again', async () => {
    const m = join(dir, 'm');
    mkdirSync(m);
    start([m]);
    rmSync(m, { recursive: true });
    await until(() => seen.includes('m'));
    mkdirSync(m);
    await until(() => seen.filter((p) => p === 'm').length >= 2);
    seen.length = 0;
    writeFileSync(join(m, 'gw.yaml'), 'x');
    await until(() => seen.includes('m/gw.yaml'));
  });
});
