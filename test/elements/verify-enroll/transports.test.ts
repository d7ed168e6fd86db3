import { expect, html } from '@open-wc/testing';
import { Backend, newIdentity } from '../../support/verify-backend.js';
import { emulator } from '../../support/emulator.js';
import { mount, part, provider, title, until } from './helpers.js';

// Its own file, so its page never imports verify-elements/push/fcm (enroll.test.ts does).
describe('<verify-enroll> transports that live in entries of their own', function () {
  this.timeout(20_000);

  it('names the import transport="fcm" needs, and loads nothing of firebase without it', async () => {
    const backend = await Backend.create(await emulator());
    const fcmOptions = { firebaseConfig: { apiKey: 'test', projectId: 'test', appId: '1:1:web:1', messagingSenderId: '1' }, vapidKey: 'test' };
    const { el } = await mount(
      html`<verify-enroll api-base=${backend.baseUrl} transport="fcm" .fcmOptions=${fcmOptions} .tokenProvider=${provider(backend, newIdentity())}></verify-enroll>`,
    );
    await until(el, () => part(el, 'error') !== null, 'the missing transport to be reported');
    expect(title(el)).to.equal('Enrolling did not finish.');
    expect(part(el, 'error')!.textContent).to.equal(
      `<verify-enroll transport="fcm"> needs the FCM transport: import 'verify-elements/push/fcm' once in the app (and install firebase).`,
    );
    const loaded = performance.getEntriesByType('resource').map(entry => entry.name);
    expect(loaded.filter(url => /firebase|push\/fcm/.test(url))).to.deep.equal([]);
  });
});
