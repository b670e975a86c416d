// Memory figures from /proc (Linux): the resident set now, its peak, and resetting the peak.
import fs from 'node:fs';

const KIB = 1024;

/** A field of /proc/<pid>/status in bytes (VmRSS, VmHWM…), or undefined where /proc is not there. */
export function statusBytes(field: 'VmRSS' | 'VmHWM', pid: number | 'self' = 'self'): number | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return match?.[1] === undefined ? undefined : Number(match[1]) * KIB;
}

/** Resets this process's VmHWM to its current RSS (Linux 4.0+: "5" into clear_refs); false where that fails. */
export function resetPeakRss(): boolean {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}
