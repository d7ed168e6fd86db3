/** One DER INTEGER from a big-endian unsigned value: minimal length, 0x00 first when the top bit is set. */
function integer(bytes: Uint8Array): number[] {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  const value = [...bytes.subarray(i)];
  if (value[0] & 0x80) value.unshift(0);
  return [0x02, value.length, ...value];
}

/**
 * WebCrypto's raw ECDSA signature (`r||s`, 32 bytes each for P-256) as DER
 * `SEQUENCE { INTEGER r, INTEGER s }`, the form the factor proof must take. At most 72 bytes, so
 * every length fits in one byte.
 */
export function rawToDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  const body = [...integer(raw.subarray(0, half)), ...integer(raw.subarray(half))];
  return new Uint8Array([0x30, body.length, ...body]);
}
