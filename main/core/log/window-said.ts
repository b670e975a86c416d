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

/** What is worked out once of a text of the window's: its forms, and which secret forms they hold. */
interface Known {
  forms: readonly string[];
  /** Per secret form asked about: whether one of `forms` holds it (an occurrence of the text can cover it only then). */
  holds: Map<string, boolean>;
  /** The last look that looked for the text in its line: it is looked for once a line. */
  look: number;
}

/**
 * A text of the window's that main keeps, or a list of them. A list is one main does not change in place (a changed
 * list is a new array): what is worked out of it is kept while the same list comes back.
 */
export type KeptTexts = string | readonly string[];

export class WindowSaid {
  /** Each text the window sent that held a secret; oldest first. */
  private readonly said = new Set<string>();
  private chars = 0;
  /**
   * Worked out once per text, whether the window sent it or main keeps it: a line holding a secret's form then looks
   * for only the texts whose forms hold that very form (the transfer list alone may hold tens of thousands of texts).
   */
  private known = new Map<string, Known>();
  /** Per list of kept texts: for each secret form asked about, the texts whose forms hold it. */
  private lists = new WeakMap<readonly string[], Map<string, string[]>>();
  private looks = 0;

  constructor(private readonly storedTexts: () => Iterable<KeptTexts> = () => []) {}

  /** Keeps those of `texts` that hold one of `secretForms` (usually none: then one scan of their joined text). */
  add(texts: readonly string[], forms: readonly string[]): void {
    if (forms.length === 0 || texts.length === 0) return;
    // A form holding the separator could match across two texts: then each text is looked at on its own anyway.
    const joined = texts.join(SEPARATOR);
    if (!forms.some((form) => joined.includes(form))) return;
    for (const text of texts) {
      if (!forms.some((form) => text.includes(form))) continue;
      if (!this.said.delete(text)) this.chars += text.length;
      this.said.add(text);
    }
    for (const oldest of this.said) {
      if (this.said.size <= MAX_ENTRIES && this.chars <= MAX_CHARS) break;
      this.said.delete(oldest);
      this.chars -= oldest.length;
    }
  }

  /**
   * Where `text` holds one of the window's texts, in any of their forms. Only an occurrence that covers a hit matters,
   * and one can only if the window's text has a form holding the hit's: so only texts whose forms hold one of
   * `hitForms` (the secret forms found in `text`) are looked for.
   */
  spansIn(text: string, hitForms: ReadonlySet<string>): Span[] {
    const look = ++this.looks;
    const spans: Span[] = [];
    const lookFor = (known: Known): void => {
      if (known.look === look) return; // looked for already
      known.look = look;
      for (const form of known.forms) for (let at = text.indexOf(form); at !== -1; at = text.indexOf(form, at + 1)) spans.push([at, at + form.length]);
    };
    const stored: KeptTexts[] = [];
    let count = 0;
    const lookAt = (kept: string): void => {
      const known = this.knownOf(kept);
      if (this.holdsAny(known, hitForms)) lookFor(known);
    };
    for (const said of this.said) lookAt(said);
    for (const texts of this.storedTexts()) {
      stored.push(texts);
      if (typeof texts === 'string') {
        count++;
        if (texts.length >= 4) lookAt(texts);
        continue;
      }
      count += texts.length;
      for (const hit of hitForms) for (const held of this.holding(texts, hit)) lookFor(this.knownOf(held));
    }
    // Texts no longer kept (an account removed, a label changed) are forgotten with them, once they are many.
    if (this.known.size > 2 * (count + this.said.size) + 1024) this.sweep(stored);
    return spans;
  }

  /** The texts of `list` whose forms hold `hit`; worked out once per list and form. */
  private holding(list: readonly string[], hit: string): string[] {
    let byHit = this.lists.get(list);
    if (!byHit) this.lists.set(list, (byHit = new Map<string, string[]>()));
    let texts = byHit.get(hit);
    if (!texts) {
      texts = [...new Set(list.filter((text) => text.length >= 4 && this.holds(this.knownOf(text), hit)))];
      // Secret forms come and go with the secrets: a list keeps the answers for a few of them.
      if (byHit.size >= 64) byHit.clear();
      byHit.set(hit, texts);
    }
    return texts;
  }

  private knownOf(said: string): Known {
    let known = this.known.get(said);
    if (!known) this.known.set(said, (known = { forms: secretForms(said, 1), holds: new Map<string, boolean>(), look: 0 }));
    return known;
  }

  private holdsAny(known: Known, hitForms: ReadonlySet<string>): boolean {
    for (const hit of hitForms) if (this.holds(known, hit)) return true;
    return false;
  }

  private holds(known: Known, hit: string): boolean {
    let holds = known.holds.get(hit);
    if (holds === undefined) {
      holds = known.forms.some((form) => form.includes(hit));
      if (known.holds.size >= 64) known.holds.clear();
      known.holds.set(hit, holds);
    }
    return holds;
  }

  private sweep(kept: readonly KeptTexts[]): void {
    const live = new Set<string>(this.said);
    for (const texts of kept) for (const text of typeof texts === 'string' ? [texts] : texts) live.add(text);
    for (const text of this.known.keys()) if (!live.has(text)) this.known.delete(text);
  }
}
