/** One printed figure of `alea bench`: the value, what it is measured against, and the target. */
export interface BenchFigure {
  group: string;
  name: string;
  value: number;
  unit: string;
  /** what the value is compared with, measured in the same run */
  reference?: { name: string; value: number; unit: string };
  /** value / reference (or the figure the target is about) */
  ratio?: number;
  /** e.g. "≥ 20×" */
  target?: string;
  /** whether the target is met, when there is one */
  met?: boolean;
}

export function formatFigure(figure: BenchFigure): string {
  const value = `${formatNumber(figure.value)} ${figure.unit}`;
  const parts = [`${figure.group.padEnd(11)} ${figure.name.padEnd(44)} ${value.padStart(16)}`];
  if (figure.reference) parts.push(`vs ${figure.reference.name} ${formatNumber(figure.reference.value)} ${figure.reference.unit}`);
  if (figure.ratio !== undefined) parts.push(`ratio ${formatNumber(figure.ratio)}×`);
  if (figure.target) parts.push(`target ${figure.target} ${figure.met === true ? 'met' : figure.met === false ? 'NOT met' : ''}`.trim());
  return parts.join('  ');
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(2);
}
