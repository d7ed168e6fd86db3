// Settings: every factor of the signed-in user, each with a Remove button (asked to confirm), and
// adding a passkey or an authenticator app. What happens is said in the settings' own live region.
import { $, api } from './api.js';
import { addPasskey, passkeysSupported } from './passkeys.js';

interface Factor {
  sid: string;
  type: string;
  friendlyName: string;
  created: string;
  status: string;
}
const TYPES: Record<string, string> = { push: 'Browser (push)', passkeys: 'Passkey', totp: 'Authenticator app' };

const say = (message: string) => ($('settings-status').textContent = message);

/** Lists the user's factors anew. */
export async function listFactors(): Promise<void> {
  const { factors } = await api<{ factors: Factor[] }>('/api/factors');
  $('factors').replaceChildren(...(factors.length ? factors.map(factorItem) : [Object.assign(document.createElement('li'), { textContent: 'No factors yet: add one below.' })]));
}

function factorItem(factor: Factor): HTMLLIElement {
  const item = document.createElement('li');
  item.dataset.sid = factor.sid;
  item.dataset.type = factor.type;
  const label = `${TYPES[factor.type] ?? factor.type}: ${factor.friendlyName}`;
  const added = Object.assign(document.createElement('time'), { dateTime: factor.created, textContent: new Date(factor.created).toLocaleString() });
  const description = Object.assign(document.createElement('span'), { textContent: `${label}, ${factor.status === 'verified' ? 'in use' : 'not confirmed'}, added ` });
  description.append(added);
  const remove = Object.assign(document.createElement('button'), { type: 'button', className: 'secondary', textContent: 'Remove' });
  remove.setAttribute('aria-label', `Remove ${label}`);
  remove.addEventListener('click', () => confirmRemoval(item, remove, label, factor.sid));
  item.append(description, ' ', remove);
  return item;
}

/** Asks in place (a question and two buttons, focus on Cancel), then removes, and says so. */
function confirmRemoval(item: HTMLLIElement, remove: HTMLButtonElement, label: string, sid: string) {
  const question = Object.assign(document.createElement('span'), { role: 'group', textContent: `Remove ${label}? You can no longer sign in with it. ` });
  const yes = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Yes, remove' });
  const no = Object.assign(document.createElement('button'), { type: 'button', className: 'secondary', textContent: 'Cancel' });
  question.append(yes, ' ', no);
  remove.replaceWith(question);
  no.focus();
  no.addEventListener('click', () => {
    question.replaceWith(remove);
    remove.focus();
  });
  yes.addEventListener('click', async () => {
    try {
      await api(`/api/factors/${encodeURIComponent(sid)}`, undefined, 'DELETE');
      await listFactors();
      say(`Removed ${label}.`);
      $('factors-title').focus();
    } catch (error) {
      say(`${label} was not removed: ${(error as Error).message}`);
    }
  });
}

async function addPasskeyHere() {
  $('passkey-offer').hidden = true;
  say('Follow your browser’s steps to make the passkey…');
  try {
    await addPasskey();
    await listFactors();
    say('Passkey added. Next time, sign in with it.');
  } catch (error) {
    const { name, message } = error as Error;
    say(name === 'NotAllowedError' ? 'No passkey was added: it was cancelled or timed out.' : name === 'InvalidStateError' ? 'This device already has a passkey for you.' : `No passkey was added: ${message}`);
  }
}

/** After sign-up: offers a passkey (where the browser can make one). */
export function offerPasskey() {
  $('passkey-offer').hidden = !passkeysSupported();
  if (passkeysSupported()) $('offer-add-passkey').focus();
}

/** Shows the settings' state for a user who just arrived (or left: `signedIn` false). */
export function showSettings(signedIn: boolean) {
  say('');
  $('passkey-offer').hidden = true;
  $('totp-setup').hidden = true;
  $('add-passkey').hidden = !passkeysSupported();
  if (signedIn) listFactors().catch(error => say(`Your factors cannot be listed: ${(error as Error).message}`));
  else $('factors').replaceChildren();
}

const setupInput = $<HTMLElement & { value: string; invalid: boolean; errorMessage: string }>('totp-setup-input');
let setupSid = '';

$('offer-add-passkey').addEventListener('click', addPasskeyHere);
$('add-passkey').addEventListener('click', addPasskeyHere);
$('offer-dismiss').addEventListener('click', () => {
  $('passkey-offer').hidden = true;
  $('add-passkey').focus();
});

// The setup key is shown once, in groups of four to read it into an app; the page keeps it nowhere else.
$('add-totp').addEventListener('click', async () => {
  try {
    const { factorSid, secret, uri } = await api<{ factorSid: string; secret: string; uri: string }>('/api/totp/start', {});
    setupSid = factorSid;
    $('totp-secret').textContent = secret.match(/.{1,4}/g)!.join(' ');
    $<HTMLAnchorElement>('totp-uri').href = uri;
    setupInput.value = '';
    setupInput.invalid = false;
    $('totp-setup').hidden = false;
    say('Add the key to your authenticator app, then type the code it shows.');
    setupInput.focus();
  } catch (error) {
    say(`No authenticator app was added: ${(error as Error).message}`);
  }
});
$('totp-setup').addEventListener('submit', async event => {
  event.preventDefault();
  try {
    await api('/api/totp/confirm', { factorSid: setupSid, code: setupInput.value });
    $('totp-setup').hidden = true;
    await listFactors();
    say('Authenticator app added. You can sign in with its codes.');
    $('add-totp').focus();
  } catch (error) {
    setupInput.invalid = true;
    setupInput.errorMessage = (error as Error).message;
  }
});
setupInput.addEventListener('input', () => (setupInput.invalid = false));
$('totp-setup-cancel').addEventListener('click', () => {
  $('totp-setup').hidden = true;
  say('No authenticator app was added.');
  $('add-totp').focus();
});
