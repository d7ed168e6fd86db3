/** Japanese (です/ます). */
import { explain } from './format.js';
import type { Locale } from './locale.js';

const unit = (mode: string) => (mode === 'numeric' ? '桁' : '文字');
const problem = explain(
  {
    network: 'サーバーに接続できません。接続を確認して、もう一度お試しください。',
    storage: 'このブラウザのストレージを使用できません。このサイトのデータ保存を許可するか、プライベートブラウズを終了してから、もう一度お試しください。',
    signIn: 'サインインを確認できませんでした。もう一度サインインしてから、お試しください。',
    reEnroll: 'このブラウザの登録は無効になっています。登録を解除してから、もう一度登録してください。',
    devices: '登録できる端末の数が上限に達しています。ほかの端末の登録を解除してから、もう一度お試しください。',
    rate: '試行回数が多すぎます。1分ほど待ってから、もう一度お試しください。',
  },
  code => `エラーが発生しました${code ? `（コード ${code}）` : ''}。`,
);

export const otpInput: Locale['otpInput'] = {
  label: 'ワンタイムコード',
  filledIn: 'コードが入力されました',
  required: (length, mode) => `${length}${unit(mode)}のコードを入力してください。`,
  incomplete: (length, mode) => `コードを${length}${unit(mode)}すべて入力してください。`,
};

export const verifyEnroll: Locale['verifyEnroll'] = {
  title: 'このブラウザでサインインを承認',
  intro: 'このブラウザを登録すると、コードを入力する代わりにワンクリックでサインインを承認できます。',
  enroll: 'このブラウザを登録',
  checking: 'このブラウザを確認しています…',
  enrolling: 'このブラウザを登録しています…',
  enrolled: 'このブラウザはサインインの承認に登録されています。',
  failed: '登録を完了できませんでした。',
  error: problem,
  retry: 'もう一度試す',
  remove: 'このブラウザの登録を解除',
  removing: 'このブラウザの登録を解除しています…',
  removed: 'このブラウザの登録を解除しました。今後、サインインのリクエストは届きません。',
  fallback: 'このブラウザはこのサイトからの通知を受け取れないため、このページを開いている間にサインインのリクエストを確認します。',
  steps: { permission: '通知を許可', key: 'このブラウザの鍵を作成', register: 'このブラウザを登録', verify: '鍵を確認' },
  stepStates: { pending: '、未実行', active: '、実行中', done: '、完了', failed: '、失敗' },
  friendlyName: (browser, os) => (browser || 'ブラウザ') + (os ? `（${os}）` : ''),
};

export const challengePrompt: Locale['challengePrompt'] = {
  loading: 'サインインのリクエストを読み込んでいます…',
  timeLeft: (_, clock) => `残り${clock}`,
  timeLeftAnnouncement: s => `${new Intl.RelativeTimeFormat('ja').format(s, 'second')}に期限切れになります。`,
  pickNumber: 'サインイン画面に表示されている番号を選んでください',
  approve: '承認',
  deny: '拒否',
  report: '不審なサインインとして報告しますか？',
  yes: 'はい',
  no: 'いいえ',
  approving: '承認しています…',
  denying: '拒否しています…',
  approved: '承認しました',
  answerSent: '回答を送信しました。結果はサインイン画面に表示されます。',
  denied: '拒否しました',
  reported: '拒否し、不審なサインインとして報告しました',
  expired: 'このリクエストは期限切れです',
  answered: 'このリクエストは応答済みです',
  offline: 'サービスに接続できません。接続を確認して、もう一度お試しください。',
  error: problem,
  retry: '再試行',
};

export const verifyTotpEnroll: Locale['verifyTotpEnroll'] = {
  title: '認証アプリを使う',
  intro: 'Google Authenticator、Microsoft Authenticator、1Password などのアプリで、オフラインでもサインイン用のコードを受け取れます。',
  start: '認証アプリを設定',
  starting: 'キーを準備しています…',
  scan: '認証アプリでこの QR コードをスキャンしてください',
  qrLabel: (account, issuer) => `${[issuer, account].filter(Boolean).join('、') || 'このアカウント'}を認証アプリに追加する QR コード`,
  manual: 'スキャンできない場合は、代わりにこのキーをアプリに入力してください：',
  copy: 'キーをコピー',
  copied: 'キーをコピーしました。',
  copyRefused: 'ブラウザがコピーを許可しませんでした。キーを選択して手動でコピーしてください。',
  codeLabel: 'アプリに表示されたコード',
  enterCode: digits => `次に、アプリに表示されている${digits}桁のコードを入力してください。`,
  confirm: '確認',
  confirming: 'コードを確認しています…',
  enrolled: '認証アプリの設定が完了しました。',
  failed: '認証アプリの設定を完了できませんでした。',
  retry: 'やり直す',
  errors: {
    'wrong-code': 'コードが正しくありません。アプリに今表示されているコードを入力してください。',
    expired: 'この設定は期限切れです。やり直して新しいキーを取得してください。',
    'rate-limited': '試行回数が多すぎます。1分ほど待ってから、もう一度お試しください。',
    network: 'サーバーに接続できません。接続を確認して、もう一度お試しください。',
    backend: 'サーバーでこの手順を完了できませんでした。しばらくしてから、もう一度お試しください。',
    setup: 'このページでは認証アプリを設定できません。',
  },
};
