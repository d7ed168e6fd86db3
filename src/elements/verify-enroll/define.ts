import { defineElement } from '../../define.js';
import { VerifyEnroll } from './verify-enroll.js';

export * from './verify-enroll.js';
export * from './events.js';

defineElement('verify-enroll', VerifyEnroll);

declare global {
  interface HTMLElementTagNameMap {
    'verify-enroll': VerifyEnroll;
  }
}
