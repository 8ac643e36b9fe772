import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    // E2E tests spawn the built CLI and an emulator; give them room on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker per core minus one: a single worker on this 2-core machine,
    // while most e2e time is spent waiting on spawned CLIs, emulator timers and backoff. Two
    // workers keep `npm test` under 10 minutes; the suite passes under far heavier load (CI runs
    // on 2 cores with nothing else).
    maxWorkers: 2,
    // The SDK's notice about its future Node 22 requirement (the CLI silences it the same way),
    // and apply's target locks kept out of the user's ~/.local/state (src/apply/lock-target.ts).
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', GWLB_LOCK_DIR: join(tmpdir(), 'gwlb-test-locks') },
  },
});
