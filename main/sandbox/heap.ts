// V8's setting for a process that is the sandbox and nothing else: the standalone command (`npm run sandbox`) and the
// benchmark's server. Not for the app that embeds the sandbox, which keeps V8's defaults.
//
// Why: each piece of an upload that Node's HTTP parser hands over (64 KiB) is a new buffer outside V8's heap. In a
// process whose heap is small (the bundled sandbox holds about 10 MB), V8 then started incremental marking after
// nearly every scavenge: 33 to 39 full mark-compacts per GiB received, which doubled the sandbox's CPU time for an
// upload (measured on Node 20: 2.2 to 2.5 s per GiB instead of 1.0 to 1.3 s). Without incremental marking, the same
// uploads cause no mark-compact at all; a full collection of a heap this small, when one is due, takes a few ms.
import v8 from 'node:v8';

/** Call it first thing in a process that only runs the sandbox. */
export function tuneHeapForUploads(): void {
  v8.setFlagsFromString('--no-incremental-marking');
}
