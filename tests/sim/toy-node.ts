// A toy NodeFactory for engine tests only (NOT the node, NOT a protocol implementation): the
// first founder appends an empty block every `commitTimeoutMs` and sends it to every founder;
// others commit blocks that extend their head. Member share requests are answered directly.
// `forkAt` makes the node with index `forker` commit a twin block (for checker tests).

import type { Block, HandleResult, Hex, Input, Message, NodeFactory, NodeUnderTest, Output, TimerRequest } from '../../contract/index.js';
import { blockHash, shareRequestId } from '../../protocol/index.js';

export function toyFactory(opts: { forkAt?: number; forker?: Hex } = {}): NodeFactory {
  return {
    implementation: { name: 'toy', version: '0' },
    capabilities: { modules: ['communication'], features: [] },
    create(config, env): NodeUnderTest {
      const treaty = config.treaty;
      const founders = [...treaty.founders].sort((a, b) => a.declaredAtMs - b.declaredAtMs).map((f) => f.publicKey);
      const me = env.keys.publicKey;
      let height = founders.length - 1;
      let head: Hex = blockHash(env.crypto, { height, round: 0, prevHash: '0'.repeat(64), timestampMs: 0, proposer: founders[0] as Hex, lastCommit: null, entries: [] });
      let lastTs = 0;
      const empty = (): Output => ({ send: [], timers: [], effects: [] });
      const commit = (block: Block, out: { effects: Output['effects'][number][] }): void => {
        let b = block;
        if (opts.forkAt === b.height && opts.forker === me) b = { ...b, timestampMs: b.timestampMs + 1 };
        const hash = blockHash(env.crypto, b);
        height = b.height;
        head = blockHash(env.crypto, block);
        lastTs = b.timestampMs;
        out.effects.push({ type: 'committed', height: b.height, hash, block: b });
      };
      const tick = (nowMs: number): TimerRequest => ({ timer: { kind: 'commitWait', height: height + 1, round: 0 }, atMs: nowMs + treaty.commitTimeoutMs + 10 });
      return {
        publicKey: me,
        digest: () => head,
        query: () => ({
          publicKey: me, isMember: founders.includes(me), height, headHash: head, members: founders,
          validators: founders.slice(0, 1), consensus: { height: height + 1, round: 0, step: 'toy' },
          pendingEntries: 0, openRequests: [], unsentAccessRecords: 0,
        }),
        handle(input: Input, nowMs: number): HandleResult {
          const out = { send: [] as Output['send'][number][], timers: [] as TimerRequest[], effects: [] as Output['effects'][number][] };
          if (input.type === 'command') {
            const c = input.command;
            if (c.type === 'start' && me === founders[0]) out.timers.push(tick(nowMs));
            else if (c.type === 'requestShare') {
              const body = { allianceId: treaty.allianceId, requester: me, server: c.server, label: c.label, createdAtMs: nowMs, nonce: c.nonce };
              const id = shareRequestId(env.crypto, body);
              out.effects.push({ type: 'requestSubmitted', requestId: id, requestKind: 'MEMBER_SHARE' });
              out.send.push({ to: [c.server], message: { type: 'SHARE_RESPONSE', requestId: id, server: me, status: 'pending', records: [] } });
            }
            return { ok: true, output: out };
          }
          if (input.type === 'timer') {
            const block: Block = { height: height + 1, round: 0, prevHash: head, timestampMs: Math.max(nowMs, lastTs + 1), proposer: me, lastCommit: null, entries: [] };
            commit(block, out);
            out.send.push({ to: founders.filter((f) => f !== me), message: { type: 'COMMIT', block, certificate: { height: block.height, round: 0, blockHash: head, precommits: [] } } });
            out.timers.push(tick(nowMs));
            return { ok: true, output: out };
          }
          const m: Message = input.message;
          if (m.type === 'COMMIT') {
            if (m.block.height !== height + 1 || m.block.prevHash !== head) return { ok: false, error: { code: 'ERR_STALE', message: 'not the next block' } };
            commit(m.block, out);
            return { ok: true, output: out };
          }
          if (m.type === 'SHARE_RESPONSE' && m.status === 'pending') {
            // Toy "server": answer the requester directly.
            out.send.push({ to: [input.from], message: { ...m, server: me, status: 'served' } });
            return { ok: true, output: out };
          }
          if (m.type === 'SHARE_RESPONSE') {
            out.effects.push({ type: 'shareAnswered', requestId: m.requestId, status: m.status, records: 0 });
            return { ok: true, output: out };
          }
          return { ok: true, output: empty() };
        },
      };
    },
  };
}
