/** Italian (informal "tu", as consumer apps address the user). */
import { explain, plural } from './format.js';
import type { Locale } from './locale.js';

const unit = (n: number, mode: string) => plural('it', n, mode === 'numeric' ? { one: 'cifra', other: 'cifre' } : { one: 'carattere', other: 'caratteri' });
const problem = explain(
  {
    network: 'Il server non è raggiungibile. Controlla la connessione e riprova.',
    storage: "L'archivio del browser non è disponibile. Consenti i dati dei siti per questo sito o esci dalla navigazione privata, poi riprova.",
    signIn: 'Non è stato possibile confermare il tuo accesso. Accedi di nuovo e riprova.',
    reEnroll: 'La registrazione di questo browser non è più valida. Rimuovila e registra di nuovo il browser.',
    devices: 'Hai raggiunto il numero massimo di dispositivi. Rimuovine uno e riprova.',
    rate: 'Troppi tentativi. Attendi un minuto e riprova.',
  },
  code => `Si è verificato un errore${code ? ` (codice ${code})` : ''}.`,
);

export const otpInput: Locale['otpInput'] = {
  label: 'Codice monouso',
  filledIn: 'Codice inserito',
  required: (length, mode) => `Inserisci il codice di ${length} ${unit(length, mode)}.`,
  incomplete: (length, mode) => `Il codice deve avere ${length} ${unit(length, mode)}.`,
};

export const verifyEnroll: Locale['verifyEnroll'] = {
  title: 'Approva gli accessi da questo browser',
  intro: 'Registra questo browser per approvare i tuoi accessi con un clic, senza digitare un codice.',
  enroll: 'Registra questo browser',
  checking: 'Controllo di questo browser in corso…',
  enrolling: 'Registrazione di questo browser in corso…',
  enrolled: 'Questo browser è registrato per approvare gli accessi.',
  failed: 'La registrazione non è stata completata.',
  error: problem,
  retry: 'Riprova',
  remove: 'Rimuovi questo browser',
  removing: 'Rimozione di questo browser in corso…',
  removed: 'Questo browser è stato rimosso. Non riceverà più richieste di accesso.',
  fallback: 'Questo browser non riceve notifiche da questo sito, quindi controlla le richieste di accesso mentre la pagina è aperta.',
  steps: { permission: 'Consenti le notifiche', key: 'Crea una chiave per questo browser', register: 'Registra questo browser', verify: 'Verifica la chiave' },
  stepStates: { pending: ', da fare', active: ', in corso', done: ', completato', failed: ', non riuscito' },
  friendlyName: (browser, os) => (browser || 'Browser') + (os ? ` su ${os}` : ''),
};

export const challengePrompt: Locale['challengePrompt'] = {
  loading: 'Caricamento della richiesta di accesso…',
  timeLeft: (_, clock) => `Scade tra ${clock}`,
  timeLeftAnnouncement: s => `Scade ${new Intl.RelativeTimeFormat('it').format(s, 'second')}`,
  pickNumber: 'Scegli il numero mostrato nella schermata di accesso',
  approve: 'Approva',
  deny: 'Rifiuta',
  report: 'Vuoi segnalare questo accesso come sospetto?',
  yes: 'Sì',
  no: 'No',
  approving: 'Approvazione in corso…',
  denying: 'Rifiuto in corso…',
  approved: 'Approvato',
  answerSent: 'Risposta inviata. La schermata di accesso mostra se ha funzionato.',
  denied: 'Rifiutato',
  reported: 'Rifiutato e segnalato come sospetto',
  expired: 'Questa richiesta è scaduta',
  answered: 'Questa richiesta ha già ricevuto una risposta',
  offline: 'Il servizio non è raggiungibile. Controlla la connessione e riprova.',
  error: problem,
  retry: 'Riprova',
};

export const verifyTotpEnroll: Locale['verifyTotpEnroll'] = {
  title: "Usa un'app di autenticazione",
  intro: "Ricevi i codici di accesso da un'app come Google Authenticator, Microsoft Authenticator o 1Password, anche offline.",
  start: "Configura un'app di autenticazione",
  starting: 'Preparazione della chiave in corso…',
  scan: "Scansiona questo codice QR con la tua app di autenticazione",
  qrLabel: (account, issuer) => `Codice QR che aggiunge ${[issuer, account].filter(Boolean).join(', ') || 'questo account'} a un'app di autenticazione`,
  manual: "Non riesci a scansionarlo? Inserisci invece questa chiave nell'app:",
  copy: 'Copia la chiave',
  copied: 'Chiave copiata.',
  copyRefused: 'Il browser non ha consentito la copia. Seleziona la chiave e copiala tu.',
  codeLabel: "Codice dell'app",
  enterCode: digits => `Poi inserisci il codice di ${digits} ${plural('it', digits, { one: 'cifra', other: 'cifre' })} mostrato dall'app.`,
  confirm: 'Conferma',
  confirming: 'Verifica del codice in corso…',
  enrolled: "La tua app di autenticazione è configurata.",
  failed: "La configurazione dell'app non è stata completata.",
  retry: 'Ricomincia',
  errors: {
    'wrong-code': "Il codice non è corretto. Inserisci il codice che l'app mostra ora.",
    expired: 'Questa configurazione è scaduta. Ricomincia per ottenere una nuova chiave.',
    'rate-limited': 'Troppi tentativi. Attendi un minuto e riprova.',
    network: 'Il server non è raggiungibile. Controlla la connessione e riprova.',
    backend: 'Il server non ha potuto completare questo passaggio. Riprova più tardi.',
    setup: "Questa pagina non può configurare un'app di autenticazione.",
  },
};
