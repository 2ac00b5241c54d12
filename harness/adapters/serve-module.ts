#!/usr/bin/env node
// Serves a compiled module exporting a NodeFactory (as `default` or `factory`) over the stdio
// adapter protocol, so a module under test runs in its own process: a node that hangs or dies is
// then a TIMEOUT or a CRASH of that process, never a hung harness.
// Usage: node dist/harness/adapters/serve-module.js path/to/module.js
import { loadFactoryModule } from './in-process.js';
import { serveStdio } from './serve-stdio.js';

const path = process.argv[2];
if (!path) {
  process.stderr.write('usage: serve-module.js MODULE.js (a module exporting a NodeFactory)\n');
  process.exitCode = 2;
} else {
  await serveStdio(await loadFactoryModule(path));
}
