// Loaded by <verify-enroll> only when it names a new factor, so pages that never enroll skip it.

const pick = (text: string, names: [RegExp, string][]) => names.find(([re]) => re.test(text))?.[1] ?? '';

/** The browser and OS from the user agent: enough to tell one's own devices apart, nothing more. */
export function describeBrowser(): [string, string] {
  const ua = navigator.userAgent;
  const browser = pick(ua, [[/Edg\//, 'Edge'], [/OPR\//, 'Opera'], [/Firefox\//, 'Firefox'], [/Chrome\//, 'Chrome'], [/Safari\//, 'Safari']]);
  const hinted = (navigator as Navigator & { userAgentData?: { platform: string } }).userAgentData?.platform;
  return [browser, hinted || pick(ua, [[/Android/, 'Android'], [/iPhone|iPad/, 'iOS'], [/Mac OS/, 'macOS'], [/Windows/, 'Windows'], [/CrOS/, 'ChromeOS'], [/Linux/, 'Linux']])];
}
