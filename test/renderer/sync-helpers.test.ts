import { describe, expect, it } from 'vitest';
import { deviceHealth } from '../../src/renderer/src/features/sync/device-health';
import { classifySignInError } from '../../src/renderer/src/features/sync/sync-errors';
import { typedContent } from '../../src/renderer/src/features/sync/typed-content';

const NOW = Date.UTC(2026, 10, 23, 10, 0);
const MIN = 60_000;

describe('sign-in errors as the form explains them', () => {
  it('names the field the core refused, and bad credentials apart from it', () => {
    const hub = classifySignInError({ code: 'invalid_input', message: 'sync.signIn: hubUrl: Invalid URL', fields: { hubUrl: 'Invalid URL' } });
    expect(hub).toMatchObject({ kind: 'field', field: 'hubUrl' });
    // The core reports a 401 as unauthorized with the password field named: still "wrong name or password".
    expect(classifySignInError({ code: 'unauthorized', message: 'wrong username or password', fields: { password: 'x' } }).kind).toBe('credentials');
  });

  it('tells an unreachable hub, an outdated app, too many attempts and the previous user\u2019s unsent work apart', () => {
    const conflict = (message: string, fields?: Record<string, string>) => classifySignInError({ code: 'conflict', message, ...(fields ? { fields } : {}) }).kind;
    expect(conflict('the hub at http://10.0.0.5:8787 cannot be reached; check the address and the network', { hubUrl: 'unreachable' })).toBe('unreachable');
    expect(conflict('this CareCall is too old for the hub: install the update first')).toBe('update_required');
    expect(conflict('too many sign-in attempts; wait a minute and try again')).toBe('rate_limited');
    expect(conflict('2 change(s) by 李娜 have not reached the hub yet; sign in as lina to send them first')).toBe('previous_user');
    expect(conflict('the hub answered 500')).toBe('other');
  });

  it('does not blame the hub when the core itself is gone', () => {
    expect(classifySignInError({ code: 'internal', message: 'CareCall core is not reachable: TypeError: Failed to fetch' }).kind).toBe('core_down');
  });
});

describe('what a rejected mutation held that the user typed', () => {
  it('keeps every non-empty typed string, in a fixed order, and nothing else', () => {
    expect(typedContent({ noteId: 'n1', callId: 'c1', body: '客户说噪音大' })).toEqual([{ field: 'body', text: '客户说噪音大' }]);
    expect(typedContent({ callId: 'c1', notes: '约周三上门', disposition: 'completed', answers: { q1: 'yes' } })).toEqual([{ field: 'notes', text: '约周三上门' }]);
    expect(typedContent({ ticketId: 't', symptom: '不制冷', department: '' }).map((c) => c.field)).toEqual(['symptom']);
    expect(typedContent({ taskId: 't', agentId: 'a' })).toEqual([]);
    expect(typedContent({ body: '   ' })).toEqual([]);
    expect(typedContent(null)).toEqual([]);
    expect(typedContent(['body'])).toEqual([]);
  });
});

describe('team devices a lead should look at', () => {
  const device = { pending: 0, oldestPendingAt: null, heartbeatAt: NOW - MIN };
  it('flags work waiting over an hour, not under', () => {
    expect(deviceHealth({ ...device, pending: 2, oldestPendingAt: NOW - 61 * MIN }, NOW).stalePending).toBe(true);
    expect(deviceHealth({ ...device, pending: 2, oldestPendingAt: NOW - 59 * MIN }, NOW).stalePending).toBe(false);
    expect(deviceHealth(device, NOW)).toEqual({ stalePending: false, silent: false });
  });
  it('flags a device silent for over 15 minutes, or never heard from', () => {
    expect(deviceHealth({ ...device, heartbeatAt: NOW - 16 * MIN }, NOW).silent).toBe(true);
    expect(deviceHealth({ ...device, heartbeatAt: NOW - 14 * MIN }, NOW).silent).toBe(false);
    expect(deviceHealth({ ...device, heartbeatAt: null }, NOW).silent).toBe(true);
  });
});
