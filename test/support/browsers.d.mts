// The types of browsers.mjs, for its TypeScript users (demo/test/demo.test.ts).
import type { BrowserLauncher } from '@web/test-runner';

interface Engine {
  /** The Debian package that provides it. */
  package: string;
  /** Where it is on this machine, if anywhere. */
  path(): string | undefined;
}

export const engines: { chromium: Engine; firefox: Engine; webkit: Engine; xvfb: Engine };
export function missingPackages(names?: string[]): string[];
export const chromiumArgs: string[];
export function webkitCapabilities(): { browserName: 'MiniBrowser'; 'wdio:enforceWebDriverClassic': true; 'webkitgtk:browserOptions': { args: string[] } };
export function startWebKitDriver(driverPath?: string): Promise<{ hostname: string; port: number; stop: () => void }>;
export function launchers(names?: string[]): BrowserLauncher[];
