import type { ApiError } from '../../../../shared/api/result';

export type SignInField = 'hubUrl' | 'username' | 'password';

/**
 * Why a sign-in failed, in the terms the form explains it: a field the core refused, the name
 * and password, a hub that cannot be reached, wants a newer app or is being hammered, unsent
 * work of the previous user, the core itself gone, or anything else (shown with the core's words).
 */
export type SignInFailure =
  | { kind: 'field'; field: SignInField; error: ApiError }
  | {
      kind: 'credentials' | 'unreachable' | 'update_required' | 'rate_limited' | 'previous_user' | 'core_down' | 'other';
      error: ApiError;
    };

const FIELDS: readonly SignInField[] = ['hubUrl', 'username', 'password'];

/*
 * The core's refusals other than a bad field or bad credentials arrive as `conflict` with an
 * English sentence (src/main/sync/sync-service.ts `explain`), so they are told apart by wording.
 * Anything not recognised still shows, as "other" with that sentence.
 */
// The HTTP bridge's wording when the core itself is gone (transport/http-bridge.ts).
const CORE_DOWN = /CareCall core is not reachable/i;
const HUB_UNREACHABLE = /cannot be reached|unreachable|fetch failed|ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT/i;
const UPDATE_REQUIRED = /too old for the hub|install the update|update_required/i;
const RATE_LIMITED = /too many sign-in attempts|rate_limited/i;
const PREVIOUS_USER = /have not reached the hub yet/i;

/** Reads the core's answer to `sync.signIn` into what the form says; the core's error stays attached. */
export function classifySignInError(error: ApiError): SignInFailure {
  if (error.code === 'invalid_input') {
    const field = FIELDS.find((name) => error.fields?.[name] !== undefined);
    return field ? { kind: 'field', field, error } : { kind: 'other', error };
  }
  if (error.code === 'unauthorized') return { kind: 'credentials', error };
  if (CORE_DOWN.test(error.message)) return { kind: 'core_down', error };
  if (error.fields?.hubUrl === 'unreachable' || HUB_UNREACHABLE.test(error.message)) return { kind: 'unreachable', error };
  if (UPDATE_REQUIRED.test(error.message)) return { kind: 'update_required', error };
  if (RATE_LIMITED.test(error.message)) return { kind: 'rate_limited', error };
  if (PREVIOUS_USER.test(error.message)) return { kind: 'previous_user', error };
  return { kind: 'other', error };
}
