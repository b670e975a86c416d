// Downloading media: choose a folder (the OS dialog in Electron; in the browser host its Downloads folder, shown
// here, since a web page cannot show the dialog), then names already in the folder are asked about with the app's
// conflict question (the library's too), and the downloads go to the transfer queue. The folder travels as main's
// grant id. Each step is its own modal dialog, shown while it is the step.
import { useEffect, useState, type ReactNode } from 'react';
import { Trans, useTranslation } from '../../i18n';
import { ConflictDialog, type ConflictDecision } from '../../components/ConflictDialog';
import { useModalDialog } from '../../hooks/useModalDialog';
import type { FolderGrant } from '../../../../main/common/contract';
import type { TwilioDownloadExisting, TwilioMediaView } from '../../../../main/common/methods/twilio';
import { call } from '../../bridge';
import { TwilioError } from './TwilioError';

type Decision = TwilioDownloadExisting | 'skip';
type Step =
  | { kind: 'picking' }
  | { kind: 'folder'; folder: FolderGrant }
  | { kind: 'checking'; folder: FolderGrant }
  | { kind: 'conflict'; folder: FolderGrant; conflicts: string[] }
  | { kind: 'queueing' }
  | { kind: 'failed'; error: unknown };

/** Twilio's word for "replace" in a download is "overwrite" (the file on this computer). */
const twilioExisting = (decision: ConflictDecision): Decision => (decision === 'replace' ? 'overwrite' : decision);

function StepDialog({ title, onCancel, children }: { title: string; onCancel: () => void; children: ReactNode }) {
  const ref = useModalDialog();
  return (
    <dialog
      ref={ref}
      className="dialog wide"
      aria-labelledby="twilio-download-title"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id="twilio-download-title">{title}</h2>
      {children}
    </dialog>
  );
}

export type DownloadOutcome =
  | { kind: 'queued'; text: string; transfers: readonly string[]; destination: string }
  /** Every name already there was skipped. */
  | { kind: 'skipped' }
  /** "Cancel all" (or Escape) at the conflict question. */
  | { kind: 'cancelled' };

interface DownloadFlowProps {
  accountId: string;
  items: TwilioMediaView[];
  /** Called with what happened, for its notice; undefined when the user closed a step before anything was asked. */
  onDone: (outcome?: DownloadOutcome) => void;
}

export function DownloadFlow({ accountId, items, onDone }: DownloadFlowProps) {
  const { t } = useTranslation(['twilio', 'common']);
  const [step, setStep] = useState<Step>({ kind: 'picking' });

  const queue = async (folder: FolderGrant, decisions: Record<string, Decision>) => {
    const chosen = items.filter((m) => decisions[m.fileName] !== 'skip');
    if (chosen.length === 0) return onDone({ kind: 'skipped' });
    const queued = await call('twilio.download', {
      accountId,
      grantId: folder.grantId,
      items: chosen.map((m) => {
        const decision = decisions[m.fileName];
        return { messageSid: m.messageSid, mediaSid: m.sid, ...(decision && decision !== 'skip' ? { onExisting: decision } : {}) };
      }),
    });
    onDone({ kind: 'queued', text: t('download.started', { count: queued.length, folder: folder.path }), transfers: queued.map((transfer) => transfer.id), destination: folder.path });
  };

  const check = async (folder: FolderGrant) => {
    setStep({ kind: 'checking', folder });
    try {
      const conflicts = await call('files.findExisting', { grantId: folder.grantId, names: items.map((m) => m.fileName) });
      if (conflicts.length === 0) await queue(folder, {});
      else setStep({ kind: 'conflict', folder, conflicts });
    } catch (error) {
      setStep({ kind: 'failed', error });
    }
  };

  useEffect(() => {
    let live = true;
    call('files.pickFolder', { kind: 'twilio' }).then(
      (picked) => {
        if (!live) return;
        if (picked === null) onDone();
        else if (picked.picked) void check(picked);
        else setStep({ kind: 'folder', folder: picked });
      },
      (error: unknown) => live && setStep({ kind: 'failed', error }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the flow starts: a later onDone or check must not ask for the folder again
  }, []);

  switch (step.kind) {
    case 'picking':
    case 'queueing':
      return null;
    case 'conflict':
      return (
        <ConflictDialog
          names={step.conflicts}
          where={step.folder.path}
          onCancel={() => onDone({ kind: 'cancelled' })}
          onDone={(answers) => {
            const decisions: Record<string, Decision> = {};
            for (const [name, decision] of answers) decisions[name] = twilioExisting(decision);
            setStep({ kind: 'queueing' });
            queue(step.folder, decisions).catch((error: unknown) => setStep({ kind: 'failed', error }));
          }}
        />
      );
    case 'failed':
      return (
        <StepDialog title={t('download.failed')} onCancel={() => onDone()}>
          <TwilioError error={step.error} />
          <div className="dialog-actions">
            <button type="button" autoFocus onClick={() => onDone()}>
              {t('common:action.close')}
            </button>
          </div>
        </StepDialog>
      );
    default:
      return (
        <StepDialog title={t('download.title', { count: items.length })} onCancel={() => onDone()}>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (step.kind === 'folder') void check(step.folder);
            }}
          >
            <div className="field">
              <p>
                <Trans t={t} i18nKey="download.folder" values={{ path: step.folder.path }} components={{ mono: <span className="mono" /> }} />
              </p>
              <p className="hint">
                <Trans t={t} i18nKey="download.folderHint" components={{ mono: <span className="mono" /> }} />
              </p>
            </div>
            <div className="dialog-actions">
              <button type="button" onClick={() => onDone()}>
                {t('common:action.cancel')}
              </button>
              <button type="submit" className="primary" disabled={step.kind === 'checking'}>
                {step.kind === 'checking' ? t('download.checking') : t('download.go')}
              </button>
            </div>
          </form>
        </StepDialog>
      );
  }
}
