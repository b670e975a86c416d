// The sandbox's own cost of each upload round, read from its process just before and after the round: its CPU time
// and the mark-compacts it ran. The server sets the pace at the sandbox, so these say whether a side's round was
// slow because the server worked harder for it, and whether a round fell into a run of full collections.
import type { ServerHandle } from './children.js';
import type { ServerStats } from './protocol.js';

interface RoundCost {
  cpuMs: number;
  markCompacts: number;
}

export class ServerCosts {
  // `node`: the plain Node sender some figures measure beside the two (test/bench/plain-node.ts).
  private readonly rounds = { app: [] as RoundCost[], ref: [] as RoundCost[], node: [] as RoundCost[] };

  /** `server`: null where the target is not the sandbox (the sink), and nothing is recorded. */
  constructor(private readonly server: ServerHandle | null) {}

  async measure<T>(side: 'app' | 'ref' | 'node', run: () => Promise<T>): Promise<T> {
    if (!this.server) return run();
    const before = (await this.server.call({ cmd: 'stats' })) as ServerStats;
    const value = await run();
    const after = (await this.server.call({ cmd: 'stats' })) as ServerStats;
    this.rounds[side].push({ cpuMs: Math.round(after.cpuMs - before.cpuMs), markCompacts: after.markCompacts - before.markCompacts });
    return value;
  }

  details(): Record<string, unknown> {
    if (!this.server) return {};
    const node = (key: keyof RoundCost) => (this.rounds.node.length > 0 ? { node: this.rounds.node.map((r) => r[key]) } : {});
    const of = (key: keyof RoundCost) => ({ app: this.rounds.app.map((r) => r[key]), ref: this.rounds.ref.map((r) => r[key]), ...node(key) });
    return { serverCpuMs: of('cpuMs'), serverMarkCompacts: of('markCompacts') };
  }
}
