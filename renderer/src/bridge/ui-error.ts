// A contract error, thrown in the UI so that async handlers can catch it with its code, its message and its phrase
// (said in the reader's language by messageOf).
import type { AppErrorData } from '../../../main/common/errors';
import type { MessageKey } from '../../../main/common/i18n/catalogue';
import { inEnglish, phrase, type PhraseValue } from '../../../main/common/i18n/phrase';

export class UiError extends Error {
  readonly code: AppErrorData['code'];
  readonly details: AppErrorData['details'];
  readonly data: AppErrorData;
  constructor(data: AppErrorData) {
    super(data.message);
    this.code = data.code;
    this.details = data.details;
    this.data = data;
  }
}

/** An error the window itself says (the browser host gone, a refused file), worded from the catalogue. */
export function windowError(code: AppErrorData['code'], key: MessageKey, values?: Record<string, PhraseValue>): AppErrorData {
  const said = phrase(key, values);
  return { code, message: inEnglish(said), phrase: said };
}
