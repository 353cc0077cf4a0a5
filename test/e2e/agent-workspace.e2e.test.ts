import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { QueueRow } from '../../src/shared/api/contract';
import type { AnswerValue } from '../../src/shared/domain/model';
import { localize } from '../../src/shared/scripts/script-interpreter';
import type { Script } from '../../src/shared/scripts/script-schema';
import { useTempDirs } from '../support/temp-dir';
import { apiFromTest, openApp, openTaskFromQueue, useBrowser } from './support/browser';
import { useHosts, type HostProcess } from './support/host-process';
import { planCall, shippedScript, type PlannedStep } from './support/script-plan';

const tempDir = useTempDirs();
const browser = useBrowser();
const startHost = useHosts();
let host: HostProcess | null = null;

const zh = (text: Parameters<typeof localize>[0]) => localize(text, 'zh-CN');

/** A customer with two open callbacks: one to call, one to reach their history through afterwards. */
async function pickTask(url: string): Promise<{ task: QueueRow; sibling: QueueRow; script: Script }> {
  // Today's group is the one the queue opens on, so the keyboard test can reach the task without a click.
  const { rows } = await apiFromTest(url, 'queue.list', {
    filter: { types: ['routine_early', 'routine_stable', 'routine_long_term', 'post_resolution'] },
    group: 'today',
    offset: 0,
    limit: 500,
  });
  const all = (await apiFromTest(url, 'queue.list', { filter: {}, offset: 0, limit: 500 })).rows;
  for (const task of rows) {
    const sibling = all.find((r) => r.customerId === task.customerId && r.taskId !== task.taskId);
    if (sibling) return { task, sibling, script: shippedScript(task.type) };
  }
  throw new Error('the demo workspace has no customer with two open callbacks');
}

async function answerWithMouse(page: Page, planned: PlannedStep): Promise<void> {
  const { step, answer } = planned;
  if (!step.question || answer === undefined) return;
  const type = step.question.type;
  if (type === 'yesno') await page.getByTestId(answer ? 'answer-yes' : 'answer-no').click();
  else if (type === 'choice') await page.getByTestId(`answer-option-${String(answer)}`).click();
  else if (type === 'score') await page.getByTestId(`answer-score-${String(answer)}`).click();
  else if (type === 'nps') await page.getByTestId(`answer-nps-${String(answer)}`).click();
  else await page.getByTestId('answer-text').fill(String(answer));
}

async function answerWithKeyboard(page: Page, planned: PlannedStep): Promise<void> {
  const { step, answer } = planned;
  if (!step.question || answer === undefined) return;
  const q = step.question;
  if (q.type === 'yesno') await page.keyboard.press(answer ? '1' : '2');
  else if (q.type === 'choice') await page.keyboard.press(String(q.options!.findIndex((o) => o.value === answer) + 1));
  else if (q.type === 'score' || q.type === 'nps') {
    for (const digit of String(answer as number)) await page.keyboard.press(digit);
  } else {
    // The text answer field takes focus when its step appears.
    await page.keyboard.type(String(answer));
  }
}

async function expectStep(page: Page, planned: PlannedStep): Promise<void> {
  await expect.poll(() => page.getByTestId('step-title').textContent()).toBe(zh(planned.step.title));
}

