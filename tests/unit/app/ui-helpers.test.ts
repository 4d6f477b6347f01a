// The rules behind the shared panel progress and popup menus: the percent a user reads beside a
// job's bar, and where the arrow keys take focus in a menu.
import { describe, expect, it } from 'vitest';
import { menuFocusIndex, progressPercent } from '../../../src/app/lib/ui-helpers.ts';

describe('progressPercent', () => {
  it('rounds a fraction to a whole percent', () => {
    expect(progressPercent(0)).toBe(0);
    expect(progressPercent(0.424)).toBe(42);
    expect(progressPercent(0.425)).toBe(43);
    expect(progressPercent(1)).toBe(100);
  });

  it('never shows less than 0% or more than 100%, nor NaN', () => {
    expect(progressPercent(-0.2)).toBe(0);
    expect(progressPercent(1.7)).toBe(100);
    expect(progressPercent(Number.NaN)).toBe(0);
  });
});

describe('menuFocusIndex', () => {
  it('ArrowDown enters at the first item, then steps down and wraps to the top', () => {
    expect(menuFocusIndex('ArrowDown', -1, 3)).toBe(0);
    expect(menuFocusIndex('ArrowDown', 0, 3)).toBe(1);
    expect(menuFocusIndex('ArrowDown', 2, 3)).toBe(0);
  });

  it('ArrowUp enters at the last item, then steps up and wraps to the bottom', () => {
    expect(menuFocusIndex('ArrowUp', -1, 3)).toBe(2);
    expect(menuFocusIndex('ArrowUp', 1, 3)).toBe(0);
    expect(menuFocusIndex('ArrowUp', 0, 3)).toBe(2);
  });

  it('Home and End go to the ends; other keys and empty menus move nothing', () => {
    expect(menuFocusIndex('Home', 2, 3)).toBe(0);
    expect(menuFocusIndex('End', 0, 3)).toBe(2);
    expect(menuFocusIndex('Enter', 0, 3)).toBeNull();
    expect(menuFocusIndex('ArrowDown', -1, 0)).toBeNull();
  });
});
