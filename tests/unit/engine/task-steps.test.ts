// Live work split into tasks: a pause yields only once its task has run its budget, and a yield
// lets a timer queued before it run first (the page gets its turn).
import { describe, expect, it } from 'vitest';
import { nextTask, noPause, taskPause } from '../../../src/engine/task-steps.ts';

describe('task steps', () => {
  it('nextTask resolves after a timer queued before it', async () => {
    const order: string[] = [];
    setTimeout(() => order.push('timer'), 0);
    await nextTask();
    order.push('after');
    expect(order).toEqual(['timer', 'after']);
  });

  it('a task pause yields only once its budget is spent', async () => {
    const order: string[] = [];
    const pause = taskPause(1000);
    setTimeout(() => order.push('timer'), 0);
    await pause(); // well within the budget: no yield
    order.push('within');
    const spent = taskPause(0);
    await spent(); // over budget: yields, the timer runs first
    order.push('spent');
    expect(order).toEqual(['within', 'timer', 'spent']);
  });

  it('noPause never yields', async () => {
    const order: string[] = [];
    setTimeout(() => order.push('timer'), 0);
    await noPause();
    order.push('after');
    expect(order).toEqual(['after']);
  });
});