describe('agent workspace in a real browser', () => {
  it('walks a callback with the mouse: script with a branch, notes, score, history, and it survives a reload', { timeout: 120_000 }, async () => {
    host = await startHost(tempDir());
    const { page, errors } = await openApp(browser(), host.url);
    await page.getByTestId('queue-list').waitFor();
    const counts = await apiFromTest(host.url, 'queue.counts', { filter: {} });
    await expect.poll(() => page.getByTestId('count-overdue').textContent()).toContain(String(counts.overdue));
    expect(await page.getByTestId('queue-row').count()).toBeGreaterThan(0);

    const { task, sibling, script } = await pickTask(host.url);
    const plan = planCall(script, task.tier);
    expect(plan.branched).toBe(true);
    await openTaskFromQueue(page, task);
    const [first, ...rest] = plan.steps;
    await expectStep(page, first!);
    // The placeholders are filled with the customer's title and the agent's name and number.
    const say = await page.getByTestId('step-say').textContent();
    expect(say).toContain('王晓敏');
    expect(say).toContain('CS1024');
    expect(say).not.toContain('{{');

    await page.getByTestId('notes').fill('客户反映夜间有异响，约好周五上门检查。');
    await expect.poll(() => page.getByTestId('save-status').getAttribute('data-state')).toBe('saved');
    for (const planned of [first!, ...rest.slice(0, 2)]) {
      await expectStep(page, planned);
      await answerWithMouse(page, planned);
      await page.getByTestId('next-step').click();
    }
    await expect.poll(() => page.getByTestId('save-status').getAttribute('data-state')).toBe('saved');
    // Reload mid-call: the notes and the answers so far are still there, and the call resumes.
    await page.reload();
    await page.getByTestId('queue-list').waitFor();
    await openTaskFromQueue(page, task);
    await expect.poll(() => page.getByTestId('notes').inputValue()).toBe('客户反映夜间有异响，约好周五上门检查。');
    await expectStep(page, rest[2]!);
    for (const planned of rest.slice(2)) {
      await expectStep(page, planned);
      await answerWithMouse(page, planned);
      if (!planned.step.end) await page.getByTestId('next-step').click();
    }
    await page.getByTestId('step-end').waitFor();
    await page.getByTestId('finish-call').click();
    await page.getByTestId('queue-list').waitFor();

    const detail = await apiFromTest(host.url, 'customer.get', { customerId: task.customerId });
    const call = detail.calls.find((c) => c.taskId === task.taskId)!;
    expect(call).toMatchObject({ disposition: 'completed', satisfaction: 5, nps: 10, notes: '客户反映夜间有异响，约好周五上门检查。' });
    expect(call.answers).toEqual(plan.answers);

    // History shows it, also after a reload.
    await page.reload();
    await page.getByTestId('queue-list').waitFor();
    await openTaskFromQueue(page, sibling);
    await page.getByTestId('open-history').click();
    const entry = page.getByTestId('history-entry').filter({ hasText: '客户反映夜间有异响' });
    await entry.waitFor();
    expect(await entry.textContent()).toContain('10');
    // Answers read as the questions the script asked, not as their storage keys.
    const npsStep = script.steps.find((s) => s.question?.key === 'nps')!;
    await expect.poll(() => entry.locator('[data-key="nps"]').textContent()).toContain(zh(npsStep.title));
    expect(errors).toEqual([]);
  });

  it('keeps notes typed a moment before leaving the call, on that call only', { timeout: 120_000 }, async () => {
    host = await startHost(tempDir());
    const { page, errors } = await openApp(browser(), host.url);
    await page.getByTestId('queue-list').waitFor();
    const { task, sibling } = await pickTask(host.url);
    await openTaskFromQueue(page, task);
    // Leave before the autosave's pause has passed: the text is still saved, against this call.
    await page.getByTestId('notes').fill('刚记下就离开');
    await page.getByTestId('back-to-queue').click();
    await page.getByTestId('queue-list').waitFor();
    await openTaskFromQueue(page, sibling);
    await expect.poll(() => page.getByTestId('notes').inputValue()).toBe('');
    await page.getByTestId('back-to-queue').click();
    await openTaskFromQueue(page, task);
    await expect.poll(() => page.getByTestId('notes').inputValue()).toBe('刚记下就离开');
    const siblingOpened = await apiFromTest(host.url, 'task.open', { taskId: sibling.taskId });
    expect(siblingOpened.draft?.notes ?? '').toBe('');
    expect(errors).toEqual([]);
  });

  it('puts back notes and answers that never reached the core after a reload, and saves them', { timeout: 120_000 }, async () => {
    host = await startHost(tempDir());
    const { page } = await openApp(browser(), host.url);
    await page.getByTestId('queue-list').waitFor();
    const { task, script } = await pickTask(host.url);
    const plan = planCall(script, task.tier);
    await openTaskFromQueue(page, task);
    await page.getByTestId('next-step').click(); // the opening has no question
    // The core stops answering (host gone, disk full): saving fails and says so.
    await page.route('**/api/call', (route) => route.abort());
    await answerWithMouse(page, plan.steps[1]!);
    await page.getByTestId('notes').fill('断网时记下的内容');
    await expect.poll(() => page.getByTestId('save-status').getAttribute('data-state'), { timeout: 10_000 }).toBe('error');
    await page.unroute('**/api/call');
    await page.reload();
    await page.getByTestId('queue-list').waitFor();
    await openTaskFromQueue(page, task);
    await expect.poll(() => page.getByTestId('notes').inputValue()).toBe('断网时记下的内容');
    await expect.poll(() => page.getByTestId('save-status').getAttribute('data-state')).toBe('saved');
    const opened = await apiFromTest(host.url, 'task.open', { taskId: task.taskId });
    expect(opened.draft?.notes).toBe('断网时记下的内容');
    expect(opened.draft?.answers).toEqual({ [plan.steps[1]!.step.question!.key]: plan.steps[1]!.answer });
  });

  it('does the whole call with the keyboard only', { timeout: 120_000 }, async () => {
    host = await startHost(tempDir());
    const { page, errors } = await openApp(browser(), host.url);
    await page.getByTestId('queue-list').waitFor();
    const { task, script } = await pickTask(host.url);
    const plan = planCall(script, task.tier);
    await page.keyboard.press('/');
    await page.keyboard.type(task.phoneMasked.slice(-4));
    await expect.poll(() => page.getByTestId('queue-row').first().textContent()).toContain(task.customerName);
    await page.keyboard.press('Escape');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    for (const planned of plan.steps) {
      await expectStep(page, planned);
      await answerWithKeyboard(page, planned);
      if (!planned.step.end) await page.keyboard.press('Alt+ArrowRight');
    }
    await page.keyboard.press('Alt+KeyN');
    await page.keyboard.type('全程键盘操作');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('queue-list').waitFor();
    const detail = await apiFromTest(host.url, 'customer.get', { customerId: task.customerId });
    const call = detail.calls.find((c) => c.taskId === task.taskId)!;
    expect(call).toMatchObject({ disposition: 'completed', notes: '全程键盘操作', satisfaction: 5, nps: 10 });
    expect(call.answers).toEqual(plan.answers as Record<string, AnswerValue>);
    expect(errors).toEqual([]);
  });

  it('rejects invalid input with a message and keeps what was typed', { timeout: 120_000 }, async () => {
    host = await startHost(tempDir());
    const { page } = await openApp(browser(), host.url);
    await page.getByTestId('queue-list').waitFor();
    const { task, script } = await pickTask(host.url);
    await openTaskFromQueue(page, task);
    const plan = planCall(script, task.tier);
    await page.getByTestId('next-step').click(); // opening has no question
    await expectStep(page, plan.steps[1]!);
    // No answer yet: the step does not move on, and says why.
    await page.getByTestId('next-step').click();
    await expect.poll(() => page.getByTestId('step-error').textContent()).toBeTruthy();
    await expectStep(page, plan.steps[1]!);
    await page.getByTestId('notes').fill('客户说现在不方便');
    // Busy, but no time agreed: the core refuses, the call stays open, the notes stay.
    await page.getByTestId('disposition-customer_busy').click();
    await page.getByTestId('finish-call').click();
    await page.getByTestId('error').waitFor();
    // The reason is said in the agent's language (call:reschedule.*), not as the core's field name.
    expect(await page.getByTestId('error').textContent()).toContain('客户在忙时，请约定回拨时间');
    expect(await page.getByTestId('notes').inputValue()).toBe('客户说现在不方便');
    // A time in the past is refused as well.
    await page.getByTestId('reschedule-custom').fill('2020-01-01T10:00');
    await page.getByTestId('finish-call').click();
    await expect.poll(() => page.getByTestId('error').textContent()).toContain('回拨时间必须晚于现在');
    // Tomorrow at 12:30 in the page's zone is the customer's lunch break, an evening, a rest day or a holiday:
    // refused by the calendar and the calling windows, each reason saying to pick another time (另选).
    const tomorrow = new Date(Date.now() + 86_400_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    await page.getByTestId('reschedule-custom').fill(`${tomorrow.getFullYear()}-${pad(tomorrow.getMonth() + 1)}-${pad(tomorrow.getDate())}T12:30`);
    await page.getByTestId('finish-call').click();
    await expect.poll(() => page.getByTestId('error').textContent()).toMatch(/回拨时间(不在可拨打时段内|在休息日|在法定节假日).*另选/);
    // A suggested slot is accepted and the task is rescheduled.
    await page.getByTestId('slot').first().click();
    await page.getByTestId('finish-call').click();
    await page.getByTestId('queue-list').waitFor();
    const opened = await apiFromTest(host.url, 'task.open', { taskId: task.taskId });
    expect(opened.task.status).toBe('rescheduled');
  });
});
