import { defineElement } from '../../define.js';
import { VerifyTotpEnroll } from './verify-totp-enroll.js';

export * from './verify-totp-enroll.js';
export * from './events.js';

defineElement('verify-totp-enroll', VerifyTotpEnroll);

declare global {
  interface HTMLElementTagNameMap {
    'verify-totp-enroll': VerifyTotpEnroll;
  }
}
