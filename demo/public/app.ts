// The demo page: a site with sign-up, a settings page that enrolls this browser, and sign-in by
// push approval (number matching) with a one-time code as the fallback.
import '../../src/index.js';
import { createVerifyPushClient } from '../../src/client/index.js';
import { emulatorTransport } from '../../src/push/emulator.js';
import { pollingTransport, withPollingFallback } from '../../src/push/polling.js';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

async function api<T = any>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(json.error ?? `The server answered ${response.status}.`);
  return json;
}

const { verifyBaseUrl: baseUrl } = await api<{ verifyBaseUrl: string }>('/api/config');
const otp = document.querySelector('otp-input')!;

// This browser as a device: one client, whose factors get pushes from the emulator's stream, or
// are polled when they were enrolled without notifications. Enrolling and answering share it.
const client = createVerifyPushClient({ baseUrl, transport: withPollingFallback(emulatorTransport({ baseUrl }), pollingTransport()) });
document.querySelector('verify-challenge-prompt')!.client = client;

function show(state: 'signed-out' | 'push' | 'code' | 'signed-in', user?: string | null) {
  $('whoami').textContent = user ? `Signed in as ${user}.` : 'Signed out.';
  $('auth').hidden = state !== 'signed-out';
  $('push').hidden = state !== 'push';
  $('code').hidden = state !== 'code';
  $('signout').hidden = state !== 'signed-in';
  $('settings').hidden = state !== 'signed-in';
  // Settings exist for a signed-in user only: the element asks the backend for a token on arrival.
  const enroll = document.querySelector('verify-enroll');
  if (state === 'signed-in' && !enroll) {
    const element = Object.assign(document.createElement('verify-enroll'), { client });
    element.setAttribute('token-url', '/access-token');
    element.setAttribute('transport', 'emulator');
    $('settings').append(element);
  } else if (state !== 'signed-in') {
    enroll?.remove();
  }
}

async function refresh() {
  const { user } = await api<{ user: string | null }>('/api/me');
  show(user ? 'signed-in' : 'signed-out', user);
}

async function waitForApproval() {
  const say = (text: string) => ($('push-status').textContent = text);
  say('Waiting for the approval…');
  for (;;) {
    await new Promise(r => setTimeout(r, 1000));
    const result = await api<{ status: string; user?: string; reported?: boolean }>('/api/signin/status');
    if (result.status === 'pending') continue;
    if (result.status === 'signed-in') return show('signed-in', result.user);
    if (result.status === 'wrong-number') return say('The number picked did not match, so the sign-in was refused. Try again.');
    if (result.status === 'denied') return say(`The sign-in was denied${result.reported ? ' and reported as suspicious' : ''}.`);
    return say('The request expired. Sign in again.');
  }
}

async function askForCode() {
  const { sms } = await api<{ sms: string }>('/api/signin/code', {});
  $('sms').textContent = sms;
  otp.value = '';
  show('code');
  otp.focus();
}

$('auth').addEventListener('submit', async event => {
  event.preventDefault();
  const action = ((event as SubmitEvent).submitter as HTMLButtonElement).value;
  const name = $<HTMLInputElement>('name').value;
  try {
    if (action === 'signup') return show('signed-in', (await api('/api/signup', { name })).user);
    const start = await api<{ method: 'push' | 'code'; number?: string }>('/api/signin', { name });
    if (start.method === 'code') return await askForCode();
    $('number').textContent = start.number!;
    show('push');
    await waitForApproval();
  } catch (error) {
    $('whoami').textContent = (error as Error).message;
  }
});

$('use-code').addEventListener('click', () => askForCode());

$('code').addEventListener('submit', async event => {
  event.preventDefault();
  try {
    show('signed-in', (await api('/api/signin/code/check', { code: otp.value })).user);
  } catch (error) {
    otp.invalid = true;
    otp.errorMessage = (error as Error).message;
  }
});
otp.addEventListener('input', () => (otp.invalid = false));

$('signout').addEventListener('click', async () => {
  await api('/api/signout', {});
  show('signed-out');
});

// The backend's view: the signed webhooks it accepted.
setInterval(async () => {
  const events = await api<{ type: string; challenge?: string; factor: string; at: string }[]>('/api/events');
  $('events').replaceChildren(
    ...events.map(e => Object.assign(document.createElement('li'), { textContent: `${e.at.slice(11, 19)} ${e.type} ${e.challenge ?? e.factor}` })),
  );
}, 2000);

await refresh();
