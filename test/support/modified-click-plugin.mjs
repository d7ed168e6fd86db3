// web-test-runner plugin: a click with a modifier key held (Shift+click), in every engine.
// `sendKeys({ down: 'Shift' })` then `sendMouse` works where puppeteer drives the page, but
// WebKit's driver releases keys at the end of each command: there the key and the pointer go in
// one WebDriver actions call, as a person's hand does them together.
//   executeServerCommand('modified-click', { position: [x, y], modifier: 'Shift' })
const WEBDRIVER_KEYS = { Shift: '\uE008', Control: '\uE009', Alt: '\uE00A', Meta: '\uE03D' };

export function modifiedClickPlugin() {
  return {
    name: 'modified-click',
    async executeCommand({ command, payload, session }) {
      if (command !== 'modified-click') return undefined;
      const { position: [x, y], modifier } = payload;
      if (!WEBDRIVER_KEYS[modifier]) throw new Error(`modified-click: unknown modifier "${modifier}"; use ${Object.keys(WEBDRIVER_KEYS).join(', ')}.`);
      if (session.browser.type === 'puppeteer') {
        const page = session.browser.getPage(session.id);
        await page.keyboard.down(modifier);
        await page.mouse.click(x, y);
        await page.keyboard.up(modifier);
        return true;
      }
      if (session.browser.type === 'webdriver') {
        const key = WEBDRIVER_KEYS[modifier];
        // Ticks line up across sources: key down, then move, press and release, then key up.
        await session.browser.driverManager.performActions(session.id, [
          { type: 'key', id: 'keyboard', actions: [{ type: 'keyDown', value: key }, { type: 'pause' }, { type: 'pause' }, { type: 'pause' }, { type: 'keyUp', value: key }] },
          {
            type: 'pointer',
            id: 'finger1',
            parameters: { pointerType: 'mouse' },
            actions: [{ type: 'pause' }, { type: 'pointerMove', duration: 0, x, y }, { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 }, { type: 'pause' }],
          },
        ]);
        return true;
      }
      throw new Error(`modified-click is not supported for browser type ${session.browser.type}.`);
    },
  };
}
