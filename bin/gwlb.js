#!/usr/bin/env node
import { main } from '../dist/src/cli/main.js';

// `gwlb plan | head`: the reader has gone, so stop quietly with the status of a process that
// SIGPIPE ended (128 + 13), as Unix tools do, instead of a stack trace.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(141);
  throw err;
});

process.exitCode = await main(process.argv);
