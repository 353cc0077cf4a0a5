/**
 * Moves the core's clock of a browser host started with --test-clock (POST /test/clock, token
 * from the app's URL): `{ setTo }` an instant, or `{ advanceMs }` from where it is.
 */
export async function moveCoreClock(appUrl: string, move: { setTo: number } | { advanceMs: number }): Promise<void> {
  const parsed = new URL(appUrl);
  const response = await fetch(`${parsed.origin}/test/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-carecall-token': parsed.searchParams.get('token') ?? '' },
    body: JSON.stringify(move),
  });
  if (response.status !== 200) throw new Error(`moving the core's clock: HTTP ${response.status} ${await response.text()}`);
}
