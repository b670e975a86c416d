// ESLint for the whole tree: typescript-eslint's type-checked rules on every TypeScript file (each file is checked
// against the tsconfig.json nearest to it: the root one, renderer/ or test/e2e/), React's hooks rules on the
// renderer, and the rule that only the Electron adapter imports `electron`. The layer order between folders is
// dependency-cruiser's job (.dependency-cruiser.cjs); `npm run lint` runs both.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import i18next from 'eslint-plugin-i18next';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ELECTRON_ONLY_IN_ADAPTER = {
  name: 'electron',
  message: 'Only main/electron/ (and preload/) import electron: everything else runs in the browser host and the CLI too, where there is no Electron. Reach Electron through AppServices.host.',
};

// A string with no letter of any script people read (digits, punctuation, arrows, symbols such as ▶ ♪ −) is not a
// word to translate.
const NO_LETTERS = '[^A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F\\u0370-\\u04FF\\u0590-\\u06FF\\u0900-\\u0DFF\\u0E00-\\u0EFF\\u3040-\\u30FF\\u3400-\\u9FFF\\uAC00-\\uD7AF]+';

const APP_ERROR_WORDS_FROM_CATALOGUE = [
  { selector: "NewExpression[callee.name='AppError'] > Literal:nth-child(2)", message: 'Say it with phrase(…) from main/common/i18n/phrase.ts: the text must be in the catalogue.' },
  { selector: "NewExpression[callee.name='AppError'] > TemplateLiteral:nth-child(2)", message: 'Say it with phrase(…) from main/common/i18n/phrase.ts: the text must be in the catalogue.' },
];

