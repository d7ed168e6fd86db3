import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';

// One minified ESM module per source file (preserveModules) so each subpath export pulls in only
// what it uses; lit stays external for the page to share.
export default {
  input: {
    index: 'src/index.ts',
    'elements/otp-input/define': 'src/elements/otp-input/define.ts',
    'sms/index': 'src/sms/index.ts',
    'webotp/index': 'src/webotp/index.ts',
  },
  external: id => id === 'lit' || id.startsWith('lit/') || id.startsWith('@lit/'),
  plugins: [nodeResolve({ extensions: ['.ts', '.js'] }), esbuild({ target: 'es2022', minify: true, tsconfig: 'tsconfig.json' })],
  output: {
    dir: 'dist',
    format: 'es',
    preserveModules: true,
    preserveModulesRoot: 'src',
    entryFileNames: '[name].js',
    sourcemap: true,
  },
};
