/**
 * Parses a key ring `kid:base64key,kid2:base64key`. Every key must decode to exactly 32 bytes
 * (AES-256). Throws without ever including key material in the message.
 */
export function parseKeyRing(spec: string): Map<string, Buffer> {
  const ring = new Map<string, Buffer>();
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const idx = part.indexOf(':');
    if (idx <= 0) throw new Error('key ring entry is not kid:base64key');
    const kid = part.slice(0, idx);
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(kid)) throw new Error('key id must be 1–32 of [A-Za-z0-9_-]');
    const b64 = part.slice(idx + 1);
    if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(b64)) throw new Error(`key ${kid} is not base64`);
    const key = Buffer.from(b64, 'base64');
    if (key.length !== 32) throw new Error(`key ${kid} must be 32 bytes`);
    if (ring.has(kid)) throw new Error(`key ${kid} is listed twice`);
    ring.set(kid, key);
  }
  if (ring.size === 0) throw new Error('key ring is empty');
  return ring;
}
