// Only the translations import this (en.ts does not): an entry that imports en.ts never loads it.

/** The word form `n` takes in `lang`: `plural('pl', 2, { one: 'cyfrę', few: 'cyfry', many: 'cyfr', other: 'cyfry' })` is "cyfry". */
export const plural = (lang: string, n: number, forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }): string =>
  forms[new Intl.PluralRules(lang).select(n)] ?? forms.other;
