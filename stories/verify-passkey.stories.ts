import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { action } from 'storybook/actions';
import '../src/elements/verify-passkey/define.js';
import type { PasskeyPath, PasskeyProvider } from '../src/elements/verify-passkey/verify-passkey.js';
import { newIdentity } from '../test/support/verify-backend.js';
import { emulator } from './support/backend.js';

/** The element's attributes, and what the story's backend does. */
export interface PasskeyArgs {
  mode: 'register' | 'sign-in';
  conditional: boolean;
  lang: '' | 'ja' | 'it' | 'pl';
  /** The site's server refuses every call with this message (Verify's 60324 code), to show a backend error. */
  refuse: string;
}

// What the site's server sends to each Passkeys operation of the emulator (the backend contract, 1:1).
const OPERATIONS: Record<PasskeyPath, string> = {
  '/register/options': 'Factors',
  '/register/verify': 'VerifyFactor',
  '/sign-in/options': 'Challenges',
  '/sign-in/verify': 'ApproveChallenge',
};

/**
 * The site's backend played in the page against the emulator (fine only because it is a local
 * emulator; a real backend keeps the credentials on its server): a Service whose relying party is
 * this page's origin, and one identity per story (the signed-in user of mode="register").
 */
async function passkeyBackend(refuse: string): Promise<PasskeyProvider> {
  const info = await emulator();
  const auth = { Authorization: `Basic ${btoa(`${info.accountSid}:${info.authToken}`)}` };
  const service = await (
    await fetch(`${info.baseUrl}Services`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        FriendlyName: 'Storybook passkeys',
        'Passkeys.RelyingParty.Id': location.hostname,
        'Passkeys.RelyingParty.Name': 'verify-elements Storybook',
        'Passkeys.RelyingParty.Origins': location.origin,
        'Passkeys.AuthenticatorAttachment': 'platform',
        'Passkeys.DiscoverableCredentials': 'required',
        'Passkeys.UserVerification': 'preferred',
      }),
    })
  ).json();
  const identity = newIdentity();
  return async (path, body) => {
    if (refuse) throw { code: 60324, message: refuse };
    const sent = path === '/register/options' ? { identity, friendly_name: 'Storybook passkey' } : body;
    const response = await fetch(`${info.baseUrl}Services/${service.sid}/Passkeys/${OPERATIONS[path]}`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify(sent),
    });
    const answer = await response.json();
    if (!response.ok) throw { code: answer.code, message: answer.message };
    if (path.endsWith('/options')) return { publicKey: answer.options.publicKey };
    return path === '/register/verify' ? { factorSid: answer.sid, status: answer.status } : { status: answer.status, identity: answer.identity };
  };
}

const log = (e: Event) => action(e.type)((e as CustomEvent).detail);

const meta = {
  title: 'Elements/verify-passkey',
  component: 'verify-passkey',
  loaders: [async ({ args }) => ({ provider: await passkeyBackend((args as PasskeyArgs).refuse) })],
  render: (a, { loaded }) => html`<div lang=${a.lang || 'en'}>
    ${a.conditional ? html`<label>User name <input id="story-user" autocomplete="username webauthn" /></label>` : ''}
    <verify-passkey
      mode=${a.mode}
      ?conditional=${a.conditional}
      for=${a.conditional ? 'story-user' : ''}
      .provider=${loaded.provider}
      @verify-passkey-registered=${log}
      @verify-passkey-signed-in=${log}
      @verify-passkey-error=${log}
      @verify-passkey-unsupported=${log}
    ></verify-passkey>
  </div>`,
  args: { mode: 'register', conditional: false, lang: '', refuse: '' },
  argTypes: {
    mode: { control: 'inline-radio', options: ['register', 'sign-in'] },
    lang: { control: 'inline-radio', options: ['', 'ja', 'it', 'pl'] },
    refuse: { description: "Story only: the site's server refuses every call with this message." },
    ...Object.fromEntries(['provider', 'strings', 'url', 'identity', 'htmlFor'].map(name => [name, { control: false }])),
  },
  parameters: {
    docs: {
      description: {
        component:
          "Registers a passkey, or signs in with one, with this browser's own authenticator (or a phone, or a password manager). " +
          "The story plays the site's backend against the Verify emulator running in this browser, which verifies the passkey for real; " +
          'register one first, then sign in. The Actions panel logs the events.',
      },
    },
  },
} satisfies Meta<PasskeyArgs>;

export default meta;
type Story = StoryObj<PasskeyArgs>;

/** Adds a passkey for a fresh user of this story: press the button and use your authenticator. */
export const Register: Story = {};

/** Signs in with a passkey registered in Register (any of this site's passkeys: no user name). */
export const SignIn: Story = { args: { mode: 'sign-in' } };

/** Passkey autofill: focus the user-name field and pick a passkey from the browser's suggestions. */
export const Autofill: Story = { args: { mode: 'sign-in', conditional: true } };

/** The site's server refuses; its message is shown as text (markup in it stays text). */
export const ServerRefuses: Story = { args: { refuse: 'The passkey was refused <b>by the server</b>.' } };

/** In Japanese. */
export const Japanese: Story = { args: { lang: 'ja' } };

/** Right to left, dark. */
export const RtlDark: Story = {
  decorators: [story => html`<div dir="rtl" style="color-scheme: dark; background: #111; color: #eee; padding: 1rem">${story()}</div>`],
};
