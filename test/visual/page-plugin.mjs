// web-test-runner plugin for the visual tests: the `visual-page` command fixes what a screenshot
// depends on besides the page itself, so baselines taken on one machine match on another:
// viewport and device scale factor, no motion (the caret would blink), light preference, and
// forced colours on or off. Chromium only: forced colours are emulated through the DevTools
// protocol (puppeteer's emulateMediaFeatures and wtr's emulateMedia do not offer them).
export function visualPagePlugin() {
  const cdpSessions = new Map(); // wtr session id → CDP session of its page

  return {
    name: 'visual-page',
    async executeCommand({ command, payload, session }) {
      if (command !== 'visual-page') return undefined;
      if (session.browser.name !== 'Chromium') throw new Error(`visual-page runs in Chromium only, not in ${session.browser.name}.`);
      const page = session.browser.getPage(session.id);
      await page.setViewport({ width: 800, height: 600, deviceScaleFactor: 1 });
      let cdp = cdpSessions.get(session.id);
      if (!cdp) {
        cdp = await page.createCDPSession();
        cdpSessions.set(session.id, cdp);
        page.once('close', () => cdpSessions.delete(session.id));
      }
      await cdp.send('Emulation.setEmulatedMedia', {
        features: [
          { name: 'prefers-reduced-motion', value: 'reduce' },
          { name: 'prefers-color-scheme', value: 'light' },
          { name: 'forced-colors', value: payload?.forcedColors ? 'active' : 'none' },
        ],
      });
      return true;
    },
  };
}
