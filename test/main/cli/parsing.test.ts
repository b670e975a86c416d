// The CLI's pure parts, in-process: reading options, finding commands, exit codes, help for every command,
// scrubbing secrets and the no-echo prompt.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES } from '../../../main/common/errors.js';
import { parseCommandLine, UsageError } from '../../../main/cli/argv.js';
import { EXIT, exitCodeFor } from '../../../main/cli/exit-codes.js';
import { processIo } from '../../../main/cli/io.js';
import { promptHidden } from '../../../main/cli/prompt.js';
import { hideSecrets } from '../../../main/cli/redact.js';
import { COMMANDS, resolveCommand } from '../../../main/cli/registry.js';
import { runCli } from '../../../main/cli/run.js';
import { GLOBAL_OPTIONS } from '../../../main/cli/help.js';
import { memoryIo } from './support/memory-io.js';


describe('parseCommandLine', () => {
  const specs = { out: { type: 'string', value: 'DIR', help: 'cli:option.out' }, force: { type: 'boolean', help: 'cli:option.help' }, to: { type: 'string', multiple: true, help: 'cli:option.help' } } as const;

  it('reads --x v, --x=v, repeated options and positionals', () => {
    expect(parseCommandLine(specs, ['a', '--out', 'd', '--to=1', '--to', '2', '--force', 'b'])).toEqual({ values: { out: 'd', to: ['1', '2'], force: true }, positionals: ['a', 'b'] });
  });

  it('says what is wrong in words a shell user understands', () => {
    const message = (argv: string[]): string => {
      try {
        parseCommandLine(specs, argv);
      } catch (err) {
        expect(err).toBeInstanceOf(UsageError);
        return (err as Error).message;
      }
      throw new Error('no error');
    };
    expect(message(['--nope'])).toBe('Unknown option --nope.');
    expect(message(['--out'])).toBe('--out needs a value.');
    expect(message(['--force=yes'])).toBe('--force takes no value.');
    expect(message(['--out', '-x'])).toMatch(/^--out needs a value; for a value that starts with "-", write --out=VALUE\.$/);
  });
});

describe('resolveCommand', () => {
  it('finds multi-word commands with global options before them', () => {
    const resolved = resolveCommand(['--data-dir', 'acl', 'library', 'acl', 'set', 'f', '--force'], GLOBAL_OPTIONS);
    expect(resolved.command?.words).toEqual(['library', 'acl', 'set']);
    expect(resolved.rest).toEqual(['--data-dir', 'acl', 'f', '--force']);
  });

  it('stops at a group, and refuses words that name nothing', () => {
    expect(resolveCommand(['library', 'acl'], GLOBAL_OPTIONS)).toMatchObject({ command: undefined, words: ['library', 'acl'] });
    expect(() => resolveCommand(['library', 'chmod'], GLOBAL_OPTIONS)).toThrow('Unknown command "library chmod".');
    expect(() => resolveCommand(['frobnicate'], GLOBAL_OPTIONS)).toThrow('Unknown command "frobnicate".');
  });
});

describe('exit codes', () => {
  it('sort every error code into usage, remote, local, cancelled or unexpected', () => {
    const expected: Record<string, number> = {
      validation: 2,
      unauthorized: 3,
      forbidden: 3,
      not_found: 3,
      conflict: 3,
      rate_limited: 3,
      too_large: 3,
      remote: 3,
      protocol: 3,
      network: 3,
      timeout: 3,
      io: 4,
      config: 4,
      unsupported_media: 4,
      insecure: 4,
      cancelled: 130,
      internal: 1,
    };
    for (const code of ERROR_CODES) expect(exitCodeFor(new AppError(code, 'x')), code).toBe(expected[code]);
  });
});

