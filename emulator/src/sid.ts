import { SID_PREFIX } from 'verify-elements/protocol';
import { randomBytes, toHex } from './bytes.js';

export type SidPrefix = (typeof SID_PREFIX)[keyof typeof SID_PREFIX];

/** A new Twilio SID: the two-letter prefix and 32 lowercase hex digits. */
export const newSid = (prefix: SidPrefix): string => prefix + toHex(randomBytes(16));
