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

const chromiumArgs = [
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

/**
 * WebKitGTK through WebKitWebDriver (WebDriver classic). webdriverio cannot start the driver
 * itself, so this launcher starts it (and Xvfb when there is no display) and stops both with itself.
 */
class WebKitLauncher extends WebdriverLauncher {
  constructor(driverPath) {
    super({
      hostname: '127.0.0.1',
      capabilities: {
        browserName: 'MiniBrowser',
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': { args: ['--automation'] },
      },
    });
    this.driverPath = driverPath;
    this.children = [];
  }

  async initialize(config, testFiles) {
    const env = { ...process.env };
    if (!env.DISPLAY) {
      const display = `:${90 + Math.floor(Math.random() * 400)}`;
      const xvfb = spawn('Xvfb', [display, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
      this.children.push(xvfb);
      env.DISPLAY = display;
      await new Promise(r => setTimeout(r, 300));
    }
    const port = await freePort();
    const driver = spawn(this.driverPath, [`--port=${port}`, '--host=127.0.0.1'], { env, stdio: 'ignore' });
    this.children.push(driver);
    await waitForPort(port, driver, 'WebKitWebDriver');
    this.options.port = port;
    await super.initialize(config, testFiles);
    this.name = 'WebKit';
    const kill = () => this.children.forEach(c => c.kill());
    process.once('exit', kill);
  }

  async stop() {
    await super.stop();
    this.children.forEach(c => c.kill());
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
