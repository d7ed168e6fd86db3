import type { StorybookConfig } from '@storybook/web-components-vite';
import { getRequestListener } from '@hono/node-server';
import { parseSync, Visitor, type Plugin } from 'vite';
// @ts-expect-error: plain JavaScript with JSDoc types
import { createEmulator } from '../emulator/server.js';

/**
 * `npm run storybook` serves a Verify Push emulator on Storybook's own origin (/v2/, /emulator/),
 * so the "Live" stories enroll and answer for real. The static build has no server: those stories
 * say so.
 */
const emulatorOnDevServer = (): Plugin => ({
  name: 'verify-elements:emulator',
  apply: 'serve',
  async configureServer(server) {
    const emulator = await createEmulator();
    const api = getRequestListener(emulator.app.fetch);
    server.middlewares.use((req, res, next) => {
      if (req.url === '/storybook/emulator.json') {
        res.setHeader('Content-Type', 'application/json');
        const baseUrl = `http://${req.headers.host}/v2/`;
        return res.end(JSON.stringify({ baseUrl, accountSid: emulator.accountSid, authToken: emulator.authToken }));
      }
      if (/^\/(v2|emulator)\//.test(req.url ?? '')) return void api(req, res);
      next();
    });
    server.httpServer?.once('close', () => void emulator.close());
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
    config.plugins = [...(config.plugins ?? []), decoratorGuard(), emulatorOnDevServer()];
    // Storybook's renderer imports lit/directive-helpers.js, which the dev optimizer does not
    // pre-bundle with lit: dev would then load lit-html twice ("Multiple versions of Lit loaded").
    config.optimizeDeps = { ...config.optimizeDeps, include: [...(config.optimizeDeps?.include ?? []), 'lit/directive-helpers.js'] };
    // Nothing here needs to be fetched; keep the static build small and quick.
    config.build = { ...config.build, sourcemap: false, reportCompressedSize: false, chunkSizeWarningLimit: 2048 };
    return config;
  },
};

export default config;