describe('help', () => {
  it('every command answers --help on stdout with exit 0, naming its usage, the exit codes and, with an account, the secrets', async () => {
    for (const command of COMMANDS) {
      const io = memoryIo();
      const code = await runCli([...command.words, '--help'], io, new AbortController().signal);
      const name = command.words.join(' ');
      expect(code, name).toBe(EXIT.ok);
      expect(io.out(), name).toContain(`Usage: media-desk ${name} `);
      expect(io.out(), name).toContain('  3    remote: ');
      expect(io.out(), name).toContain('  4    local: ');
      if (command.account) {
        expect(io.out(), name).toContain('MEDIA_DESK_SECRET');
        expect(io.out(), name).toContain('--account NAME');
      }
      expect(io.err(), name).toBe('');
    }
  });

  it('the overview lists every command; no command at all is a usage error with the overview on stderr', async () => {
    const io = memoryIo();
    expect(await runCli(['--help'], io, new AbortController().signal)).toBe(0);
    for (const command of COMMANDS) expect(io.out()).toContain(`  ${command.words.join(' ')} `);
    const bare = memoryIo();
    expect(await runCli([], bare, new AbortController().signal)).toBe(2);
    expect(bare.out()).toBe('');
    expect(bare.err()).toContain('Usage: media-desk <command>');
  });

  it('a group without its command lists the group on --help, and is a usage error otherwise', async () => {
    const help = memoryIo();
    expect(await runCli(['twilio', 'media', '--help'], help, new AbortController().signal)).toBe(0);
    expect(help.out()).toMatch(/twilio media list[\s\S]*twilio media get[\s\S]*twilio media rm/);
    const bare = memoryIo();
    expect(await runCli(['twilio', 'media'], bare, new AbortController().signal)).toBe(2);
    expect(bare.err()).toBe('media-desk: "twilio media" needs a command: list, get, rm. (see "media-desk twilio media --help")\n');
  });
});

describe('help and version, wherever the global options are', () => {
  it('"help <command>" is "<command> --help"; --version answers alone or with --json', async () => {
    const io = memoryIo();
    expect(await runCli(['--data-dir', '/x', 'help', 'library', 'acl', 'set'], io, new AbortController().signal)).toBe(0);
    expect(io.out()).toContain('Usage: media-desk library acl set ');
    const version = memoryIo();
    expect(await runCli(['--json', '--version'], version, new AbortController().signal)).toBe(0);
    expect(JSON.parse(version.out())).toEqual({ version: expect.any(String) });
    const unknown = memoryIo();
    expect(await runCli(['help', 'nope', '--json'], unknown, new AbortController().signal)).toBe(2);
    expect(JSON.parse(unknown.out())).toEqual({ error: { code: 'validation', message: 'Unknown command "nope".', exitCode: 2 } });
  });
});

describe('processIo', () => {
  it('resolves paths in the folder the user typed them in, also under `npm run cli` (which moves to the package)', () => {
    expect(processIo({}).cwd).toBe(process.cwd());
    expect(processIo({ npm_lifecycle_event: 'cli', npm_package_name: 'media-desk', INIT_CWD: '/home/me/photos' }).cwd).toBe('/home/me/photos');
    // Another package's script: its INIT_CWD is not where this command's paths were written.
    expect(processIo({ npm_lifecycle_event: 'deploy', npm_package_name: 'other', INIT_CWD: '/elsewhere' }).cwd).toBe(process.cwd());
  });
});

describe('hideSecrets', () => {
  it('replaces secrets as typed, percent-encoded and JSON-escaped, and leaves short values alone', () => {
    expect(hideSecrets('p=s3cr&t! q=s3cr%26t! j="s3cr\\"et"', ['s3cr&t!', 's3cr"et', 'ab'])).toBe('p=[redacted] q=[redacted] j="[redacted]"');
    expect(hideSecrets('a tab', ['ab'])).toBe('a tab');
  });
});

describe('promptHidden', () => {
  function fakeTty() {
    const input = Object.assign(new PassThrough(), { isTTY: true, rawModes: [] as boolean[] });
    const setRawMode = (mode: boolean) => input.rawModes.push(mode);
    const output = new PassThrough();
    let shown = '';
    output.setEncoding('utf8').on('data', (c: string) => (shown += c));
    return { input: Object.assign(input, { setRawMode }), output, shown: () => shown };
  }

  it('reads up to Enter in raw mode, handles backspace and arrow keys, echoes nothing, restores the terminal', async () => {
    const tty = fakeTty();
    const answer = promptHidden(tty.input, tty.output, 'Password: ');
    tty.input.write('sx\u007fe\u001b[Dcr');
    tty.input.write('et\rignored');
    await expect(answer).resolves.toBe('secret');
    expect(tty.input.rawModes).toEqual([true, false]);
    expect(tty.shown()).toBe('Password: \n');
  });

  it('Ctrl-C cancels', async () => {
    const tty = fakeTty();
    const answer = promptHidden(tty.input, tty.output, 'Password: ');
    tty.input.write('abc\u0003');
    await expect(answer).rejects.toMatchObject({ code: 'cancelled' });
    expect(tty.input.rawModes).toEqual([true, false]);
  });

  it('refuses to ask when the input is not a terminal', async () => {
    await expect(promptHidden(new PassThrough(), new PassThrough(), 'x')).rejects.toMatchObject({ code: 'config' });
  });
});
