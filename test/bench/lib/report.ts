// Figures: one printed line each, `BENCH <name> app=<value><unit> ref=<value><unit> ratio=<app/ref>`, and the
// JSON written to bench-results.json.

export interface Target {
  /** As the issue states it, e.g. "ratio ≥ 0.9". */
  text: string;
  /** Whether this run met it; null when it cannot be judged (skipped, failed, or not comparable in --quick). */
  met: boolean | null;
}

export interface Figure {
  /** The printed name; in --quick it names the smaller size actually measured (upload.generic.64MiB). */
  name: string;
  /** The figure of the table it stands for (upload.generic.1GiB). */
  figure: string;
  unit: string;
  app: number | null;
  ref: number | null;
  ratio: number | null;
  /**
   * CPU time of the app's process over the reference's, for the same work (lower is better, unlike a throughput
   * ratio): steadier than wall times on a busy machine. Null where a reference exists but its CPU is not known.
   */
  cpu?: { app: number; ref: number | null; unit: string; ratio: number | null };
  target?: Target;
  /** Why it was not measured. */
  skipped?: string;
  /** Why the measurement failed. */
  failed?: string;
  /** How it was measured and the raw runs. */
  details?: Record<string, unknown>;
}

export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A size as the figure names write it: 1GiB, 64MiB, 2MiB. */
export function sizeLabel(bytes: number): string {
  if (bytes % GiB === 0) return `${bytes / GiB}GiB`;
  if (bytes % MiB === 0) return `${bytes / MiB}MiB`;
  return `${bytes}B`;
}

/** A count as the figure names write it: 10k, 1k, 200. */
export function countLabel(n: number): string {
  return n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n);
}

function decimals(unit: string, value: number): number {
  if (unit === 'rows' || unit === 'B' || unit === 'files') return 0;
  if (unit === 'ms') return value >= 100 ? 0 : value >= 10 ? 1 : 2;
  if (unit === 's') return 2;
  return 1;
}

export function formatValue(value: number | null, unit: string): string {
  if (value === null || !Number.isFinite(value)) return '-';
  return `${value.toFixed(decimals(unit, value))}${unit}`;
}

export function formatRatio(ratio: number | null): string {
  return ratio === null || !Number.isFinite(ratio) ? '-' : ratio.toFixed(2);
}

export function benchLine(f: Figure): string {
  if (f.skipped !== undefined) return `BENCH ${f.name} skipped: ${f.skipped}`;
  if (f.failed !== undefined) return `BENCH ${f.name} failed: ${f.failed}`;
  const line = `BENCH ${f.name} app=${formatValue(f.app, f.unit)} ref=${formatValue(f.ref, f.unit)} ratio=${formatRatio(f.ratio)}`;
  if (!f.cpu) return line;
  return `${line} cpu: app=${formatValue(f.cpu.app, f.cpu.unit)} ref=${formatValue(f.cpu.ref, f.cpu.unit)} ratio=${formatRatio(f.cpu.ratio)}`;
}

export function ratioOf(app: number | null, ref: number | null): number | null {
  return app === null || ref === null || ref === 0 ? null : app / ref;
}

/** CPU per unit of work for both sides from their runs' CPU times (medians), and app over ref. */
export function cpuFigure(appCpuMs: readonly number[], refCpuMs: readonly (number | null | undefined)[], perUnit: number, unit: string): NonNullable<Figure['cpu']> {
  const refKnown = refCpuMs.filter((v): v is number => typeof v === 'number');
  const app = median(appCpuMs) / perUnit;
  const ref = refKnown.length > 0 ? median(refKnown) / perUnit : null;
  const round = (v: number): number => Number(v.toFixed(1));
  return { app: round(app), ref: ref === null ? null : round(ref), unit, ratio: ref === null || ref === 0 ? null : Number((app / ref).toFixed(3)) };
}
