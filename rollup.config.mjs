import { nodeResolve } from '@rollup/plugin-node-resolve';
import { transform } from 'esbuild';
import esbuild from 'rollup-plugin-esbuild';
import pkg from './package.json' with { type: 'json' };

// Dependencies (lit, idb, …) stay imports: the page shares one copy and npm installs them anyway.
const dependencies = Object.keys(pkg.dependencies);

// esbuild minifies code but not the CSS inside Lit's css`` literals; this minifies each literal
// that has no ${} interpolation with esbuild's own CSS minifier.
function minifyCssLiterals() {
  return {
    name: 'minify-css-literals',
    async transform(code, id) {
      if (!id.endsWith('.styles.ts')) return null;
      const literals = [...code.matchAll(/\bcss`([^`$\\]*)`/g)];
      for (const [whole, body] of literals) {
        const { code: min } = await transform(body, { loader: 'css', minify: true });
        code = code.replace(whole, whole.replace(body, min.trim()));
      }
      return { code, map: null };
    },
  };
}

// One minified ESM module per source file (preserveModules) so each subpath export pulls in only
// what it uses.
export default {
  input: {
    index: 'src/index.ts',
    'elements/otp-input/define': 'src/elements/otp-input/define.ts',
    'sms/index': 'src/sms/index.ts',
    'webotp/index': 'src/webotp/index.ts',
    'client/index': 'src/client/index.ts',
  },
  external: id => dependencies.some(name => id === name || id.startsWith(`${name}/`)),
  plugins: [
    nodeResolve({ extensions: ['.ts', '.js'] }),
    minifyCssLiterals(), // before esbuild renames the css tag
    esbuild({ target: 'es2022', minify: true, tsconfig: 'tsconfig.json' }),
  ],
  output: {
    dir: 'dist',
    format: 'es',
    preserveModules: true,
    preserveModulesRoot: 'src',
    entryFileNames: '[name].js',
    sourcemap: true,
  },
};
