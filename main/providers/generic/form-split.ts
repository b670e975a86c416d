// Splitting the multipart setting ("name=value&name=value", each side a template) into its parts. The split
// happens on the parsed template, at the '&' and the first '=' of literal text only, so a variable's value can
// never split a part.
import type { TemplateNode } from './template-engine.js';

/** Splits a form-style template at the '&' and the first '=' of its literal text; variables never split. */
export function splitFormTemplate(nodes: readonly TemplateNode[]): Array<{ name: TemplateNode[]; value: TemplateNode[] | undefined }> {
  const entries: Array<{ name: TemplateNode[]; value: TemplateNode[] | undefined }> = [];
  let current: { name: TemplateNode[]; value: TemplateNode[] | undefined } = { name: [], value: undefined };
  const add = (node: TemplateNode): void => void (current.value ?? current.name).push(node);
  for (const node of nodes) {
    if (node.kind !== 'text') {
      add(node);
      continue;
    }
    node.text.split('&').forEach((piece, index) => {
      if (index > 0) {
        entries.push(current);
        current = { name: [], value: undefined };
      }
      let rest = piece;
      const equals = current.value === undefined ? rest.indexOf('=') : -1;
      if (equals >= 0) {
        if (equals > 0) current.name.push({ kind: 'text', text: rest.slice(0, equals) });
        current.value = [];
        rest = rest.slice(equals + 1);
      }
      if (rest) add({ kind: 'text', text: rest });
    });
  }
  entries.push(current);
  // Blank entries ("a=1&&b=2", a trailing "&", line breaks between parts) are not parts.
  return entries.filter((entry) => trimText(entry.name).length > 0 || (entry.value?.length ?? 0) > 0);
}

/** Drops whitespace (line breaks of a pretty-printed setting) around a part name's literal text. */
export function trimText(nodes: readonly TemplateNode[]): TemplateNode[] {
  const copy = nodes.map((node) => ({ ...node }));
  const first = copy[0];
  if (first?.kind === 'text') first.text = first.text.trimStart();
  const last = copy[copy.length - 1];
  if (last?.kind === 'text') last.text = last.text.trimEnd();
  return copy.filter((node) => node.kind !== 'text' || node.text !== '');
}

export function describeNodes(nodes: readonly TemplateNode[]): string {
  return nodes.map((node) => (node.kind === 'text' ? node.text : node.kind === 'account' ? `%account[${node.key}]%` : node.kind === 'variable' ? `%${node.name}%` : '%sha1(…)%')).join('');
}
