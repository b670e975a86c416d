// Each service's HTTP authentication credentials (the vendor's prefix + AuthUsername / AuthPassword), filled in
// with the same templates as the other keys. The password is a secret kept in the vault, itself a template (`%%`
// for a literal percent sign); no message quotes any of it.
import { GENERIC_AUTH_PAIRS } from '../../common/accounts.js';
import { AppError } from '../../common/errors.js';
import { phrase } from '../../common/i18n/phrase.js';
import type { AuthSettings } from '../http/auth-send.js';
import { compileAuthPassword, type GenericServiceConfig } from './service-config.js';
import { REF_SEND_VARIABLES, renderTemplate, UPLOAD_VARIABLES, type TemplateScope } from './template-engine.js';

export type GenericService = 'upload' | 'precheck' | 'refSend';
/** Index into GENERIC_AUTH_PAIRS. */
const SERVICE_INDEX: Record<GenericService, number> = { upload: 0, precheck: 1, refSend: 2 };

/**
 * The credentials of one service, or undefined when it has none. A user name without a saved password (or the
 * reverse) is a configuration error, not an empty password sent.
 */
export function serviceCredentials(
  config: GenericServiceConfig,
  passwords: Partial<Record<string, string>>,
  service: GenericService,
  scope: TemplateScope,
): AuthSettings | undefined {
  const pair = GENERIC_AUTH_PAIRS[SERVICE_INDEX[service]];
  if (!pair) return undefined;
  const usernameTemplate = (service === 'upload' ? config.upload : service === 'precheck' ? config.precheck : config.refSend)?.authUsername;
  const passwordSource = passwords[pair.password];
  if (!usernameTemplate && passwordSource === undefined) return undefined;
  if (!usernameTemplate) throw new AppError('config', phrase('errors:auth.passwordWithoutUser', { password: pair.password, username: pair.username }));
  if (passwordSource === undefined) throw new AppError('config', phrase('errors:auth.userWithoutPassword', { password: pair.password, username: pair.username }));
  const variables = service === 'refSend' ? REF_SEND_VARIABLES : UPLOAD_VARIABLES;
  const password = renderTemplate(compileAuthPassword(passwordSource, pair.password, variables, Object.keys(scope.account), Object.keys(scope.globals)), 'part', scope);
  const username = renderTemplate(usernameTemplate, 'part', scope);
  if (/[\x00-\x1f\x7f]/.test(username)) throw new AppError('config', phrase('errors:auth.userControl', { username: pair.username }));
  if (username === '') throw new AppError('config', phrase('errors:auth.userEmpty', { username: pair.username }));

  return { username, password, names: `${pair.username} / ${pair.password}` };
}
