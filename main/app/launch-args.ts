// What the OS and Electron pass the desktop app at launch, split into what the app acts on and what it leaves alone.
// Electron hands the app its whole command line: Chromium and Electron switches (`--no-sandbox`, which AppImages need
// on some distributions, `--enable-logging`, `--disable-gpu`…), macOS's process serial number (`-psn_0_12345`, from
// Finder on older systems), and the files the user opened the app with. None of these may stop the app.
import path from 'node:path';
import { phrase, type Phrase } from '../common/i18n/phrase.js';

export interface LaunchArgs {
  /** `--data-dir DIR` or `--data-dir=DIR`, resolved; undefined for the OS's default folder. */
  dataDir: string | undefined;
  /** Files to open (absolute paths), in the order given. */
  files: string[];
  /** Chromium / Electron switches: Electron itself reads them, the app ignores them. */
  switches: string[];
  /**
   * Something to tell the user about on the terminal and in the log: unknown options, an option without its value.
   * Phrases, said in the terminal's language; the option as given is only ever a value inside one.
   */
  warnings: Phrase[];
}

/** Switches Electron, Chromium or the OS are known to pass or users are told to add: accepted without a word. */
const KNOWN_SWITCHES = new Set([
  '--no-sandbox',
  '--enable-logging',
  '--disable-gpu',
  '--disable-gpu-sandbox',
  '--disable-software-rasterizer',
  '--in-process-gpu',
  '--ozone-platform',
  '--ozone-platform-hint',
  '--enable-features',
  '--disable-features',
  '--enable-wayland-ime',
  '--force-device-scale-factor',
  '--high-dpi-support',
  '--lang',
  '--log-file',
  '--log-level',
  '--v',
  '--vmodule',
  '--proxy-server',
  '--proxy-bypass-list',
  '--proxy-pac-url',
  '--no-proxy-server',
  '--ignore-certificate-errors',
  '--remote-debugging-port',
  '--inspect',
  '--inspect-brk',
  '--allow-file-access-from-files',
  '--original-process-start-time',
  '--password-store',
  '--gtk-version',
  '--user-data-dir',
]);

/** Options the browser host or the CLI take, which mean nothing here: warned about, never an error. */
const APP_OPTIONS_ELSEWHERE = new Set(['--port']);

/**
 * Splits the arguments after Electron's own (`process.argv` without the executable, and without the app folder when
 * not packaged). Relative file paths resolve against `cwd`, the folder the app was launched from.
 */
export function parseLaunchArgs(argv: readonly string[], cwd: string): LaunchArgs {
  const result: LaunchArgs = { dataDir: undefined, files: [], switches: [], warnings: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '') continue;
    if (/^-psn_\d+_\d+$/.test(arg)) continue; // macOS process serial number: meaningless to the app
    if (arg === '--') {
      for (const rest of argv.slice(i + 1)) if (rest !== '') result.files.push(path.resolve(cwd, rest));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const flag = eq === -1 ? arg : arg.slice(0, eq);
      if (flag === '--data-dir') {
        const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
        if (value === undefined || value === '' || (eq === -1 && value.startsWith('--'))) {
          if (eq === -1 && value?.startsWith('--')) i--;
          result.warnings.push(phrase('desktop:launch.dataDirEmpty'));
        } else {
          result.dataDir = path.resolve(cwd, value);
        }
      } else {
        result.switches.push(arg);
        if (APP_OPTIONS_ELSEWHERE.has(flag)) result.warnings.push(phrase('desktop:launch.browserHostOption', { option: flag }));
        else if (!KNOWN_SWITCHES.has(flag) && !flag.startsWith('--inspect')) result.warnings.push(phrase('desktop:launch.unknownSwitch', { option: flag }));
      }
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      // Its name only, as for a --switch: a value after "=" (-token=…) is not said on the terminal or in the log.
      const eq = arg.indexOf('=');
      result.warnings.push(phrase('desktop:launch.unknownOption', { option: eq === -1 ? arg : arg.slice(0, eq) }));
      continue;
    }
    result.files.push(path.resolve(cwd, arg));
  }
  return result;
}

/**
 * The arguments after the executable and, when running from sources (`electron .`), after the app's folder.
 * A second instance's argv can carry Chromium's switches before the app folder, so the folder is the first
 * non-option argument, not argv[1].
 */
export function argsAfterApp(argv: readonly string[], packaged: boolean): string[] {
  const rest = argv.slice(1);
  if (packaged) return rest;
  const app = rest.findIndex((arg) => !arg.startsWith('-'));
  return app === -1 ? rest : [...rest.slice(0, app), ...rest.slice(app + 1)];
}
