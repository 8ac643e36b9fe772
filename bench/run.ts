/**
 * `npm run bench`: prints counts, times and ratios (never asserts a time). Run with
 * --expose-gc (the npm script does) so heap figures are meaningful.
 */
import { runResolveBench } from './resolve-bench.js';

async function main(): Promise<void> {
  runResolveBench();
}

await main();
