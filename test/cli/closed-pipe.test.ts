/**
 * `gwlb plan | head`: when the reader closes the pipe, gwlb stops quietly with SIGPIPE's status
 * (141), not with an EPIPE stack trace. Spawned: the pipe between processes is the thing tested.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateManifests } from '../../bench/generate.js';
import { ROOT } from './run-cli.js';

describe('a closed stdout', () => {
  it('plan into a reader that leaves after the first line: exit 141, nothing on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwlb-pipe-'));
    const file = join(dir, 'in.yaml');
    // Large enough that the text plan is written in several pieces (ui/plan/text.ts planTextChunks).
    writeFileSync(file, generateManifests({ gateways: 20, routes: 400, rulesPerRoute: 2, withinAlbQuota: true }));
    const child = spawn(process.execPath, [`${ROOT}bin/gwlb.js`, 'plan', '--offline', '-f', file], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).not.toMatch(/EPIPE|Error|at /);
    expect(code).toBe(141);
  });
});
