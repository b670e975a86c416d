// Reading a command line: the one parser the CLI, the hosts (browser, Electron) and the standalone sandbox use.
// It lives here, in plain code, because the sandbox may import only main/common, which runs anywhere; node's
// util.parseArgs would do the tokenising but is Node's. The rules are parseArgs's, for what the project uses:
//   --name VALUE, --name=VALUE, --flag, -x (a one-letter alias), repeated options (multiple), `--` ends options,
//   and a value that starts with "-" must be written --name=VALUE (so a missing value is not silently a flag).
// Strict (the default) refuses an unknown option with an ArgsError; tolerant mode (strict: false) collects unknown
// options, as written, in `unknown` (Electron and Chromium add switches of their own to an app's command line).

export interface ArgOption {
  type: 'string' | 'boolean';
  multiple?: boolean;
  /** A one-letter alias: "h" for -h. */
  short?: string;
}

export type ArgOptions = Record<string, ArgOption>;

export type ArgValue = string | boolean | string[] | boolean[];

export interface ParsedArgs {
  values: Record<string, ArgValue>;
  positionals: string[];
  /** Tolerant mode only: the unknown options as written ("--no-sandbox", "-psn_0_1", "--inspect=9229"). */
  unknown: string[];
}

export type ArgsProblem = 'unknown-option' | 'missing-value' | 'value-looks-like-option' | 'unexpected-value';

/** What is wrong with the command line; `option` as the user wrote it ("--out", "-x"). */
export class ArgsError extends Error {
  constructor(
    readonly problem: ArgsProblem,
    readonly option: string,
  ) {
    super(
      problem === 'unknown-option'
        ? `Unknown option ${option}.`
        : problem === 'unexpected-value'
          ? `${option} takes no value.`
          : problem === 'value-looks-like-option'
            ? `${option} needs a value; for a value that starts with "-", write ${option}=VALUE.`
            : `${option} needs a value.`,
    );
    this.name = 'ArgsError';
  }
}

function isOptionLike(token: string): boolean {
  return token.length > 1 && token.startsWith('-');
}

export function parseArgv(argv: readonly string[], options: ArgOptions, settings: { strict?: boolean } = {}): ParsedArgs {
  const strict = settings.strict ?? true;
  const byShort = new Map(Object.entries(options).flatMap(([name, spec]) => (spec.short ? [[spec.short, name] as const] : [])));
  const values: Record<string, ArgValue> = {};
  const positionals: string[] = [];
  const unknown: string[] = [];
  const store = (name: string, spec: ArgOption, value: string | boolean): void => {
    if (!spec.multiple) values[name] = value;
    else values[name] = [...((values[name] as Array<string | boolean> | undefined) ?? []), value] as string[] | boolean[];
  };

  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] ?? '';
    if (token === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!isOptionLike(token)) {
      positionals.push(token);
      continue;
    }
    const long = token.startsWith('--');
    const equals = long ? token.indexOf('=') : -1;
    const written = equals >= 0 ? token.slice(0, equals) : token;
    const name = long ? written.slice(2) : token.length === 2 ? byShort.get(token.slice(1)) : undefined;
    const spec = name === undefined ? undefined : Object.hasOwn(options, name) ? options[name] : undefined;
    if (name === undefined || spec === undefined) {
      if (strict) throw new ArgsError('unknown-option', written);
      unknown.push(token);
      continue;
    }
    const inline = equals >= 0 ? token.slice(equals + 1) : undefined;
    if (spec.type === 'boolean') {
      if (inline !== undefined) throw new ArgsError('unexpected-value', written);
      store(name, spec, true);
      continue;
    }
    if (inline !== undefined) {
      store(name, spec, inline);
      continue;
    }
    const next = argv[i + 1];
    if (next === undefined) throw new ArgsError('missing-value', written);
    if (isOptionLike(next)) throw new ArgsError('value-looks-like-option', written);
    store(name, spec, next);
    i += 1;
  }
  return { values, positionals, unknown };
}
