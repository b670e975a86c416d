// The layer order of README's Layout, checked by dependency-cruiser (`npm run lint`, `npm test`):
//   main/common ← main/core ← main/providers ← main/app ← hosts (main/webhost, main/electron, main/cli)
// A layer imports only layers to its left. The renderer, the sandbox and preload import only main/common (and their
// own folder, and npm packages). Only the app and the hosts start the sandbox. Which files may import `electron`
// is ESLint's rule (eslint.config.mjs), as it also covers tests and scripts.
/** Folders under main/ a layer must not import, by layer. */
const HOSTS = 'main/(webhost|electron|cli)/';
const ABOVE = {
  common: `^main/(core|providers|app|sandbox|webhost|electron|cli)/`,
  core: `^main/(providers|app|sandbox|webhost|electron|cli)/`,
  providers: `^main/(app|sandbox|webhost|electron|cli)/`,
  app: `^${HOSTS}`,
};

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'common-imports-nothing-above',
      comment: 'main/common is shared with the renderer: it imports no other part of main/.',
      severity: 'error',
      from: { path: '^main/common/' },
      to: { path: ABOVE.common },
    },
    {
      name: 'common-runs-anywhere',
      comment: "main/common runs in the renderer too (README: no Node, no Electron): no Node built-in modules.",
      severity: 'error',
      from: { path: '^main/common/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-imports-only-common',
      comment: 'main/core (services) sits on main/common only.',
      severity: 'error',
      from: { path: '^main/core/' },
      to: { path: ABOVE.core },
    },
    {
      name: 'providers-import-core-and-common',
      comment: 'main/providers (protocol clients) sit on main/core and main/common.',
      severity: 'error',
      from: { path: '^main/providers/' },
      to: { path: ABOVE.providers },
    },
    {
      name: 'app-imports-no-host',
      comment: 'main/app composes everything below it; the hosts (webhost, electron, cli) sit on top of it.',
      severity: 'error',
      from: { path: '^main/app/' },
      to: { path: ABOVE.app },
    },
    {
      name: 'hosts-do-not-import-each-other',
      comment: 'Each host (webhost, electron, cli) stands on main/app alone; what two hosts share belongs below them.',
      severity: 'error',
      from: { path: `^main/(webhost|electron|cli)/` },
      to: { path: `^${HOSTS}`, pathNot: '^main/$1/' },
    },
    {
      name: 'sandbox-imports-only-common',
      comment: 'The sandbox stands in for the remote services: it shares only the contract-level code of main/common with the app.',
      severity: 'error',
      from: { path: '^main/sandbox/' },
      to: { path: '^(main/(?!common/|sandbox/)|renderer/|preload/|test/)' },
    },
    {
      name: 'renderer-imports-only-common',
      comment: 'The renderer is a web page: of the project it imports only main/common (and its own files).',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(main/(?!common/)|preload/|test/|scripts/)' },
    },
    {
      name: 'renderer-no-node',
      comment: 'The renderer runs in a browser page without Node.',
      severity: 'error',
      from: { path: '^renderer/src/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'preload-imports-only-common',
      comment: 'preload/ exposes the contract to the page: it needs only main/common (and electron).',
      severity: 'error',
      from: { path: '^preload/' },
      to: { path: '^(main/(?!common/)|renderer/|test/)' },
    },
    {
      name: 'main-imports-no-renderer-or-test',
      comment: 'Shipped code does not import the UI, the preload script or the tests.',
      severity: 'error',
      from: { path: '^main/' },
      to: { path: '^(renderer|preload|test)/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing would escape every rule above.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
