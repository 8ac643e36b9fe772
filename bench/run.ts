/**
 * `npm run bench`: prints counts, times and ratios (never asserts a time). Run with
 * --expose-gc (the npm script does) so heap figures are meaningful.
 */
import { runModelBench } from './model-bench.js';
import { runResolveBench } from './resolve-bench.js';

async function main(): Promise<void> {
  runResolveBench();
  console.log();
  runModelBench();
}

await main();
