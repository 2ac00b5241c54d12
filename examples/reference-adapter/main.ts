#!/usr/bin/env node
// The reference node behind the out-of-process adapter protocol (docs/adapter-protocol.md):
// `raa-bench conformance --impl "node dist/examples/reference-adapter/main.js"` runs the whole
// suite through JSON Lines over stdio, exactly as it would drive a node written in any language.
import { referenceFactory } from '../../harness/adapters/reference.js';
import { serveStdio } from '../../harness/adapters/serve-stdio.js';

await serveStdio(referenceFactory);
