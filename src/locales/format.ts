// Only the translations import this (en.ts does not): an entry that imports en.ts never loads the code table.
import { codeInfo, type Problem } from '../protocol/code-table.js';

export type { Problem };

/** The word form `n` takes in `lang`: `plural('pl', 2, { one: 'cyfrę', few: 'cyfry', many: 'cyfr', other: 'cyfry' })` is "cyfry". */
export const plural = (lang: string, n: number, forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }): string =>
  forms[new Intl.PluralRules(lang).select(n)] ?? forms.other;

/**
 * A translation's `error(code)`: what happened and what to do for the failures a user can act on
 * (the code table's `problem`), else `unknown(code)`. The English message stays in the `verify-error` event, for logs.
 */
export const explain = (advice: Record<Problem, string>, unknown: (code: number) => string) => (code: number): string => {
  const problem = codeInfo(code)?.problem;
  return problem ? advice[problem] : unknown(code);
};
