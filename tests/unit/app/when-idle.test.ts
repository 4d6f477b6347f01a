import { afterEach, describe, expect, it, vi } from 'vitest';
import { whenIdle } from '../../../src/app/lib/when-idle.ts';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('work deferred until the page is idle', () => {
  it('waits its delay, then asks for an idle moment no later than maxWaitMs', () => {
    vi.useFakeTimers();
    const idle = vi.fn((_work: () => void, _options: { timeout: number }) => 7);
    vi.stubGlobal('requestIdleCallback', idle);
    const work = vi.fn();
    whenIdle(work, 1500, 2000);
    vi.advanceTimersByTime(1499);
    expect(idle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(idle).toHaveBeenCalledTimes(1);
    expect(idle.mock.calls[0][1]).toEqual({ timeout: 2000 });
    expect(work).not.toHaveBeenCalled(); // not before the idle moment
    idle.mock.calls[0][0]();
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('runs on its delay alone where the browser has no requestIdleCallback (Safari)', () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestIdleCallback', undefined);
    const work = vi.fn();
    whenIdle(work, 800);
    vi.advanceTimersByTime(799);
    expect(work).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('is cancelled before its delay, and while it waits for the idle moment', () => {
    vi.useFakeTimers();
    const cancelIdle = vi.fn();
    vi.stubGlobal('requestIdleCallback', () => 42);
    vi.stubGlobal('cancelIdleCallback', cancelIdle);
    const early = vi.fn();
    whenIdle(early, 500)();
    vi.advanceTimersByTime(1000);
    expect(early).not.toHaveBeenCalled();
    expect(cancelIdle).not.toHaveBeenCalled();

    const late = vi.fn();
    const cancel = whenIdle(late, 500);
    vi.advanceTimersByTime(500);
    cancel();
    expect(cancelIdle).toHaveBeenCalledWith(42);
  });
});