// The CLI's words come from the catalogue (namespace cli): no literal with letters goes to its output (Output's
// line/warn/raw, a stream's write, a table's headers) or into a schema's message (parseWith says it as a phrase).
const CLI_SAYS = 'The CLI says this from the catalogue: words.say(\'cli:…\') (main/cli/words.ts), or issue(\'cli:…\') in a schema.';
const CLI_OUTPUT_FROM_CATALOGUE = [
  { selector: "CallExpression[callee.property.name=/^(line|warn|raw|write|document)$/] > Literal[value=/[A-Za-z\\u3040-\\u30ff\\u4e00-\\u9fff]/]", message: CLI_SAYS },
  { selector: "CallExpression[callee.property.name=/^(line|warn|raw|write)$/] > TemplateLiteral:has(TemplateElement[value.cooked=/[A-Za-z\\u3040-\\u30ff\\u4e00-\\u9fff]/])", message: CLI_SAYS },
  { selector: "CallExpression[callee.property.name=/^(min|max|length|regex|refine|superRefine)$/] > :matches(Literal[raw=/^['\"]/], TemplateLiteral):nth-child(2)", message: CLI_SAYS },
  { selector: "Property[key.name=/^(message|error)$/] > :matches(Literal, TemplateLiteral)", message: CLI_SAYS },
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.vite/**', '**/*.d.ts'] },

  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          // Two TypeScript files no tsconfig includes: checked against the root one's options.
          allowDefaultProject: ['renderer/vite.config.mts', 'test/e2e/support/seed-library.mts'],
          defaultProject: 'tsconfig.json',
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // The two that catch lost errors and half-finished work: a promise nobody awaits, an async function where a
      // void callback is expected (its rejection goes nowhere).
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // `_name` marks a parameter a signature requires but the body does not use.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'all', caughtErrorsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [ELECTRON_ONLY_IN_ADAPTER] }],
      // Off: functions that implement an async interface (a cipher, a fake server, a host adapter) stay `async` so
      // that a throw reaches the caller as a rejection, as the interface promises; the rule would have them throw
      // synchronously or wrap values in Promise.resolve. Missing awaits are no-floating-promises' job.
      '@typescript-eslint/require-await': 'off',
      // Off: every control character in this code's regular expressions is deliberate (names, headers, log and
      // terminal text are cleaned of them); the rule exists to catch accidental ones and would need a disable
      // comment at each of the twenty-odd places that refuse or strip them.
      'no-control-regex': 'off',
    },
  },

  // The Electron adapter is the one home of `electron`. preload/ is the other place that must import it: it runs
  // in Electron's preload context and is built from contextBridge and ipcRenderer, which nothing else provides.
  // test/main/electron/ mirrors the adapter and mocks `electron` for it.
  {
    files: ['main/electron/**', 'preload/**', 'test/main/electron/**'],
    rules: { 'no-restricted-imports': 'off' },
  },

  {
    files: ['test/**/*.{ts,tsx}'],
    rules: {
      // Off in tests only: Vitest's asymmetric matchers (expect.any, expect.stringContaining…) are typed `any`, so
      // the rule fires on every `toMatchObject({ message: expect.stringContaining(…) })`. Reading an `any` (member
      // access, argument, return, call) is still an error.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },

  {
    files: ['renderer/**/*.{ts,tsx}', 'test/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },

  // Every word a person reads comes from the catalogue (main/common/i18n/locales): text and attribute strings in the
  // window's markup are refused here, keys are type-checked by tsc (main/common/i18n/i18next-types.ts).
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    ignores: ['renderer/src/i18n/**'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': ['error', {
        // Every string literal, in markup and in code (notices, labels built in hooks), except those that cannot be
        // words: identifiers and keys ('upload', 'library:folder.empty'), punctuation and symbols alone.
        mode: 'all',
        words: { exclude: [NO_LETTERS, '[A-Z_-]+', '/?[a-z][a-zA-Z0-9]*([-.:/_#][a-zA-Z0-9]+)*'] },
        callees: { exclude: ['i18n(ext)?', 't', 'require', 'addEventListener', 'removeEventListener', 'postMessage', 'getElementById', 'querySelector(All)?', 'closest', 'matches', 'dispatch', 'includes', 'indexOf', 'endsWith', 'startsWith', 'split', 'join', 'replace(All)?', 'setProperty', 'getPropertyValue', 'setAttribute', 'getAttribute', 'removeAttribute', 'toggle', 'createElement', 'matchMedia'] },
        'jsx-attributes': { exclude: ['className', 'style', 'type', 'key', 'id', 'width', 'height', 'role', 'href', 'rel', 'target', 'lang', 'name', 'value', 'htmlFor', 'autoComplete', 'inputMode', 'accept', 'preload', 'loading', 'decoding', 'data-.*', 'aria-(controls|describedby|labelledby|live|haspopup|current|owns|activedescendant|relevant|atomic|sort|orientation|autocomplete)', 'viewBox', 'fill', 'stroke.*', 'd', 'points', 'x', 'y', 'rx', 'cx', 'cy', 'r', 'xmlns', 'focusable', 'dir', 'spellCheck', 'pattern', 'min', 'max', 'step', 'wrap', 'form', 'method', 'scope', 'headers', 'sizes', 'srcSet', 'src', 'poster', 'controlsList', 'crossOrigin', 'enterKeyHint', 'translate', 'tabIndex'] },
      }],
    },
  },

  // main's errors reach people: their words are a phrase from the catalogue (main/common/i18n/phrase.ts), never a
  // string written at the throw. The sandbox is a server stand-in: its messages are a server's, not the app's.
  {
    files: ['main/**/*.ts'],
    ignores: ['main/sandbox/**'],
    rules: { 'no-restricted-syntax': ['error', ...APP_ERROR_WORDS_FROM_CATALOGUE] },
  },
  {
    files: ['main/cli/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...APP_ERROR_WORDS_FROM_CATALOGUE, ...CLI_OUTPUT_FROM_CATALOGUE] },
  },

  // Build, test and start scripts are plain JavaScript modules for Node: linted without type information.
  {
    files: ['**/*.{mjs,cjs,js}'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: globals.node },
  },
);
