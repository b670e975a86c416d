// The template engine's public face: the language itself lives in template-engine.ts, its application to the
// genericMedia* settings in service-config.ts. validateTemplates is what the account form calls on save.
import { compileGenericSettings, genericSettingsInputSchema, type GenericSettingsInput, type TemplateProblem } from './service-config.js';

export {
  isMediaContent,
  MEDIA_CONTENT,
  parseTemplate,
  REF_SEND_VARIABLES,
  renderTemplate,
  UPLOAD_VARIABLES,
  usesSecret,
  type ParsedTemplate,
  type TemplateContext,
  type TemplateNode,
  type TemplateScope,
} from './template-engine.js';
export type { GenericSettingsInput, TemplateProblem } from './service-config.js';

/**
 * Every problem in an account's genericMedia* settings, each naming its setting: malformed '%', unknown
 * variables or account keys, %media_content% outside a part value, a missing file part, bad methods, bad header
 * lines, URLs that do not parse once filled in with sample values. Empty when the account can upload.
 * accountKeys: the keys %account[KEY]% may use (username, password, the account variables).
 */
export function validateTemplates(settings: GenericSettingsInput, accountKeys: readonly string[], globalNames: readonly string[] = []): TemplateProblem[] {
  const parsed = genericSettingsInputSchema.safeParse(settings);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => {
      const setting = String(issue.path[0] ?? 'genericMediaUploadUrl') as TemplateProblem['setting'];
      return { setting, message: `${setting}: ${issue.message}` };
    });
  }
  return compileGenericSettings(parsed.data, accountKeys, globalNames).problems;
}
