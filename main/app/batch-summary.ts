// The words of the notification shown when a batch of transfers ends, in the desktop's language.
import type { TransferItem } from '../common/transfers.js';
import { phrase, sayPhrase, sayWords } from '../common/i18n/phrase.js';
import type { I18n } from '../common/i18n/translator.js';
import { translatorFor } from './desktop-language.js';

type Noun = 'upload' | 'download' | 'transfer';

const FINISHED = { upload: 'desktop:batch.finished.upload', download: 'desktop:batch.finished.download', transfer: 'desktop:batch.finished.transfer' } as const;
const FAILED = { upload: 'desktop:batch.failed.upload', download: 'desktop:batch.failed.download', transfer: 'desktop:batch.failed.transfer' } as const;
const ENDED = { upload: 'desktop:batch.ended.upload', download: 'desktop:batch.ended.download', transfer: 'desktop:batch.ended.transfer' } as const;

/** A file's name as it is; a job's title in the translator's language. */
function titleOf(item: TransferItem | undefined, translator: I18n): string {
  if (!item) return '';
  return sayWords(translator, item.title, item.titlePhrase);
}

export function batchSummary(finished: TransferItem[], translator: I18n = translatorFor('en')): { title: string; body: string } | null {
  if (finished.length === 0) return null;
  const say = (key: Parameters<typeof phrase>[0], values?: Record<string, string | number>): string => sayPhrase(translator, phrase(key, values));
  const count = (state: TransferItem['state']) => finished.filter((i) => i.state === state).length;
  const done = count('done');
  const failed = count('failed');
  const cancelled = count('cancelled');
  const noun: Noun = finished.every((i) => i.direction === 'upload') ? 'upload' : finished.every((i) => i.direction === 'download') ? 'download' : 'transfer';
  if (failed === 0 && cancelled === 0) {
    return { title: say(FINISHED[noun], { count: done }), body: done === 1 ? say('desktop:batch.oneDone', { name: titleOf(finished[0], translator) }) : say('desktop:batch.allDone') };
  }
  // The counts are a list of labelled items ("2 done", 「完了 2 件」), joined as the language lists them.
  const parts = [done > 0 ? say('desktop:batch.part.done', { count: done }) : '', failed > 0 ? say('desktop:batch.part.failed', { count: failed }) : '', cancelled > 0 ? say('desktop:batch.part.cancelled', { count: cancelled }) : ''].filter(Boolean);
  const title = failed > 0 ? say(FAILED[noun], { count: failed }) : say(ENDED[noun], { count: finished.length });
  return { title, body: say('desktop:batch.retry', { counts: parts.join(say('desktop:batch.separator')) }) };
}
