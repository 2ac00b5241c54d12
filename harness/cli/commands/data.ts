// `raa-bench data generate|clean`: S2 demand-response data (docs/data.md).

import { dataClean } from './data-clean.js';
import { dataGenerate } from './data-generate.js';
import { commandGroup } from './group.js';

export const dataCommand = commandGroup('data', 'seeded DR data and its cleaning', [dataGenerate, dataClean], true);
