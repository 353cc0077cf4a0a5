import { createHmac, randomBytes } from 'node:crypto';
import { normalizeProof } from '../../shared/domain/purchase-proof';

/** Why a digest and not the number, and why truncated: src/shared/domain/purchase-proof.ts. */
const VERSION = 'p1';
const DIGEST_HEX_CHARS = 5; // 20 bits

const digestOf = (salt: Buffer, proof: string): string => createHmac('sha256', salt).update(normalizeProof(proof), 'utf8').digest('hex').slice(0, DIGEST_HEX_CHARS);

/** What a purchase keeps of its order or invoice number: `p1:<salt>:<20-bit digest>`. */
export function proofDigest(proof: string, salt: Buffer = randomBytes(12)): string {
  if (normalizeProof(proof) === '') throw new Error('an empty order or invoice number has no digest');
  return `${VERSION}:${salt.toString('base64url')}:${digestOf(salt, proof)}`;
}

/** True when `proof` is (very likely) the number the digest was made of. */
export function proofMatches(digest: string, proof: string): boolean {
  const [version, salt, expected] = digest.split(':');
  if (version !== VERSION || !salt || !expected || normalizeProof(proof) === '') return false;
  return digestOf(Buffer.from(salt, 'base64url'), proof) === expected;
}
