// What the window wrote, as the redactor must leave it. The window is untrusted and must never learn a stored
// secret: if text it sent came back with a right guess hidden, the hiding would confirm the guess. So a secret's
// occurrence that lies inside an occurrence of the window's own text (in any encoding the app writes) is the window's
// word and is left; every other occurrence (a server's echo, a request's record) is still hidden.
import { secretForms } from '../text-encoding.js';

/** [start, end) in a text. */
export type Span = readonly [number, number];

// Only texts holding a secret are kept (a right guess, or a password typed into a label), so the set grows only with
// right guesses; the bounds keep even a flood of those small. The oldest go first.
const MAX_ENTRIES = 256;
const MAX_CHARS = 1 << 20;
const SEPARATOR = '\u0000';

export class WindowSaid {
  /** Each text the window sent that held a secret, with its forms once worked out; oldest first. */
  private readonly said = new Map<string, string[] | undefined>();
  private chars = 0;
  /** Forms of the stored texts (windowTexts), worked out again only for texts not seen before. */
  private storedForms = new Map<string, string[]>();

  constructor(private readonly storedTexts: () => Iterable<string> = () => []) {}

  /** Keeps those of `texts` that hold one of `secretForms` (usually none: then one scan of their joined text). */
  add(texts: readonly string[], forms: readonly string[]): void {
    if (forms.length === 0 || texts.length === 0) return;
    // A form holding the separator could match across two texts: then each text is looked at on its own anyway.
    const joined = texts.join(SEPARATOR);
    if (!forms.some((form) => joined.includes(form))) return;
    for (const text of texts) {
      if (!forms.some((form) => text.includes(form))) continue;
      const had = this.said.get(text);
      this.said.delete(text);
      if (had === undefined) this.chars += text.length;
      this.said.set(text, had);
    }
    for (const oldest of this.said.keys()) {
      if (this.said.size <= MAX_ENTRIES && this.chars <= MAX_CHARS) break;
      this.said.delete(oldest);
      this.chars -= oldest.length;
    }
  }

  /** Where `text` holds one of the window's texts, in any of their forms. */
  spansIn(text: string): Span[] {
    const spans: Span[] = [];
    const look = (forms: readonly string[]): void => {
      for (const form of forms) for (let at = text.indexOf(form); at !== -1; at = text.indexOf(form, at + 1)) spans.push([at, at + form.length]);
    };
    for (const [said, forms] of this.said) {
      const known = forms ?? secretForms(said, 1);
      if (forms === undefined) this.said.set(said, known);
      look(known);
    }
    const seen = new Map<string, string[]>();
    for (const stored of this.storedTexts()) {
      if (stored.length < 4 || seen.has(stored)) continue;
      const forms = this.storedForms.get(stored) ?? secretForms(stored, 1);
      seen.set(stored, forms);
      look(forms);
    }
    // Texts no longer stored (an account removed, a label changed) are forgotten with them.
    this.storedForms = seen;
    return spans;
  }
}
