// Paging as Twilio does it: an opaque PageToken that names where the page is, so a list read while
// rows are created neither repeats nor skips rows; tokens it did not issue answer 400.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ChallengeJson, ErrorJson, ListPage } from 'verify-elements/protocol';
import { type Answer, startEmulator, type Enrolled, type TestEmulator } from './helpers.js';

type Challenges = ListPage<'challenges', ChallengeJson>;

let t: TestEmulator;
let e: Enrolled;
const create = (message: string) => t.call<ChallengeJson>('POST', `${e.path}/Challenges`, { form: { FactorSid: e.factor.sid, 'Details.Message': message } });
before(async () => {
  t = await startEmulator();
  e = await t.enroll();
});
after(() => t.close());

/** Every page of the list from `first`, following next_page_url, while `between` runs after each page. */
async function readAll(first: string, between: () => Promise<unknown>) {
  const sids: string[] = [];
  for (let path: string | null = first; path;) {
    const page: Answer<Challenges> = await t.call<Challenges>('GET', path);
    assert.equal(page.status, 200, page.text);
    sids.push(...page.body.challenges.map(c => c.sid));
    await between();
    path = page.body.meta.next_page_url && new URL(page.body.meta.next_page_url).pathname + new URL(page.body.meta.next_page_url).search;
  }
  return sids;
}

test('listing while challenges are created: every row once, none skipped, newest first or oldest first', async () => {
  for (let i = 0; i < 400; i += 20) await Promise.all(Array.from({ length: 20 }, (_, j) => create(`existing ${i + j}`)));
  const snapshot = async (order: string) => (await t.call<Challenges>('GET', `${e.path}/Challenges?PageSize=1000&Order=${order}`)).body.challenges.map(c => c.sid);
  let created = 0;
  // Three new challenges after each page of 20: with pages by offset, each page would repeat three rows.
  const more = () => Promise.all(Array.from({ length: 3 }, () => create(`while listing ${created++}`)));
  for (const order of ['desc', 'asc']) {
    const before = await snapshot(order);
    const listed = await readAll(`/v2/${e.path}/Challenges?PageSize=20&Order=${order}`, more);
    assert.equal(new Set(listed).size, listed.length, `${order}: no row twice`);
    // Newest first, rows created meanwhile come before the cursor: exactly the rows of the start.
    // Oldest first, they come at the end: the rows of the start, in order, then new ones.
    assert.deepEqual(order === 'desc' ? listed : listed.slice(0, before.length), before, `${order}: every row of the start, in order`);
  }
  assert.ok(created > 100);
});

test('previous_page_url goes back to the same rows; meta is Twilio\'s', async () => {
  const first = (await t.call<Challenges>('GET', `${e.path}/Challenges?PageSize=3`)).body;
  assert.deepEqual(Object.keys(first.meta).sort(), ['first_page_url', 'key', 'next_page_url', 'page', 'page_size', 'previous_page_url', 'url']);
  assert.equal(first.meta.page, 0);
  assert.equal(first.meta.previous_page_url, null);
  assert.match(String(first.meta.next_page_url), /[?&]Page=1&PageToken=PA[\w-]+$/);
  const second = (await t.call<Challenges>('GET', String(first.meta.next_page_url).replace(/^.*\/v2\//, ''))).body;
  assert.equal(second.meta.page, 1);
  assert.equal(second.meta.url, first.meta.next_page_url);
  const back = (await t.call<Challenges>('GET', String(second.meta.previous_page_url).replace(/^.*\/v2\//, ''))).body;
  assert.equal(back.meta.page, 0);
  assert.deepEqual(back.challenges.map(c => c.sid), first.challenges.map(c => c.sid));
  // A token alone (as one SDK sends it, as pageToken) still knows its page.
  const token = new URL(String(first.meta.next_page_url)).searchParams.get('PageToken');
  assert.equal((await t.call<Challenges>('GET', `${e.path}/Challenges?PageSize=3&pageToken=${token}`)).body.meta.page, 1);
});

test('a PageToken the API did not issue answers 400 with Twilio\'s 21481', async () => {
  const forged = `PA${Buffer.from('0.1.YC00').toString('base64url')}`;
  for (const token of ['0x10', 'garbage', 'PA', 'PAnot*base64', forged, `PT${Buffer.from('10').toString('base64url')}`]) {
    const res = await t.call<ErrorJson>('GET', `${e.path}/Challenges?PageToken=${encodeURIComponent(token)}`);
    assert.equal(res.status, 400, token);
    assert.deepEqual(res.body, { code: 21481, message: res.body.message, more_info: 'https://www.twilio.com/docs/errors/21481', status: 400 });
    assert.match(res.body.message, /PageToken/);
  }
});
