/**
 * Purchase proof (订单号 / 发票号): verified, never stored (DOMAIN.md "Privacy", seed 004:
 * 仅核实不记录具体号码).
 *
 * Decision. Purchases do not keep the number. When a CRM export carries it, the import keeps a
 * digest instead (purchases.proof_digest, made by src/main/services/purchase-proof.ts): a random
 * salt per purchase and the first 20 bits of HMAC-SHA256(salt, number). The number an agent types
 * on a call is digested the same way and compared; it is never written anywhere. Why truncated: an
 * order number has little entropy, so a full salted hash could be brute-forced back into the
 * number from a stolen file; 20 bits leave about a million numbers of the same length per digest,
 * so the file does not reveal the number, while a wrong number typed on a call still fails
 * 999,999 times in 1,000,000. Why not compare at import time: the agent hears the number on the
 * call, long after the import.
 *
 * Public API:
 *   normalizeProof(text): string     what is compared: NFKC, upper case, no spaces or separators
 *   PROOF_RESULTS                    'match' | 'no_match' | 'not_on_file'
 */
export const PROOF_RESULTS = ['match', 'no_match', 'not_on_file'] as const;
export type ProofResult = (typeof PROOF_RESULTS)[number];

/** 'dd-2026 1203／0042' and 'DD20261203 0042' are the same number; full-width forms fold too. */
export function normalizeProof(text: string): string {
  return text.normalize('NFKC').toUpperCase().replace(/[\s\-_/.#]/g, '');
}
