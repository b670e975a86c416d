// Checks that need more than a field's own schema, made when an account is saved: a generic account's templates
// must all resolve (an unknown variable is a configuration error now, not an empty string sent later).
import type { AccountConfig } from '../common/accounts.js';
import { AppError, sayable } from '../common/errors.js';
import { inEnglish, phrase } from '../common/i18n/phrase.js';
import { validateTemplates } from '../providers/generic/templates.js';

export function validateAccountConfig(config: AccountConfig): void {
  if (config.kind !== 'generic') return;
  const accountKeys = ['username', 'password', ...Object.keys(config.variables), ...Object.keys(config.settings)];
  const problems = validateTemplates(config.settings, accountKeys);
  const first = problems[0];
  if (!first) return;
  const said = sayable(first);
  const whole = problems.length > 1 ? phrase('errors:accounts.moreProblems', { problem: said, count: problems.length - 1 }) : said;
  const reason = typeof whole === 'string' ? { reason: whole } : { reason: inEnglish(whole), reasonPhrase: whole };
  throw new AppError('config', whole, { field: `config.settings.${first.setting}`, ...reason });

}
