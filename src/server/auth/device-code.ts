import { randomInt } from 'node:crypto';

/** A-Z and 2-9 without 0/O and 1/I, which are misread when a ticket number is read out on the phone. */
export const DEVICE_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const DEVICE_CODE_PATTERN = /^[A-HJ-NP-Z2-9]{4}$/;

/** 32^4 ≈ 1M codes; the unique index on clients.device_code catches a repeat and we draw again. */
export function drawDeviceCode(): string {
  let code = '';
  for (let i = 0; i < 4; i++) code += DEVICE_CODE_ALPHABET[randomInt(DEVICE_CODE_ALPHABET.length)];
  return code;
}
