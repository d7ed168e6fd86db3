// Only the translations import this (en.ts does not): an entry that imports en.ts never loads it.
import { AUTHENTICATION_TOKEN_ERROR, KEY_STORAGE_ERROR, NETWORK_ERROR, STORAGE_ERROR } from '../client/codes.js';

/** The word form `n` takes in `lang`: `plural('pl', 2, { one: 'cyfrę', few: 'cyfry', many: 'cyfr', other: 'cyfry' })` is "cyfry". */
export const plural = (lang: string, n: number, forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }): string =>
  forms[new Intl.PluralRules(lang).select(n)] ?? forms.other;

/** The failures a user can act on, by what to do about them. */
export type Problem = 'network' | 'storage' | 'signIn' | 'reEnroll' | 'devices' | 'rate';
const PROBLEMS: Record<number, Problem> = {
  [NETWORK_ERROR]: 'network',
  [STORAGE_ERROR]: 'storage',
  [KEY_STORAGE_ERROR]: 'storage',
  [AUTHENTICATION_TOKEN_ERROR]: 'signIn',
  401: 'signIn',
  60311: 'reEnroll',
  60324: 'reEnroll',
  60315: 'devices',
  429: 'rate',
};

/**
 * A translation's `error(code)`: what happened and what to do for the failures a user can act on,
 * else `unknown(code)`. The English message stays in the `verify-error` event, for logs.
 */
export const explain = (advice: Record<Problem, string>, unknown: (code: number) => string) => (code: number): string =>
  Object.hasOwn(PROBLEMS, code) ? advice[PROBLEMS[code]] : unknown(code);
