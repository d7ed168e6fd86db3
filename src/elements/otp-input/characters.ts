/** Which characters a code may hold. */
export type OtpMode = 'numeric' | 'alphanumeric';
/** The case letters are turned to; empty: as typed. */
export type OtpCase = 'upper' | 'lower' | '';

// Zeros of the digit sets that phone keyboards in RTL and South-Asian locales type;
// NFKC already turns full-width digits (Japanese IMEs) into ASCII.
const DIGIT_ZEROS = [0x0660 /* Arabic-Indic */, 0x06f0 /* Persian */, 0x0966 /* Devanagari */];
// Spaces and dashes that codes are grouped with in messages ("123 456", "123-456", "123–456").
const SEPARATOR = /^[\s\-\u2010-\u2015\u2212]$/u;

function asciiDigit(ch: string): string {
  const cp = ch.codePointAt(0)!;
  for (const zero of DIGIT_ZEROS) if (cp >= zero && cp <= zero + 9) return String(cp - zero);
  return ch;
}

/** A test for one character, from the mode or, when given, a one-character regular expression. */
export function characterTest(mode: OtpMode, pattern?: RegExp): (ch: string) => boolean {
  if (pattern) return ch => pattern.test(ch);
  return mode === 'alphanumeric' ? ch => /^[A-Za-z0-9]$/.test(ch) : ch => /^[0-9]$/.test(ch);
}

/**
 * Turns whatever arrived (typed, pasted, autofilled) into code characters: separators stripped,
 * look-alike digits made ASCII, letters in `letterCase`, everything the mode does not accept dropped.
 */
export function codeCharacters(text: string, accepts: (ch: string) => boolean, letterCase: OtpCase = ''): string {
  let out = '';
  // Before the test, so that `case="upper"` with `pattern="[0-9A-F]"` takes a typed "a".
  const cased = letterCase === 'upper' ? text.toUpperCase() : letterCase === 'lower' ? text.toLowerCase() : text;
  for (const raw of cased.normalize('NFKC')) {
    const ch = asciiDigit(raw);
    if (!SEPARATOR.test(ch) && accepts(ch)) out += ch;
  }
  return out;
}
