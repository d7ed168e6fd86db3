// The three engines the kit is tested in, all from Debian packages (no tool downloads a browser).
// Each engine is found without a fixed path where it can be: CHROME_PATH, FIREFOX_PATH and
// WEBKIT_DRIVER_PATH win over the Debian locations.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { chromeLauncher } from '@web/test-runner-chrome';
import { WebdriverLauncher } from '@web/test-runner-webdriver';
import puppeteer from 'puppeteer-core';

function which(cmd) {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Engines by name: where each is, and the Debian package that provides it. */
export const engines = {
  chromium: {
    package: 'chromium',
    path: () => process.env.CHROME_PATH ?? ['/usr/bin/chromium', which('chromium')].find(p => p && existsSync(p)),
  },
  firefox: {
    package: 'firefox-esr',
    path: () => process.env.FIREFOX_PATH ?? ['/usr/bin/firefox-esr', which('firefox-esr'), which('firefox')].find(p => p && existsSync(p)),
  },
  webkit: {
    package: 'webkit2gtk-driver',
    path: () => process.env.WEBKIT_DRIVER_PATH ?? ['/usr/bin/WebKitWebDriver', which('WebKitWebDriver')].find(p => p && existsSync(p)),
  },
  // MiniBrowser has no headless mode: without a DISPLAY it needs a virtual one.
  xvfb: {
    package: 'xvfb',
    path: () => (process.env.DISPLAY ? 'not needed' : which('Xvfb')),
  },
};

/** Debian packages of the engines that are not on this machine. */
export function missingPackages(names = Object.keys(engines)) {
  return names.filter(n => !engines[n].path()).map(n => engines[n].package);
}

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port, child, what) {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`);
    const open = await new Promise(resolve => {
      const s = createServer();
      s.once('error', () => resolve(true));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(false)));
    });
    if (open) return;
    await new Promise(r => setTimeout(r, 50));
  }
  throw new Error(`${what} did not listen on port ${port}`);
}

/** Xvfb on a random free display, ready once its socket exists (another run may hold a display: try again). */
async function startXvfb() {
  for (let attempt = 0; attempt < 5; attempt++) {
    const n = 90 + Math.floor(Math.random() * 400);
    if (existsSync(`/tmp/.X11-unix/X${n}`) || existsSync(`/tmp/.X${n}-lock`)) continue;
    const child = spawn('Xvfb', [`:${n}`, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    for (let i = 0; i < 100 && child.exitCode === null && !existsSync(`/tmp/.X11-unix/X${n}`); i++) await new Promise(r => setTimeout(r, 50));
    if (child.exitCode === null && existsSync(`/tmp/.X11-unix/X${n}`)) return { child, display: `:${n}` };
    child.kill();
  }
  throw new Error('Xvfb did not start on a free display');
}

/**
 * What a session needs to open MiniBrowser through WebKitWebDriver (classic: the driver has no BiDi).
 * A fresh object each time: webdriverio may amend what it is given.
 */
export const webkitCapabilities = () => ({
  browserName: 'MiniBrowser',
  'wdio:enforceWebDriverClassic': true,
  'webkitgtk:browserOptions': { args: ['--automation'] },
});

/**
 * Starts WebKitWebDriver on a free port (and Xvfb on a random display when there is no DISPLAY:
 * MiniBrowser has no headless mode). webdriverio cannot start this driver itself, so both the wtr
 * launcher and the demo test use this. `stop()` kills both; they are also killed if Node exits first.
 * @returns {Promise<{ hostname: string, port: number, stop: () => void }>}
 */
export async function startWebKitDriver(driverPath = engines.webkit.path()) {
  if (!driverPath) throw new Error(`WebKitWebDriver is not installed: apt-get install ${engines.webkit.package} ${engines.xvfb.package}`);
  const children = [];
  const stop = () => {
    children.forEach(c => c.exitCode === null && c.signalCode === null && c.kill());
    process.off('exit', stop);
  };
  process.once('exit', stop);
  try {
    const env = { ...process.env };
    if (!env.DISPLAY) {
      const xvfb = await startXvfb();
      children.push(xvfb.child);
      env.DISPLAY = xvfb.display;
    }
    const port = await freePort();
    const driver = spawn(driverPath, [`--port=${port}`, '--host=127.0.0.1'], { env, stdio: 'ignore' });
    children.push(driver);
    await waitForPort(port, driver, 'WebKitWebDriver');
    return { hostname: '127.0.0.1', port, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

/** WebKitGTK in wtr: a WebdriverLauncher pointed at a driver started (and stopped) with it. */
class WebKitLauncher extends WebdriverLauncher {
  constructor(driverPath) {
    super({ hostname: '127.0.0.1', capabilities: webkitCapabilities() });
    this.driverPath = driverPath;
  }

  async initialize(config, testFiles) {
    // Not `this.driver`: WebdriverLauncher keeps its webdriverio session there.
    this.webkit = await startWebKitDriver(this.driverPath);
    this.options.port = this.webkit.port;
    await super.initialize(config, testFiles);
    this.name = 'WebKit';
  }

  async stop() {
    await super.stop();
    this.webkit?.stop();
  }
}

/** Launchers for the named engines (default: all three). */
export function launchers(names = ['chromium', 'firefox', 'webkit']) {
  return names.map(name => {
    if (name === 'chromium') {
      const launcher = chromeLauncher({ launchOptions: { executablePath: engines.chromium.path(), headless: true, args: chromiumArgs } });
      launcher.name = 'Chromium';
      return launcher;
    }
    if (name === 'firefox') {
      return chromeLauncher({
        puppeteer,
        launchOptions: { browser: 'firefox', executablePath: engines.firefox.path(), headless: true },
      });
    }
    if (name === 'webkit') return new WebKitLauncher(engines.webkit.path());
    throw new Error(`Unknown browser engine "${name}": use chromium, firefox or webkit.`);
  });
}
