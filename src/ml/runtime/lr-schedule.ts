/** Learning rate: linear warm-up to `peak`, then cosine decay to `final` at the last step. */
export interface LearningRateSchedule {
  peak: number;
  warmupSteps: number;
  final: number;
}

/** The rate used for update number `step` (0-based) of a run of `steps` updates. */
export function learningRateAt(step: number, steps: number, schedule: LearningRateSchedule): number {
  const { peak, warmupSteps, final } = schedule;
  if (step < warmupSteps) return (peak * (step + 1)) / warmupSteps;
  const decaySteps = Math.max(1, steps - warmupSteps - 1);
  const progress = Math.min(1, (step - warmupSteps) / decaySteps);
  return final + 0.5 * (peak - final) * (1 + Math.cos(Math.PI * progress));
}
