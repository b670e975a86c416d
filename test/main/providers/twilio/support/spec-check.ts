// Checks a request against the OpenAPI subset's own parameter declarations with ajv. Prism does this for most
// parameters, but it skips the ones whose names carry an inequality (`DateSent<`, `DateCreated>`) and ignores
// parameters the operation does not declare; this check covers both, so "the spec accepts it" means all of it.
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { SPEC_PATH } from './prism.js';

interface Parameter {
  name: string;
  in: 'path' | 'query';
  required?: boolean;
  schema: Record<string, unknown>;
}
type Operation = { parameters?: Parameter[] };
type PathItem = Record<string, Operation>;

export const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as { paths: Record<string, PathItem> };

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
ajv.addFormat('phone-number', /^\S+$/);

function valueFor(schema: Record<string, unknown>, raw: string): unknown {
  return schema.type === 'integer' && /^-?\d+$/.test(raw) ? Number(raw) : raw;
}

/** The problems the spec finds with a request, as readable lines; empty when it accepts it. */
export function specProblems(method: string, rawUrl: string): string[] {
  const url = new URL(rawUrl, 'http://x');
  for (const [template, item] of Object.entries(spec.paths)) {
    const names: string[] = [];
    const pattern = new RegExp(`^${template.replace(/\./g, '\\.').replace(/\{(\w+)\}/g, (_, name: string) => (names.push(name), '([^/]+)'))}$`);
    const match = pattern.exec(url.pathname);
    if (!match) continue;
    const operation = item[method.toLowerCase()];
    if (!operation) return [`${method} is not an operation of ${template}`];
    const problems: string[] = [];
    const declared = operation.parameters ?? [];
    const check = (p: Parameter, raw: string): void => {
      const validate = ajv.compile(p.schema);
      if (!validate(valueFor(p.schema, raw))) problems.push(`${p.in} ${p.name}="${raw}": ${ajv.errorsText(validate.errors)}`);
    };
    names.forEach((name, i) => {
      const p = declared.find((d) => d.in === 'path' && d.name === name);
      if (p) check(p, decodeURIComponent(match[i + 1] ?? ''));
    });
    for (const [name, raw] of url.searchParams) {
      const p = declared.find((d) => d.in === 'query' && d.name === name);
      if (!p) problems.push(`query ${name} is not a parameter of ${template}`);
      else check(p, raw);
    }
    return problems;
  }
  return [`no path of the spec matches ${url.pathname}`];
}
