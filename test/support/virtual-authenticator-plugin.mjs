// web-test-runner plugin: a virtual WebAuthn authenticator for the page under test.
//   executeServerCommand('virtual-authenticator', { action, ... }) where action is
//   'add' { options }                -> { id } (options as WebAuthn.addVirtualAuthenticator / WebDriver take them)
//   'remove' { id }, 'credentials' { id } -> [credential], 'add-credential' { id, credential },
//   'user-verified' { id, value }
// or `{ unsupported: reason }` where the engine's driver has no such commands.
// Chromium: the DevTools protocol's WebAuthn domain, through the page puppeteer drives.
// WebKit: the WebDriver commands of WebAuthn Level 2 (§11), through the launcher's webdriverio session.
// Firefox runs under puppeteer's WebDriver BiDi here, which has no WebAuthn commands.

const FIREFOX = 'Firefox runs under WebDriver BiDi (puppeteer) in this setup, and BiDi has no virtual-authenticator commands (geckodriver\'s classic ones are not reachable from it).';

async function chromium(session, page, cdp, { action, id, options, credential, value }) {
  if (!cdp.has(session.id)) {
    const client = await page.createCDPSession();
    await client.send('WebAuthn.enable', { enableUI: false });
    cdp.set(session.id, client);
  }
  const client = cdp.get(session.id);
  if (action === 'add') return { id: (await client.send('WebAuthn.addVirtualAuthenticator', { options })).authenticatorId };
  if (action === 'remove') return void (await client.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: id })) ?? true;
  if (action === 'credentials') return (await client.send('WebAuthn.getCredentials', { authenticatorId: id })).credentials;
  if (action === 'add-credential') return void (await client.send('WebAuthn.addCredential', { authenticatorId: id, credential })) ?? true;
  if (action === 'user-verified') return void (await client.send('WebAuthn.setUserVerified', { authenticatorId: id, isUserVerified: value })) ?? true;
  throw new Error(`virtual-authenticator: unknown action "${action}".`);
}

async function webdriver(driver, { action, id, options, credential, value }) {
  try {
    if (action === 'add') return { id: await driver.addVirtualAuthenticator(options.protocol, options.transport, options.hasResidentKey, options.hasUserVerification, options.isUserConsenting ?? true, options.isUserVerified) };
    if (action === 'remove') return (await driver.removeVirtualAuthenticator(id)) ?? true;
    if (action === 'credentials') return await driver.getCredentials(id);
    if (action === 'add-credential') return (await driver.addCredential(id, credential.credentialId, credential.isResidentCredential, credential.rpId, credential.privateKey, credential.userHandle, credential.signCount)) ?? true;
    if (action === 'user-verified') return (await driver.setUserVerified(id, value)) ?? true;
  } catch (error) {
    return { unsupported: `WebKitWebDriver answered the WebDriver virtual-authenticator command "${action}" with: ${String(error.message).split('\n')[0]}` };
  }
  throw new Error(`virtual-authenticator: unknown action "${action}".`);
}

export function virtualAuthenticatorPlugin() {
  const cdp = new Map();
  return {
    name: 'virtual-authenticator',
    async executeCommand({ command, payload, session }) {
      if (command !== 'virtual-authenticator') return undefined;
      const { browser } = session;
      if (browser.type === 'puppeteer') {
        const page = browser.getPage(session.id);
        if (page.browser().protocol === 'webDriverBiDi' || /firefox/i.test(browser.name)) return { unsupported: FIREFOX };
        return chromium(session, page, cdp, payload);
      }
      if (browser.type === 'webdriver') return webdriver(browser.driverManager.driver, payload);
      return { unsupported: `No virtual authenticator for browser type ${browser.type}.` };
    },
  };
}
