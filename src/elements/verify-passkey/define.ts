import { defineElement } from '../../define.js';
import { VerifyPasskey } from './verify-passkey.js';

export * from './verify-passkey.js';
export * from './events.js';

defineElement('verify-passkey', VerifyPasskey);

declare global {
  interface HTMLElementTagNameMap {
    'verify-passkey': VerifyPasskey;
  }
}
