import { esbuildPlugin } from '@web/dev-server-esbuild';
import { launchers } from './test/support/browsers.mjs';
import { countReporter } from './test/support/count-reporter.mjs';
import { defaultReporter } from '@web/test-runner';
import { emulatorPlugin } from './test/support/emulator-plugin.mjs';
import { tokenEndpointPlugin } from './test/support/token-endpoint-plugin.mjs';
import { totpEndpointPlugin } from './test/support/totp-endpoint-plugin.mjs';
import { pushPlugin } from './test/support/push-plugin.mjs';
import { visualRegressionPlugin } from '@web/test-runner-visual-regression/plugin';
import { visualPagePlugin } from './test/visual/page-plugin.mjs';
import { modifiedClickPlugin } from './test/support/modified-click-plugin.mjs';
import { litSsrPlugin } from './test/support/lit-ssr-plugin.mjs';

// BROWSERS=chromium,firefox narrows a local run; CI always runs all three.
const names = process.env.BROWSERS?.split(',').map(s => s.trim()).filter(Boolean) ?? ['chromium', 'firefox', 'webkit'];
const browsers = launchers(names);
// Screenshots are compared in Chromium only: baselines are per engine, and one engine is enough to
// see a style change. Its own group, on the same Chromium, so other engines never load those files.
const chromium = browsers[names.indexOf('chromium')];
// `--files` picks the files to run: the visual group would come on top of them.
const pickedFiles = process.argv.some(arg => arg === '--files' || arg.startsWith('--files='));

export default {
  files: ['test/**/*.test.ts', '!test/node/**', '!test/visual/**'],
  nodeResolve: true,
  concurrency: 1,
  browsers,
  groups: chromium && !pickedFiles ? [{ name: 'visual', files: 'test/visual/**/*.test.ts', browsers: [chromium] }] : [],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
    emulatorPlugin(),
    tokenEndpointPlugin(),
    totpEndpointPlugin(),
    pushPlugin(),
    (await import('./test/support/examples-plugin.mjs')).examplesPlugin(),
    visualPagePlugin(),
    modifiedClickPlugin(),
    litSsrPlugin(),
    // UPDATE_VISUAL_BASELINES=1 writes the screenshots as the new baselines (npm run test:visual:update).
    visualRegressionPlugin({
      update: process.env.UPDATE_VISUAL_BASELINES === '1',
      baseDir: 'test/visual',
      getBaselineName: ({ name }) => `baselines/${name}`,
      getFailedName: ({ name }) => `failed/${name}`,
      getDiffName: ({ name }) => `failed/${name}-diff`,
    }),
  ],
  reporters: [defaultReporter(), countReporter()],
  // Lit's dev mode stays on in tests for its warnings; its banner is noise.
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  testFramework: { config: { timeout: 5000 } },
  coverageConfig: {
    include: ['src/**/*.ts'],
    threshold: { statements: 90, branches: 80, functions: 85, lines: 90 },
    reportDir: 'coverage',
    reporters: ['lcovonly', 'text-summary'],
  },
};
