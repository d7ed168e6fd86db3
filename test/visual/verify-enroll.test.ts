import type { Factor, VerifyPushClient } from '../../src/client/types.js';
import '../../src/elements/verify-enroll/define.js';
import type { EnrollmentToken, VerifyEnroll } from '../../src/elements/verify-enroll/verify-enroll.js';
import { frame, html, matchesBaseline, setUpPage, until } from './helpers.js';

const token: EnrollmentToken = { token: 'visual-token', serviceSid: `VA${'0'.repeat(32)}`, identity: 'user-visual' };

/** An in-memory client (the pictures must not depend on a server): this browser holds `factor`, if any. */
function fakeClient(factor?: Pick<Factor, 'push'>): VerifyPushClient {
  const factors: Factor[] = factor
    ? [{ sid: `YF${'1'.repeat(32)}`, accountSid: `AC${'2'.repeat(32)}`, serviceSid: token.serviceSid, entitySid: `YE${'3'.repeat(32)}`, identity: token.identity, friendlyName: 'Visual browser', status: 'verified', push: factor.push }]
    : [];
  return { listFactors: async () => factors } as Partial<VerifyPushClient> as VerifyPushClient;
}

async function mount(client: VerifyPushClient, { transport = 'polling', tokenProvider = async () => token } = {}) {
  const f = await frame(html`<verify-enroll transport=${transport} .client=${client} .tokenProvider=${tokenProvider}></verify-enroll>`, 'inline-size: 400px');
  const el = f.querySelector<VerifyEnroll>('verify-enroll')!;
  const title = () => el.shadowRoot!.querySelector('[part="title"]')?.textContent ?? '';
  await until(el, () => !title().endsWith('…'), 'the first check of this browser');
  return { f, el, title };
}

describe('<verify-enroll> looks', () => {
  beforeEach(() => setUpPage());

  it('idle: not enrolled yet', async () => {
    const { f } = await mount(fakeClient());
    await matchesBaseline(f, 'verify-enroll-idle');
  });

  it('enrolled', async () => {
    const { f } = await mount(fakeClient({ push: { platform: 'none' } }));
    await matchesBaseline(f, 'verify-enroll-enrolled');
  });

  it('failed: the token endpoint refused, with Try again', async () => {
    const refused = async (): Promise<EnrollmentToken> => {
      throw new Error("The site's server refused an enrollment token (HTTP 500).");
    };
    const { f, el } = await mount(fakeClient(), { tokenProvider: refused });
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="button-enroll"]')!.click();
    await until(el, () => !!el.shadowRoot!.querySelector('[part="error"]'), 'the failure');
    await matchesBaseline(f, 'verify-enroll-failed');
  });

  it('enrolled without notifications: the polling notice', async () => {
    const { f } = await mount(fakeClient({ push: { platform: 'none' } }), { transport: 'emulator' });
    await matchesBaseline(f, 'verify-enroll-fallback');
  });
});
