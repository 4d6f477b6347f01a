// Small pure rules behind the shared UI pieces (job progress, popup menus), kept here so they are tested.

/** A job's progress fraction (0..1) as the whole percent shown beside its bar, held to 0..100. */
export function progressPercent(fraction: number): number {
  if (!Number.isFinite(fraction)) return 0;
  return Math.min(100, Math.max(0, Math.round(fraction * 100)));
}

/**
 * Which menu item an arrow, Home or End key moves focus to, from `current` (-1: none focused yet),
 * among `count` items; wraps at the ends. null for any other key or an empty menu.
 */
export function menuFocusIndex(key: string, current: number, count: number): number | null {
  if (count <= 0) return null;
  switch (key) {
    case 'ArrowDown':
      return current < 0 ? 0 : (current + 1) % count;
    case 'ArrowUp':
      return current < 0 ? count - 1 : (current - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
