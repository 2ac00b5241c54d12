// Piscina worker entry for the population CPU batch: founders' keys and signed identities.

import { founderMaterial, type FounderMaterial } from '../sim/population.js';
import { cryptoBackendFor, type CryptoMode } from './crypto-mode.js';

export interface KeysTask {
  readonly crypto: CryptoMode;
  readonly namespace: string;
  readonly from: number;
  readonly to: number;
}

export default function keysTask(task: KeysTask): FounderMaterial[] {
  return founderMaterial(cryptoBackendFor(task.crypto), task.namespace, task.from, task.to);
}
