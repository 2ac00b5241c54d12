// Reading results.json files for CLI commands: unusable input becomes a UsageError (exit 2) whose
// message names the file, the key path inside it and what was expected.

import { readResults, ResultsInputError, type Results } from '../report/results.js';
import { UsageError } from './command.js';

export function loadResults(file: string): Results {
  try {
    return readResults(file);
  } catch (error) {
    if (error instanceof ResultsInputError) throw new UsageError(error.message);
    throw error;
  }
}
