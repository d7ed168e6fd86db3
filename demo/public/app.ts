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

const { verifyBaseUrl: baseUrl, emulator } = await api<{ verifyBaseUrl: string; emulator: boolean }>('/api/config').catch(error => {
  $('whoami').textContent = `The demo cannot start: ${(error as Error).message} Reload the page to try again.`;
  throw error;
});
const otp = document.querySelector('otp-input')!;

// This browser as a device: one client, whose factors get pushes from the emulator's stream, or
// are polled when they were enrolled without notifications. Enrolling and answering share it.
// Against the real Verify there is no emulator stream (and no FCM set up here): factors poll.
const client = createVerifyPushClient({
  baseUrl,
  transport: emulator ? withPollingFallback(emulatorTransport({ baseUrl }), pollingTransport()) : pollingTransport(),
});
document.querySelector('verify-challenge-prompt')!.client = client;

type State = 'signed-out' | 'push' | 'code' | 'signed-in';
/** Where focus goes when the control that had it disappears with the state it belonged to. */
const focusFor: Record<State, () => HTMLElement> = {
  'signed-out': () => $('name'),
  push: () => $('push'),
  code: () => otp,
  'signed-in': () => $('signout'),
};
// Each sign-in attempt's wait for the approval ends when a newer state replaces it.
let attempt = 0;

/** Shows a state of the page; `message` (announced) replaces the line that says who is signed in. */
function show(state: State, user?: string | null, message?: string) {
  attempt++;
  const focused = document.activeElement as HTMLElement | null;
  $('whoami').textContent = message ?? (user ? `Signed in as ${user}.` : 'Signed out.');
  $('auth').hidden = state !== 'signed-out';
  $('push').hidden = state !== 'push';
  $('code').hidden = state !== 'code';
  $('start-over').hidden = state !== 'push' && state !== 'code';
  $('signout').hidden = state !== 'signed-in';
  $('settings').hidden = state !== 'signed-in';
  // Settings exist for a signed-in user only: the element asks the backend for a token on arrival.
  const enroll = document.querySelector('verify-enroll');
  if (state === 'signed-in' && !enroll) {
    const element = Object.assign(document.createElement('verify-enroll'), { client });
    element.setAttribute('token-url', '/access-token');
    element.setAttribute('transport', emulator ? 'emulator' : 'polling');
    $('settings').append(element);
  } else if (state !== 'signed-in') {
    enroll?.remove();
  }
  if (focused?.closest('[hidden]')) focusFor[state]().focus();
}

async function refresh() {
  const { user } = await api<{ user: string | null }>('/api/me');
  show(user ? 'signed-in' : 'signed-out', user);
}

/** Polls the backend until the approval ends this attempt; an ended attempt goes back to the form, saying why. */
async function waitForApproval() {
  const mine = attempt;
  $('push-status').textContent = 'Waiting for the approval…';
  for (let failures = 0; ; ) {
    await new Promise(r => setTimeout(r, 1000));
    let result: { status: string; user?: string; reported?: boolean };
    try {
      result = await api('/api/signin/status');
      failures = 0;
    } catch (error) {
      // A backend that is briefly away is retried; one that stays away ends the attempt.
      if (mine !== attempt) return;
      if (++failures < 5) continue;
      return show('signed-out', null, `${(error as Error).message} Sign in again.`);
    }
    if (mine !== attempt) return; // the user moved on (a code, or another attempt)
    if (result.status === 'pending') continue;
    if (result.status === 'signed-in') return show('signed-in', result.user);
    if (result.status === 'wrong-number') return show('signed-out', null, 'The number picked did not match, so the sign-in was refused. Try again.');
    if (result.status === 'denied') return show('signed-out', null, `The sign-in was denied${result.reported ? ' and reported as suspicious' : ''}.`);
    return show('signed-out', null, 'The request expired. Sign in again.');
  }
}

/** Asks for a code; the development outbox of this browser's "phone" (the user's, if they signed up here) shows it. */
async function askForCode() {
  await api('/api/signin/code', {});
  const { messages } = await api<{ messages: string[] }>('/api/phone');
  $('sms').textContent = messages[0] ?? 'No message reached this browser: the code went to the phone of the user, which in this demo is the browser they signed up in.';
  otp.value = '';
  otp.invalid = false;
  show('code');
  otp.focus();
}

$('auth').addEventListener('submit', async event => {
  event.preventDefault();
  const action = ((event as SubmitEvent).submitter as HTMLButtonElement | null)?.value ?? 'signin';
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

// A failure here (the attempt expired, too many codes) ends the attempt: back to the form, saying why.
const codeOrStartOver = () => askForCode().catch(error => show('signed-out', null, (error as Error).message));
$('use-code').addEventListener('click', codeOrStartOver);
$('new-code').addEventListener('click', codeOrStartOver);
$('start-over').addEventListener('click', () => show('signed-out'));

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
  try {
    await api('/api/signout', {});
    show('signed-out');
  } catch (error) {
    $('whoami').textContent = (error as Error).message;
  }
});

// The backend's view: the signed webhooks it accepted for this user (kept as they were while it is away).
setInterval(async () => {
  const events = await api<{ type: string; challenge?: string; factor: string; at: string }[]>('/api/events').catch(() => undefined);
  if (!events) return;
  $('events').replaceChildren(
    ...events.map(e => Object.assign(document.createElement('li'), { textContent: `${e.at.slice(11, 19)} ${e.type} ${e.challenge ?? e.factor}` })),
  );
}, 2000);

await refresh().catch(error => ($('whoami').textContent = `${(error as Error).message} Reload the page to try again.`));
