// Finding and loading scenarios: a built-in name (scenarios/NAME.yaml) or a file path.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../sim/scenario.js';
import { resolveScenario } from './resolve.js';
import { parseScenarioText, ScenarioError } from './validate.js';

export const BUILTIN_DIR = fileURLToPath(new URL('../../../scenarios/', import.meta.url));

export function builtinNames(): string[] {
  return readdirSync(BUILTIN_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

/** Resolves NAME|FILE to a path: an existing file wins, then a built-in name (a directory that
 *  happens to share a built-in's name, e.g. ./region, does not hide it). */
export function scenarioPath(nameOrFile: string): string {
  if (existsSync(nameOrFile) && !statSync(nameOrFile).isDirectory()) return nameOrFile;
  if (/^[a-z0-9-]+$/.test(nameOrFile)) {
    const p = `${BUILTIN_DIR}${nameOrFile}.yaml`;
    if (existsSync(p)) return p;
  }
  throw new ScenarioError(nameOrFile, [
    { path: '', expected: `an existing scenario file or a built-in name (${builtinNames().join(', ')})` },
  ]);
}

export function loadScenarioFile(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ScenarioError(path, [{ path: '', expected: `a readable file (${(error as Error).message})` }]);
  }
  return resolveScenario(parseScenarioText(text, path) as Record<string, any>);
}

export function loadScenario(nameOrFile: string): Scenario {
  return loadScenarioFile(scenarioPath(nameOrFile));
}
