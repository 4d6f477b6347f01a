/**
 * The clip editor's second ruler: a step between labelled ticks that leaves at least `minPx`
 * between labels at the current zoom, and labels a producer reads at a glance (m:ss past a minute).
 */
const STEPS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600];

export function secondsStep(pxPerSecond: number, minPx = 56): number {
  return STEPS.find((step) => step * pxPerSecond >= minPx) ?? STEPS[STEPS.length - 1];
}

/** Tick times from `from` to `to` seconds, on multiples of `step`. */
export function secondsTicks(from: number, to: number, step: number): number[] {
  const ticks: number[] = [];
  // integer multiples, so 0.1 × 3 prints as 0.3 rather than 0.30000000000000004
  for (let i = Math.max(0, Math.ceil(from / step - 1e-9)); i * step <= to + 1e-9; i++) ticks.push(Number((i * step).toFixed(3)));
  return ticks;
}

export function formatSeconds(seconds: number, step: number): string {
  if (seconds >= 60 && step >= 1) {
    const m = Math.floor(seconds / 60);
    return `${m}:${String(Math.round(seconds - m * 60)).padStart(2, '0')}`;
  }
  const decimals = step >= 1 ? 0 : step >= 0.1 ? 1 : 2;
  return `${seconds.toFixed(decimals)} s`;
}
