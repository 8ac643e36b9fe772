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
    // The SDK's notice about its future Node 22 requirement (the CLI silences it the same way),
    // and apply's target locks kept out of the user's ~/.local/state (src/apply/lock-target.ts).
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', GWLB_LOCK_DIR: join(tmpdir(), 'gwlb-test-locks') },
  },
});
