import { fileURLToPath } from 'node:url';

// Production mode, as an app ships; the page (index.html) is copied next to the bundle by the matrix.
export default {
  mode: 'production',
  context: fileURLToPath(new URL('.', import.meta.url)),
  entry: './src/index.js',
  output: { path: fileURLToPath(new URL('dist', import.meta.url)), filename: 'main.js', chunkFilename: '[name].[contenthash].js', publicPath: '/', clean: true },
};
