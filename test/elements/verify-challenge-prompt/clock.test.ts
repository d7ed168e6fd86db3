import { expect } from '@open-wc/testing';
import { Backend, enroll, mount, part, until } from './helpers.js';
import { emulator } from '../../support/emulator.js';

// A device clock set wrong is a server clock set the other way: the emulator's clock moves instead,
// and the device's first request after the challenge is refused (401) with the server's Date, from
// which the client learns the offset.
describe('<verify-challenge-prompt> counts down by the server\'s time', function () {
  this.timeout(20_000);
  let backend: Backend;

  before(async () => {
    backend = await Backend.create(await emulator());
  });
  afterEach(() => backend.clock(0));

  const minutesLeft = (el: HTMLElement) => {
    const [, m, s] = /(\d+):(\d\d)$/.exec(part(el as never, 'countdown')?.textContent ?? '') ?? [];
    return Number(m) + Number(s) / 60;
  };

  it('a device clock 10 minutes ahead: a fresh 5-minute challenge stays answerable, nothing expires', async () => {
    const { client, challenge } = await enroll(backend);
    await backend.clock(-600);
    const { push } = await challenge(); // five minutes, by the server's clock
    const { el, of } = await mount({ client, push });
    await until(el, 'pending');
    expect(minutesLeft(el)).to.be.within(4.8, 5);
    expect(of('verify-expired')).to.deep.equal([]);
    expect(part(el, 'approve')).to.not.equal(null);
  });

  it('a device clock 10 minutes behind: shows the five minutes left, not fifteen', async () => {
    const { client, challenge } = await enroll(backend);
    await backend.clock(600);
    const { push } = await challenge();
    const { el } = await mount({ client, push });
    await until(el, 'pending');
    expect(minutesLeft(el)).to.be.within(4.8, 5);
  });
});
