import { esbuildPlugin } from '@web/dev-server-esbuild';
import { launchers } from './test/support/browsers.mjs';
import { countReporter } from './test/support/count-reporter.mjs';
import { defaultReporter } from '@web/test-runner';
import { emulatorPlugin } from './test/support/emulator-plugin.mjs';
import { tokenEndpointPlugin } from './test/support/token-endpoint-plugin.mjs';
import { pushPlugin } from './test/support/push-plugin.mjs';

// BROWSERS=chromium,firefox narrows a local run; CI always runs all three.
const names = process.env.BROWSERS?.split(',').map(s => s.trim()).filter(Boolean);

export default {
  files: ['test/**/*.test.ts', '!test/node/**'],
  nodeResolve: true,
  concurrency: 1,
  browsers: launchers(names),
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }), emulatorPlugin(), tokenEndpointPlugin(), pushPlugin()],
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
