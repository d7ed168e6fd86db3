// Loaded on the first start only, so the QR encoder costs nothing up front. lean-qr: of the QR
// encoders on npm it is the smallest (3.5 kB min+gzip, against 3.8 kB for uqr, 6.9 kB for
// @paulmillr/qr and 7.4 kB for qrcode-generator, measured with esbuild as scripts/size.mjs does),
// MIT, without dependencies, typed, and released regularly (2.7.x in 2026). Not its 2 kB "nano"
// export: that one always writes an ECI header (UTF-8), which some scanners do not read, where the
// full encoder writes a plain ASCII URI without one.
import { generate } from 'lean-qr';

/** `text`'s QR code: its width in modules, and its dark modules as one SVG path (one rectangle per run). */
export function qrPath(text: string): { size: number; d: string } {
  const code = generate(text);
  let d = '';
  for (let y = 0; y < code.size; y++) {
    for (let x = 0; x < code.size; x++) {
      if (!code.get(x, y)) continue;
      const start = x;
      while (x + 1 < code.size && code.get(x + 1, y)) x++;
      d += `M${start} ${y}h${x + 1 - start}v1H${start}z`;
    }
  }
  return { size: code.size, d };
}
