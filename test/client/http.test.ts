import { expect } from '@open-wc/testing';
import { createHttp } from '../../src/client/http.js';
import { rejection } from './rejection.js';

interface Call {
  url: string;
  init: RequestInit;
}

/** A fetch that answers from a script of responses (or errors) and records every call. */
function scripted(...answers: (Response | Error | ((init: RequestInit) => Promise<Response>))[]) {
  const calls: Call[] = [];
  const fetch = async (url: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({ url: String(url), init });
    const next = answers.shift();
    if (!next) throw new Error('unexpected request');
    if (next instanceof Error) throw next;
    return typeof next === 'function' ? next(init) : next;
  };
  return { calls, fetch: fetch as typeof globalThis.fetch };
}

const ok = (body: unknown, headers: Record<string, string> = {}) => new Response(JSON.stringify(body), { status: 200, headers });
const error = (status: number, code?: number, headers: Record<string, string> = {}) =>
  new Response(code ? JSON.stringify({ code, message: `Failure ${code}`, more_info: `https://www.twilio.com/docs/errors/${code}`, status }) : '', { status, headers });

const token = () => 'tok';

describe('client http', () => {
  it('sends a form body with repeated keys and Basic token:<…>', async () => {
    const { calls, fetch } = scripted(ok({ sid: 'x' }));
    const http = createHttp({ baseUrl: 'http://api.test/v2', fetch });
    const { body } = await http.send({
      method: 'POST',
      path: 'Services/VA1/Things',
      form: [['Details.Message', 'a b&c=d/é'], ['Details.Fields', '{"label":"L","value":"V"}'], ['Details.Fields', '{"label":"M","value":"W"}'], ['Skip', undefined]],
      token: () => 'secret-token',
    });
    expect(body).to.deep.equal({ sid: 'x' });
    expect(calls[0].url).to.equal('http://api.test/v2/Services/VA1/Things');
    const headers = calls[0].init.headers as Record<string, string>;
    expect(headers['Content-Type']).to.equal('application/x-www-form-urlencoded');
    expect(atob(headers.Authorization.replace('Basic ', ''))).to.equal('token:secret-token');
    const sent = new URLSearchParams(calls[0].init.body as string);
    expect(sent.get('Details.Message')).to.equal('a b&c=d/é');
    expect(sent.getAll('Details.Fields')).to.have.length(2);
    expect(sent.has('Skip')).to.equal(false);
    expect(calls[0].init.signal).to.be.instanceOf(AbortSignal);
  });

  it('retries a GET after network errors and 5xx, then succeeds', async () => {
    const { calls, fetch } = scripted(new TypeError('Failed to fetch'), error(503), ok({ done: true }));
    const http = createHttp({ baseUrl: 'http://api.test/v2/', fetch, retries: 3 });
    expect((await http.send({ method: 'GET', path: 'x', token })).body).to.deep.equal({ done: true });
    expect(calls).to.have.length(3);
  });

  it('gives up after its retries with the last error', async () => {
    const { calls, fetch } = scripted(error(500), error(500), error(502, 20500));
    const failure = await rejection(createHttp({ baseUrl: 'http://api.test/v2/', fetch, retries: 2 }).send({ method: 'DELETE', path: 'x', token }));
    expect(calls).to.have.length(3);
    expect(failure.code).to.equal(20500);
    expect(failure.status).to.equal(502);
    expect(failure.message).to.contain('try again later');
  });

  it('never repeats a POST by itself (it may have landed)', async () => {
    const { calls, fetch } = scripted(error(500), ok({}));
    const failure = await rejection(createHttp({ baseUrl: 'http://api.test/v2/', fetch }).send({ method: 'POST', path: 'x', form: [], token }));
    expect(calls).to.have.length(1);
    expect(failure.code).to.equal(60401);
    expect(failure.status).to.equal(500);
    const lost = await rejection(createHttp({ baseUrl: 'http://api.test/v2/', fetch: scripted(new TypeError('Failed to fetch')).fetch }).send({ method: 'POST', path: 'x', token }));
    expect(lost.code).to.equal(60401);
    expect(lost.message).to.contain('network');
  });

  it('times out a request that does not answer', async () => {
    const hang = (init: RequestInit) =>
      new Promise<Response>((_, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason)));
    const { calls, fetch } = scripted(hang);
    const started = performance.now();
    const failure = await rejection(createHttp({ baseUrl: 'http://api.test/v2/', fetch, timeoutMs: 100, retries: 0 }).send({ method: 'GET', path: 'x', token }));
    expect(performance.now() - started).to.be.below(1000);
    expect(calls).to.have.length(1);
    expect(failure.code).to.equal(60401);
    expect(failure.message).to.contain('no answer within 100 ms');
  });

  it('corrects the clock from Date on a 401, re-signs and retries once', async () => {
    const serverNow = Date.UTC(2026, 10, 21, 10, 0, 0);
    const date = new Date(serverNow).toUTCString();
    const { calls, fetch } = scripted(error(401, 20003, { Date: date }), ok({ fine: true }));
    const signedAt: number[] = [];
    const http = createHttp({ baseUrl: 'http://api.test/v2/', fetch, clock: () => serverNow + 2 * 3600_000 });
    await http.send({ method: 'POST', path: 'x', token: now => (signedAt.push(now), `jwt${now}`) });
    expect(calls).to.have.length(2);
    expect(signedAt[0] - signedAt[1]).to.equal(7200);
    expect(Math.abs(http.now() - serverNow)).to.be.at.most(1000, 'ms');
    expect(atob((calls[1].init.headers as Record<string, string>).Authorization.slice(6))).to.equal(`token:jwt${signedAt[1]}`);
  });

  it('follows the server\'s Date on any answer, so the next request is signed with its time', async () => {
    const serverNow = Date.UTC(2026, 10, 21, 10, 0, 0);
    const { calls, fetch } = scripted(ok({ first: true }, { Date: new Date(serverNow).toUTCString() }), ok({ second: true }));
    const signedAt: number[] = [];
    const http = createHttp({ baseUrl: 'http://api.test/v2/', fetch, clock: () => serverNow - 10 * 60_000 });
    await http.send({ method: 'GET', path: 'x', token: now => (signedAt.push(now), `jwt${now}`) });
    await http.send({ method: 'GET', path: 'x', token: now => (signedAt.push(now), `jwt${now}`) });
    expect(calls).to.have.length(2);
    expect(signedAt[1] - signedAt[0]).to.equal(600);
    expect(Math.abs(http.now() - serverNow)).to.be.at.most(1000, 'ms');
  });

  it('answers a second 401 (or one with a right clock) with the API error', async () => {
    const clock = () => Date.UTC(2026, 10, 21, 10, 0, 0);
    const date = new Date(clock() + 3600_000).toUTCString();
    const twice = scripted(error(401, 20003, { Date: date }), error(401, 20003, { Date: date }));
    const failure = await rejection(createHttp({ baseUrl: 'http://api.test/v2/', fetch: twice.fetch, clock }).send({ method: 'GET', path: 'x', token }));
    expect(twice.calls).to.have.length(2);
    expect([failure.code, failure.status]).to.deep.equal([20003, 401]);
    expect(failure.message).to.contain('new access token');
    const inStep = scripted(error(401, 20003, { Date: new Date(clock()).toUTCString() }));
    await rejection(createHttp({ baseUrl: 'http://api.test/v2/', fetch: inStep.fetch, clock }).send({ method: 'GET', path: 'x', token }));
    expect(inStep.calls).to.have.length(1);
  });

  it('keeps the API code and says what to do, and never echoes the token', async () => {
    const { fetch } = scripted(error(403, 60322));
    const failure = await rejection(createHttp({ baseUrl: 'http://api.test/v2/', fetch }).send({ method: 'POST', path: 'x', token: () => 'SECRET' }));
    expect([failure.code, failure.status, failure.name]).to.deep.equal([60322, 403, 'VerifyError']);
    expect(failure.message).to.contain('already answered');
    expect(failure.message).not.to.contain('SECRET');
    const http = createHttp({ baseUrl: 'http://api.test/v2/', fetch: scripted(error(400, 60315), error(400, 60306)).fetch });
    expect((await rejection(http.send({ method: 'POST', path: 'x', token }))).message).to.contain('Delete a factor of this user');
    expect((await rejection(http.send({ method: 'POST', path: 'x', token }))).message).to.match(/60306: Failure 60306\. Check the parameters/);
  });

  it('reports a body it cannot read as 60402', async () => {
    const { fetch } = scripted(new Response('<html>', { status: 200 }), new Response('<html>', { status: 404 }));
    const http = createHttp({ baseUrl: 'http://api.test/v2/', fetch });
    expect((await rejection(http.send({ method: 'GET', path: 'x', token }))).code).to.equal(60402);
    const notFound = await rejection(http.send({ method: 'GET', path: 'x', token }));
    expect([notFound.code, notFound.status]).to.deep.equal([60402, 404]);
    expect(notFound.message).to.contain('does not exist');
  });

  it('reads an empty success (204) as null', async () => {
    const { fetch } = scripted(new Response(null, { status: 204 }));
    expect((await createHttp({ baseUrl: 'http://api.test/v2/', fetch }).send({ method: 'DELETE', path: 'x', token })).body).to.equal(null);
  });
});
