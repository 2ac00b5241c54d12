// What the engine charges a message for on the wire: its JSON length, measured without encoding it
// where that can be avoided.

import type { Message } from '../../contract/index.js';
import { blockJsonLength } from './block-text.js';
import { jsonLength } from './json-length.js';

/** Size estimate of a message: its JSON length. A block rides in one proposal and in up to k
 * COMMITs, so it is measured once per block object (with the encoding the auditor then hashes:
 * block-text.ts). Anything else is measured at its one send (json-length.ts), unmemoised: a
 * WeakMap entry per VOTE cost more than measuring it. */
export function messageSizeBytes(message: Message): number {
  switch (message.type) {
    case 'COMMIT':
      return 40 + blockJsonLength(message.block) + jsonLength(message.certificate);
    case 'PROPOSAL':
      return 300 + blockJsonLength(message.proposal.block);
    case 'BLOCK_RESPONSE': {
      let n = 40;
      for (const cb of message.blocks) n += 20 + blockJsonLength(cb.block) + (cb.certificate === null ? 4 : jsonLength(cb.certificate));
      return n;
    }
    default:
      return jsonLength(message);
  }
}
