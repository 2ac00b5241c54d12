// `raa-bench bench node [--samples N] [--crypto node|noble]`: the reference node's core on one
// core, through NodeUnderTest: blocks/s of validation (a fresh node catching up on certified
// blocks) and votes/s of tallying (a block of signed votes verified and counted).

import { measureReferenceCore } from '../../bench/reference-core.js';
import { referenceFactory } from '../../adapters/reference.js';
import { EXIT, UsageError } from '../command.js';
import type { SubCommand } from './group.js';

export const benchNode: SubCommand = {
  name: 'node',
  describe: "reference node: blocks/s of validation and votes/s of tallying on one core (real signatures)",
  optionNames: ['samples', 'crypto'],
  options: (y) =>
    y
      .option('samples', { type: 'number', default: 5, describe: 'timed runs per figure (≥ 5)' })
      .option('crypto', { type: 'string', choices: ['node', 'noble'], default: 'node', describe: 'crypto backend' }),
  async run(args, io) {
    const samples = Number(args.samples);
    if (!Number.isInteger(samples) || samples < 5) throw new UsageError(`--samples: expected an integer ≥ 5, got ${String(args.samples)}`);
    const figures = measureReferenceCore(referenceFactory, args.crypto === 'noble' ? 'noble' : 'node', samples);
    for (const f of figures) {
      io.stdout(`${f.name.padEnd(58)} ${Math.round(f.median).toLocaleString('en-US').padStart(9)} ${f.unit}  (samples: ${f.samples.map((x) => Math.round(x)).join(', ')})`);
    }
    return EXIT.ok;
  },
};
