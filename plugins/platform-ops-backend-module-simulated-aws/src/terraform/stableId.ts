/**
 * Deterministic ids for what AWS assigns at apply (ALB DNS ids, distribution ids): a hash
 * of what is declared, so applying the same Terraform twice gives the same account.
 */
export function stableNumber(...parts: string[]): number {
  // FNV-1a, 32 bits.
  let hash = 0x811c9dc5;
  for (const ch of parts.join('|')) {
    hash ^= ch.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** `length` characters of `alphabet` derived from `parts`. */
export function stableId(length: number, alphabet: string, ...parts: string[]): string {
  let out = '';
  let seed = stableNumber(...parts);
  for (let i = 0; i < length; i++) {
    seed = stableNumber(String(seed), String(i));
    out += alphabet[seed % alphabet.length];
  }
  return out;
}
