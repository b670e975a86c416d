// Checks that need more than a field's own schema, made when an account is saved: a generic account's templates
// must all resolve (an unknown variable is a configuration error now, not an empty string sent later).
import type { AccountConfig } from '../common/accounts.js';
import { AppError } from '../common/errors.js';
import { validateTemplates } from '../providers/generic/templates.js';

export function validateAccountConfig(config: AccountConfig): void {
  if (config.kind !== 'generic') return;
  const accountKeys = ['username', 'password', ...Object.keys(config.variables), ...Object.keys(config.settings)];
  const problems = validateTemplates(config.settings, accountKeys);
  const first = problems[0];
  if (!first) return;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  throw new AppError('config', `${first.message}${more}`, { field: `config.settings.${first.setting}`, reason: `${first.message}${more}` });
}
