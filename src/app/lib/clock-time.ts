/**
 * A time of day as "14:05:09", without Intl: the first toLocaleTimeString on a page loads the
 * browser's date formatting, a 50+ ms task measured in headless Chromium, for a tooltip's clock.
 */
export function clockTime(epochMs: number): string {
  const at = new Date(epochMs);
  return [at.getHours(), at.getMinutes(), at.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}
