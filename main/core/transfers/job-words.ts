// What each job in the queue is called and was given, as far as the window gave it: the window's words, which the
// redactor leaves as written (main/core/log/window-said.ts), also after a restart.
import type { TransferItem } from '../../common/transfers.js';
import type { Entry } from './queue-entries.js';

/** A job as its type's windowWords sees it. */
export interface JobOfType {
  item: Readonly<TransferItem>;
  params: unknown;
}

/**
 * What of a job of one type the window gave. By default all it is called and given; a type whose title or params
 * main made from a server's data (a file name made from a message's sender) leaves those out: they are the server's
 * words, and a server could put a secret main sends it there and have it kept visible.
 */
export type WindowWordsOf = (job: JobOfType) => unknown[];

const everything: WindowWordsOf = ({ item, params }) => [item.title, item.detail, item.titlePhrase, item.detailPhrase, params];

/** A Map that counts its changes: what is worked out of its entries is worked out again only when they change. */
export class CountedMap<K, V> extends Map<K, V> {
  changes = 0;
  override set(key: K, value: V): this {
    this.changes++;
    return super.set(key, value);
  }
  override delete(key: K): boolean {
    this.changes++;
    return super.delete(key);
  }
  override clear(): void {
    this.changes++;
    super.clear();
  }
}

/**
 * The window's words of every job, the same array until a job comes or goes or a type's windowWords is registered, so
 * that the redactor works them out once (a job's title and params do not change while it is in the queue).
 */
export class JobWords {
  private readonly byType = new Map<string, WindowWordsOf>();
  private cached: { changes: number; words: unknown[] } | undefined;

  constructor(private readonly entries: CountedMap<string, Entry>) {}

  register(type: string, windowWords: WindowWordsOf): void {
    this.byType.set(type, windowWords);
    this.cached = undefined;
  }

  words(): unknown[] {
    const changes = this.entries.changes;
    if (this.cached?.changes !== changes) {
      const words = [...this.entries.values()].map((e) => (this.byType.get(e.spec.type) ?? everything)({ item: e.item, params: e.spec.params }));
      this.cached = { changes, words };
    }
    return this.cached.words;
  }
}
