// web-test-runner plugin that serves the framework examples (examples/) bundled, as an app's
// bundler would ship them: `/__examples/react/plain.js` is examples/react/plain.tsx with React
// (CommonJS) and the kit inside. `verify-elements/…` resolves through package.json `exports` to the
// sources, so no build is needed; `.vue` files are compiled with Vue's own SFC compiler.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { build } from 'esbuild';
import { compileScript, parse } from 'vue/compiler-sfc';
import pkg from '../../package.json' with { type: 'json' };
import { compilerOptions as vueCompilerOptions } from '../../examples/vue/compiler-options.mjs';

const PREFIX = '/__examples/';

const kitFromSources = {
  name: 'verify-elements-from-sources',
  setup(build) {
    build.onResolve({ filter: /^verify-elements(\/|$)/ }, ({ path }) => {
      const target = pkg.exports[path.replace(/^verify-elements/, '.')];
      const file = typeof target === 'string' ? target : target?.default;
      if (!file) return { errors: [{ text: `${path} is not exported by verify-elements` }] };
      return { path: resolve(file.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts')) };
    });
  },
};

const vueSfc = {
  name: 'vue-sfc',
  setup(build) {
    build.onLoad({ filter: /\.vue$/ }, async ({ path }) => {
      // The parse already tells elements from components: it needs the options too.
      const { descriptor, errors } = parse(await readFile(path, 'utf8'), { filename: path, templateParseOptions: vueCompilerOptions });
      if (errors.length) return { errors: errors.map(e => ({ text: String(e.message ?? e) })) };
      const script = compileScript(descriptor, { id: path, inlineTemplate: true, templateOptions: { compilerOptions: vueCompilerOptions } });
      return { contents: script.content, loader: script.lang === 'ts' ? 'ts' : 'js', resolveDir: dirname(path) };
    });
  },
};

async function bundle(entry) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    jsx: 'automatic',
    // What an app's bundler defines: React's and Vue's development builds, Vue's feature flags.
    define: {
      'process.env.NODE_ENV': '"development"',
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
    plugins: [kitFromSources, vueSfc],
  });
  return result.outputFiles[0].text;
}

export function examplesPlugin() {
  return {
    name: 'examples',
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return undefined;
      const base = resolve('examples', context.path.slice(PREFIX.length).replace(/\.js$/, ''));
      const entry = ['.tsx', '.ts'].map(ext => base + ext).find(existsSync);
      if (!entry) return undefined;
      return { body: await bundle(entry), type: 'js' };
    },
  };
}
