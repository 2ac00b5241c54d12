// `raa-bench vectors export DIR`: records every conformance check on the reference node and
// writes portable JSON vectors (manifest.json + one file per vector; docs/conformance-vectors.md).

import type { Argv } from 'yargs';
import { SPEC_VERSION } from '../../../contract/index.js';
import { referenceFactory } from '../../adapters/reference.js';
import { buildVectors } from '../../conformance/registry.js';
import { exportVectors } from '../../conformance/vectors-io.js';
import type { CliCommand } from '../command.js';

interface Args {
  dir: string;
}

export const vectors: CliCommand<Args> = {
  command: 'vectors export <dir>',
  describe: 'export the conformance checks as portable JSON vectors',
  builder: (y: Argv) => y.positional('dir', { type: 'string', demandOption: true, describe: 'output directory' }) as unknown as Argv<Args>,
  async run(args, io) {
    const all = buildVectors(referenceFactory);
    const manifest = exportVectors(args.dir, all, { specVersion: SPEC_VERSION, generatedBy: { ...referenceFactory.implementation } });
    io.stdout(`${manifest.vectors.length} vectors covering ${Object.keys(manifest.requirements).length} requirements → ${args.dir}/manifest.json`);
    return Promise.resolve(0);
  },
};
