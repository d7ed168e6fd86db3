import type { StorybookConfig } from '@storybook/web-components-vite';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { parseSync, Visitor, type Plugin } from 'vite';

const SERVICE_WORKER = 'verify-emulator-sw.js';

/** The Verify Push emulator as one classic Service Worker script (module workers are recent in Firefox). */
async function emulatorServiceWorker(): Promise<string> {
  const { outputFiles } = await build({
    entryPoints: [fileURLToPath(new URL('./emulator-sw.js', import.meta.url))],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    // The emulator's protocol import from the kit's TypeScript, as the rest of Storybook: no kit build needed.
    conditions: ['verify-elements-source'],
    write: false,
    logLevel: 'silent',
  });
  return outputFiles[0].text;
}

/**
 * The push stories run against a Verify Push emulator in a Service Worker on Storybook's own origin
 * (.storybook/emulator-sw.js), in `npm run storybook` and in the static build alike: the dev server
 * bundles it on each request (so emulator edits show on reload), the build writes it next to
 * iframe.html.
 */
const emulatorInServiceWorker = (): Plugin => ({
  name: 'verify-elements:emulator-service-worker',
  configureServer(server) {
    server.middlewares.use((req, res, next) => {
      if (req.url?.split('?')[0] !== `/${SERVICE_WORKER}`) return next();
      emulatorServiceWorker().then(code => {
        res.setHeader('Content-Type', 'text/javascript');
        res.setHeader('Cache-Control', 'no-cache');
        res.end(code);
      }, next);
    });
  },
  async generateBundle() {
    this.emitFile({ type: 'asset', fileName: SERVICE_WORKER, source: await emulatorServiceWorker() });
  },
});

/**
 * The kit uses Lit's legacy decorators (`experimentalDecorators` + `useDefineForClassFields: false`
 * in tsconfig.json). Vite 8 transforms TypeScript with Oxc, which reads both options from the
 * nearest tsconfig.json, so src/ compiles here as it does for rollup and the test runner. Should
 * that ever stop (a moved tsconfig, standard decorators), Vite would still "build" and ship code
 * that fails in the browser: decorator syntax, or class fields that shadow Lit's reactive
 * accessors. This guard turns either into a build error.
 */
const decoratorGuard = (): Plugin => ({
  name: 'verify-elements:decorator-guard',
  enforce: 'post',
  transform(code, id) {
    const file = id.split('?')[0];
    if (!/\/src\/.*\.ts$/.test(file)) return;
    const problems: string[] = [];
    new Visitor({
      Decorator: node => void problems.push(`decorator at ${node.start}`),
      AccessorProperty: node => void problems.push(`accessor field at ${node.start}`),
      PropertyDefinition: node => {
        if (!node.static && node.key.type !== 'PrivateIdentifier') problems.push(`class field at ${node.start}`);
      },
    }).visit(parseSync(file.replace(/\.ts$/, '.js'), code).program);
    if (problems.length) {
      this.error(`${file}: ${problems.join(', ')} left in the output; Storybook must compile src/ with tsconfig.json's experimentalDecorators and useDefineForClassFields: false`);
    }
  },
});

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  core: { disableTelemetry: true },
  async viteFinal(config) {
    config.plugins = [...(config.plugins ?? []), decoratorGuard(), emulatorInServiceWorker()];
    // Storybook's renderer imports lit/directive-helpers.js, which the dev optimizer does not
    // pre-bundle with lit: dev would then load lit-html twice ("Multiple versions of Lit loaded").
    config.optimizeDeps = { ...config.optimizeDeps, include: [...(config.optimizeDeps?.include ?? []), 'lit/directive-helpers.js'] };
    // Nothing here needs to be fetched; keep the static build small and quick.
    config.build = { ...config.build, sourcemap: false, reportCompressedSize: false, chunkSizeWarningLimit: 2048 };
    return config;
  },
};

export default config;
