import { nodeResolve } from '@rollup/plugin-node-resolve';
import { minifyHTMLLiterals } from 'minify-literals';
import esbuild from 'rollup-plugin-esbuild';
import pkg from './package.json' with { type: 'json' };

// Dependencies (lit, idb, @lit/react, …) and peers (firebase, react) stay imports: the page shares one copy.
const dependencies = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });

// esbuild minifies code, not the text inside Lit's html`` and css`` literals, where indentation and
// comments are bytes on the wire that nothing shows. minify-literals minifies each literal (HTML
// whitespace collapsed as a browser would render it, CSS through Lightning CSS), so the sources
// stay indented and readable.
function minifyLiterals() {
  return {
    name: 'minify-literals',
    async transform(code, id) {
      if (!id.endsWith('.ts') || !/\b(html|css)`/.test(code)) return null;
      const out = await minifyHTMLLiterals(code, { fileName: id });
      return out && { code: out.code, map: out.map };
    },
  };
}

// The production build replaces src/dev.ts with `false`, so every `if (DEV_MODE)` warning is
// dropped; the development build (export condition `development`) keeps them.
export function productionMode() {
  return {
    name: 'production-mode',
    load: id => (id.endsWith('/src/dev.ts') ? 'export const DEV_MODE = false;' : null),
  };
}

const input = {
  index: 'src/index.ts',
  'elements/otp-input/define': 'src/elements/otp-input/define.ts',
  'elements/verify-enroll/define': 'src/elements/verify-enroll/define.ts',
  'elements/verify-challenge-prompt/define': 'src/elements/verify-challenge-prompt/define.ts',
  // Issue 14: authenticator apps (TOTP).
  'elements/verify-totp-enroll/define': 'src/elements/verify-totp-enroll/define.ts',
  'sms/index': 'src/sms/index.ts',
  'webotp/index': 'src/webotp/index.ts',
  'client/index': 'src/client/index.ts',
  'push/emulator': 'src/push/emulator.ts',
  'push/polling': 'src/push/polling.ts',
  'push/fcm': 'src/push/fcm.ts',
  'protocol/index': 'src/protocol/index.ts',
  'sw/index': 'src/sw/index.ts',
  'types-only': 'src/types-only.ts',
  'react/index': 'src/react/index.ts',
};

// One minified ESM module per source file (preserveModules) so each subpath export pulls in only
// what it uses.
const build = ({ dir, production }) => ({
  input,
  external: id => dependencies.some(name => id === name || id.startsWith(`${name}/`)),
  plugins: [
    ...(production ? [productionMode()] : []),
    nodeResolve({ extensions: ['.ts', '.js'] }),
    minifyLiterals(), // before esbuild renames the html and css tags
    esbuild({ target: 'es2022', minify: true, tsconfig: 'tsconfig.json' }),
  ],
  output: {
    dir,
    format: 'es',
    preserveModules: true,
    preserveModulesRoot: 'src',
    entryFileNames: '[name].js',
    // React Server Components: the wrappers use hooks, so a server component may import them only as
    // client components. Rollup drops module directives from sources, so the output carries it.
    banner: chunk => (chunk.fileName.startsWith('react/') ? "'use client';" : ''),
    sourcemap: true,
  },
});

// For pages without a bundler (a CDN, or the folder served as it is): Lit and idb bundled in, so no
// bare specifier is left; the tags' code in shared chunks that the autoloader or an entry loads.
// firebase stays out: the FCM transport needs an app's bundler and its own firebase.
const cdn = {
  input: {
    'verify-elements': 'src/index.ts',
    'otp-input': 'src/elements/otp-input/define.ts',
    'verify-enroll': 'src/elements/verify-enroll/define.ts',
    'verify-challenge-prompt': 'src/elements/verify-challenge-prompt/define.ts',
    autoloader: 'src/cdn/autoloader.ts',
  },
  plugins: [productionMode(), nodeResolve({ extensions: ['.ts', '.js'] }), minifyLiterals(), esbuild({ target: 'es2022', minify: true, tsconfig: 'tsconfig.json' })],
  output: { dir: 'dist/cdn', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
};

export default [build({ dir: 'dist', production: true }), build({ dir: 'dist/development', production: false }), cdn];
