// The app's side of the `bulk` figures, in a process of its own (started by bulk.ts): an access list applied to
// every file of a folder the way the library job does it (files a few at a time, each save allowed to finish), and a
// clean-up run over every media of one message the way the clean-up does it. Prints one JSON line with the times.
import { normalizeAcl, type Acl } from '../../main/common/library-acl.js';
import { LIBRARY_JOB_CONCURRENCY } from '../../main/app/runners/library-jobs.js';
import { applyAclToMany, LibraryClient } from '../../main/providers/library/index.js';
import { createTwilioClient, runCleanup, type CleanupPlan } from '../../main/providers/twilio/index.js';
import { RUN_CONCURRENCY } from '../../main/app/twilio-cleanup.js';
import type { LibrarySetup, TwilioSetup } from './lib/protocol.js';

interface AclArgs {
  kind: 'acl';
  setup: LibrarySetup;
  folder: string;
  acl: Acl;
}
interface CleanupArgs {
  kind: 'cleanup';
  setup: TwilioSetup;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

async function acl(args: AclArgs) {
  const client = new LibraryClient(args.setup);
  // The job reads the folder first (the lock-out rule needs every item): counted, as the user waits for it too.
  const cpu = process.cpuUsage();
  const started = performance.now();
  const folder = await client.getFolder(args.folder);
  const targets = folder.files.map((f) => ({ folder: args.folder, file: f.name }));
  const results = await applyAclToMany(client, targets, normalizeAcl(args.acl), { concurrency: LIBRARY_JOB_CONCURRENCY, finishInFlight: true });
  const ms = performance.now() - started;
  return { ms, cpuMs: cpuMs(cpu), items: results.length, failed: results.filter((r) => !r.ok).length };
}

async function cleanup(args: CleanupArgs) {
  const { setup } = args;
  const client = createTwilioClient({ baseUrl: setup.baseUrl, accountSid: setup.accountSid, credential: { kind: 'authToken', authToken: setup.authToken } });
  // The plan (the dry run's list) is made before the clock starts: the figure is the deleting.
  const items: CleanupPlan['items'] = [];
  for await (const media of client.iterateMedia(setup.messageSid, { pageSize: 1000 })) {
    if (media.sid === null || media.date_created_iso === null) continue;
    items.push({ messageSid: setup.messageSid, mediaSid: media.sid, contentType: media.content_type, dateCreated: media.date_created_iso, from: null, to: null });
  }
  const day = new Date().toISOString().slice(0, 10);
  const plan: CleanupPlan = { criteria: { dateFrom: '2000-01-01', dateTo: day }, items, count: items.length, messagesScanned: 1, plannedAt: new Date().toISOString() };
  const cpu = process.cpuUsage();
  const started = performance.now();
  const run = await runCleanup(client, plan, { concurrency: RUN_CONCURRENCY });
  const ms = performance.now() - started;
  return { ms, cpuMs: cpuMs(cpu), items: run.results.length, failed: run.results.length - run.totals.deleted };
}

const args = JSON.parse(process.argv[2] ?? '{}') as AclArgs | CleanupArgs;
(args.kind === 'acl' ? acl(args) : cleanup(args)).then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  },
  (err: unknown) => {
    process.stderr.write(`bulk-worker: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(1);
  },
);
