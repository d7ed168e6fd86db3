// webpack's Node API (no CLI to install): bundle, fail on any error or warning, copy the page.
import { copyFileSync } from 'node:fs';
import webpack from 'webpack';
import config from './webpack.config.js';

const stats = await new Promise((resolve, reject) => webpack(config, (error, result) => (error ? reject(error) : resolve(result))));
console.log(stats.toString({ colors: false, modules: false }));
if (stats.hasErrors() || stats.hasWarnings()) process.exit(1);
copyFileSync(new URL('index.html', import.meta.url), new URL('dist/index.html', import.meta.url));
