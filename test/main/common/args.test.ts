// The one command-line parser (CLI, browser and Electron hosts, standalone sandbox).
import { describe, expect, it } from 'vitest';
import { ArgsError, parseArgv, type ArgOptions } from '../../../main/common/args.js';

const options: ArgOptions = {
  out: { type: 'string' },
  force: { type: 'boolean' },
  to: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
};

function problem(argv: string[], strict = true): [string, string, string] {
  try {
    parseArgv(argv, options, { strict });
  } catch (err) {
    expect(err).toBeInstanceOf(ArgsError);
    const e = err as ArgsError;
    return [e.problem, e.option, e.message];
  }
  throw new Error(`no error for ${argv.join(' ')}`);
}

describe('parseArgv', () => {
  it('reads --x v, --x=v, repeated options, one-letter aliases, positionals and everything after --', () => {
    expect(parseArgv(['a', '--out', 'd', '--to=1', '--to', '2', '--force', '-h', 'b', '--', '--out', '-x'], options)).toEqual({
      values: { out: 'd', to: ['1', '2'], force: true, help: true },
      positionals: ['a', 'b', '--out', '-x'],
      unknown: [],
    });
  });

  it('takes a value that starts with "-" only as --x=VALUE, and "" as an empty value', () => {
    expect(parseArgv(['--out=-x', '--to='], options).values).toEqual({ out: '-x', to: [''] });
    expect(parseArgv(['-'], options).positionals).toEqual(['-']);
  });

  it('refuses, when strict, what it cannot read, naming the option as written', () => {
    expect(problem(['--nope'])).toEqual(['unknown-option', '--nope', 'Unknown option --nope.']);
    expect(problem(['-q'])).toEqual(['unknown-option', '-q', 'Unknown option -q.']);
    expect(problem(['--out'])).toEqual(['missing-value', '--out', '--out needs a value.']);
    expect(problem(['--force=yes'])).toEqual(['unexpected-value', '--force', '--force takes no value.']);
    expect(problem(['--out', '-x'])[0]).toBe('value-looks-like-option');
    // Names inherited from Object are not options.
    expect(problem(['--constructor'])[0]).toBe('unknown-option');
    expect(problem(['--toString=x'])[0]).toBe('unknown-option');
  });

  it('collects unknown options as written when tolerant (Chromium and Electron switches), without eating the next word', () => {
    const parsed = parseArgv(['--no-sandbox', '-psn_0_1234', '--out', 'dir', '--inspect=9229', '/path/to/file.jpg', '--enable-features', 'X'], options, { strict: false });
    expect(parsed).toEqual({
      values: { out: 'dir' },
      positionals: ['/path/to/file.jpg', 'X'],
      unknown: ['--no-sandbox', '-psn_0_1234', '--inspect=9229', '--enable-features'],
    });
    // A known option is still read strictly.
    expect(problem(['--no-sandbox', '--out'], false)[0]).toBe('missing-value');
  });
});
