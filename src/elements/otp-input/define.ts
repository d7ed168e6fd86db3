import { defineElement } from '../../define.js';
import { OtpInput } from './otp-input.js';

export * from './otp-input.js';
export * from './events.js';

defineElement('otp-input', OtpInput);

declare global {
  interface HTMLElementTagNameMap {
    'otp-input': OtpInput;
  }
}
