/**
 * Phone numbers are stored whole in the core and shown masked everywhere else
 * (DOMAIN.md "Privacy"): keep the first three and last four digits, e.g. 138****5678.
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  // Drop a mainland country code so the mask lines up with the 11-digit mobile form.
  const local = digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits;
  if (local.length >= 7) {
    return `${local.slice(0, 3)}${'*'.repeat(local.length - 7)}${local.slice(-4)}`;
  }
  if (local.length >= 4) return `${'*'.repeat(local.length - 2)}${local.slice(-2)}`;
  return '*'.repeat(local.length);
}

/** Last four digits: what agents type to find a customer by phone. */
export function phoneTail(phone: string): string {
  return phone.replace(/\D/g, '').slice(-4);
}
