/** Polish. */
import { explain, plural } from './format.js';
import type { Locale } from './locale.js';

const numeric = (mode: string) => mode === 'numeric';
// Accusative, as after "mieć": 1 cyfrę, 2 cyfry, 5 cyfr (and 1,5 cyfry).
const unit = (n: number, mode: string) =>
  plural('pl', n, numeric(mode) ? { one: 'cyfrę', few: 'cyfry', many: 'cyfr', other: 'cyfry' } : { one: 'znak', few: 'znaki', many: 'znaków', other: 'znaku' });
const problem = explain(
  {
    network: 'Nie można połączyć się z serwerem. Sprawdź połączenie i spróbuj ponownie.',
    storage: 'Pamięć przeglądarki jest niedostępna. Zezwól tej witrynie na zapisywanie danych lub wyjdź z trybu prywatnego, a potem spróbuj ponownie.',
    signIn: 'Nie udało się potwierdzić logowania. Zaloguj się ponownie i spróbuj jeszcze raz.',
    reEnroll: 'Rejestracja tej przeglądarki jest już nieważna. Usuń ją i zarejestruj przeglądarkę ponownie.',
    devices: 'Osiągnięto limit urządzeń. Usuń jedno z nich i spróbuj ponownie.',
    rate: 'Zbyt wiele prób. Odczekaj minutę i spróbuj ponownie.',
  },
  code => `Wystąpił błąd${code ? ` (kod ${code})` : ''}.`,
);

export const otpInput: Locale['otpInput'] = {
  label: 'Kod jednorazowy',
  filledIn: 'Wpisano kod',
  required: (length, mode) => `Wpisz ${length}-${numeric(mode) ? 'cyfrowy' : 'znakowy'} kod.`,
  incomplete: (length, mode) => `Kod musi mieć ${length} ${unit(length, mode)}.`,
};

export const verifyEnroll: Locale['verifyEnroll'] = {
  title: 'Zatwierdzaj logowania w tej przeglądarce',
  intro: 'Zarejestruj tę przeglądarkę, aby zatwierdzać logowania jednym kliknięciem zamiast wpisywać kod.',
  enroll: 'Zarejestruj tę przeglądarkę',
  checking: 'Sprawdzanie tej przeglądarki…',
  enrolling: 'Rejestrowanie tej przeglądarki…',
  enrolled: 'Ta przeglądarka jest zarejestrowana do zatwierdzania logowań.',
  failed: 'Nie udało się dokończyć rejestracji.',
  error: problem,
  retry: 'Spróbuj ponownie',
  remove: 'Usuń tę przeglądarkę',
  removing: 'Usuwanie tej przeglądarki…',
  removed: 'Ta przeglądarka została usunięta. Nie będzie już otrzymywać żądań logowania.',
  fallback: 'Ta przeglądarka nie otrzymuje powiadomień z tej witryny, więc sprawdza żądania logowania, gdy strona jest otwarta.',
  steps: { permission: 'Zezwól na powiadomienia', key: 'Utwórz klucz dla tej przeglądarki', register: 'Zarejestruj tę przeglądarkę', verify: 'Zweryfikuj klucz' },
  stepStates: { pending: ', do zrobienia', active: ', w toku', done: ', gotowe', failed: ', nie powiodło się' },
  friendlyName: (browser, os) => (browser || 'Przeglądarka') + (os ? ` w systemie ${os}` : ''),
};

export const challengePrompt: Locale['challengePrompt'] = {
  loading: 'Wczytywanie żądania logowania…',
  timeLeft: (_, clock) => `Wygasa za ${clock}`,
  timeLeftAnnouncement: s => `Wygasa ${new Intl.RelativeTimeFormat('pl').format(s, 'second')}`,
  pickNumber: 'Wybierz liczbę widoczną na ekranie logowania',
  approve: 'Zatwierdź',
  deny: 'Odrzuć',
  report: 'Zgłosić to logowanie jako podejrzane?',
  yes: 'Tak',
  no: 'Nie',
  approving: 'Zatwierdzanie…',
  denying: 'Odrzucanie…',
  approved: 'Zatwierdzono',
  answerSent: 'Odpowiedź wysłana. Ekran logowania pokaże, czy się udało.',
  denied: 'Odrzucono',
  reported: 'Odrzucono i zgłoszono jako podejrzane',
  expired: 'To żądanie wygasło',
  answered: 'Na to żądanie już odpowiedziano',
  offline: 'Nie można połączyć się z usługą. Sprawdź połączenie i spróbuj ponownie.',
  error: problem,
  retry: 'Spróbuj ponownie',
};

export const verifyTotpEnroll: Locale['verifyTotpEnroll'] = {
  title: 'Używaj aplikacji uwierzytelniającej',
  intro: 'Otrzymuj kody logowania z aplikacji takiej jak Google Authenticator, Microsoft Authenticator czy 1Password, także bez internetu.',
  start: 'Skonfiguruj aplikację uwierzytelniającą',
  starting: 'Przygotowywanie klucza…',
  scan: 'Zeskanuj ten kod QR w aplikacji uwierzytelniającej',
  qrLabel: (account, issuer) => `Kod QR, który dodaje ${[issuer, account].filter(Boolean).join(', ') || 'to konto'} do aplikacji uwierzytelniającej`,
  manual: 'Nie możesz zeskanować? Wpisz w aplikacji ten klucz:',
  copy: 'Kopiuj klucz',
  copied: 'Skopiowano klucz.',
  copyRefused: 'Przeglądarka nie pozwoliła skopiować. Zaznacz klucz i skopiuj go samodzielnie.',
  codeLabel: 'Kod z aplikacji',
  enterCode: digits => `Następnie wpisz ${digits}-cyfrowy kod widoczny w aplikacji.`,
  confirm: 'Potwierdź',
  confirming: 'Sprawdzanie kodu…',
  enrolled: 'Aplikacja uwierzytelniająca jest skonfigurowana.',
  failed: 'Nie udało się dokończyć konfiguracji aplikacji.',
  retry: 'Zacznij od nowa',
  errors: {
    'wrong-code': 'Ten kod jest nieprawidłowy. Wpisz kod, który aplikacja pokazuje teraz.',
    expired: 'Ta konfiguracja wygasła. Zacznij od nowa, aby otrzymać nowy klucz.',
    'rate-limited': 'Zbyt wiele prób. Odczekaj minutę i spróbuj ponownie.',
    network: 'Nie można połączyć się z serwerem. Sprawdź połączenie i spróbuj ponownie.',
    backend: 'Serwer nie mógł dokończyć tego kroku. Spróbuj ponownie później.',
    setup: 'Ta strona nie może skonfigurować aplikacji uwierzytelniającej.',
  },
};
