/**
 * `npm run bench`: prints counts, times and ratios (never asserts a time). Run with
 * --expose-gc (the npm script does) so heap figures are meaningful.
 */
import { defaultClusterSettings } from '../src/model/index.js';
import { buildPlan } from '../src/plan/index.js';
import { EMPTY_OBSERVED } from '../src/plan/observed.js';
import { runAwsBench } from './aws-bench.js';
import { runCliBench } from './cli-bench.js';
import { runClusterBench } from './cluster-bench.js';
import { runModelBench } from './model-bench.js';
import { runParseBench } from './parse-bench.js';
import { runReplanBench } from './replan-bench.js';
import { runResolveBench } from './resolve-bench.js';
import { runStartupBench } from './startup-bench.js';

// The SDK's notice about its future Node 22 requirement would interleave with the figures.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

async function main(): Promise<void> {
  // Spawns the CLI that `npm run bench` has just built (bin/gwlb.js runs dist/).
  runStartupBench();
  console.log();
  runCliBench();
  console.log();
  runParseBench();
  console.log();
  runResolveBench();
  console.log();
  await runClusterBench();
  console.log();
  const settings = defaultClusterSettings('bench');
  runModelBench({
    name: 'offline plan',
    run: (stacks) => buildPlan({ desired: stacks, observed: EMPTY_OBSERVED, settings, mode: 'offline', prune: false, inputGateways: stacks.map((s) => s.id), errored: false }),
  });
  console.log();
  await runReplanBench();
  console.log();
  await runAwsBench();
}

await main();
