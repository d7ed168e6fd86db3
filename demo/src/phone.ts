// Shared by the backend (which decides) and the page (which says it before a round trip): no imports.

/**
 * A phone number for SMS codes in E.164 (`+14155550123`): the spaces, dots, dashes and brackets
 * people type are dropped; anything else that is not a + and 8 to 15 digits gets a message that
 * shows the format.
 */
export function e164(raw: string): { phone: string } | { error: string } {
  const phone = raw.replace(/[\s.()-]/g, '');
  if (!phone) return { error: 'Enter a phone number for sign-in codes, in international format: +, country code, number (e.g. +14155550123).' };
  if (!/^\+[1-9]\d{7,14}$/.test(phone)) return { error: 'Enter the phone number in international format: +, country code, number (e.g. +14155550123).' };
  return { phone };
}
