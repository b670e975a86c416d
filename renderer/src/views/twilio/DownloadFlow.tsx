// Downloading media: choose a folder (the OS dialog in Electron; in the browser host its Downloads folder, shown
// here, since a web page cannot show the dialog), then names already in the folder are asked about once each, with
// "do the same for the rest", and the downloads go to the transfer queue. The folder travels as main's grant id.
import { useEffect, useState } from 'react';
import { useModalDialog } from '../../hooks/useModalDialog';
import type { FolderGrant } from '../../../../main/common/contract';
import type { TwilioDownloadExisting, TwilioMediaView } from '../../../../main/common/methods/twilio';
import { call } from '../../bridge';
import { plural } from './format';
import { TwilioError } from './TwilioError';

type Decision = TwilioDownloadExisting | 'skip';
type Step =
  | { kind: 'picking' }
  | { kind: 'folder'; folder: FolderGrant }
  | { kind: 'checking'; folder: FolderGrant }
  | { kind: 'conflict'; folder: FolderGrant; conflicts: string[]; index: number; decisions: Record<string, Decision> }
  | { kind: 'failed'; error: unknown };

interface DownloadFlowProps {
  accountId: string;
  items: TwilioMediaView[];
  /** Called with what happened, for the panel's status line; undefined when the user cancelled. */
  onDone: (outcome?: string) => void;
}

export function DownloadFlow({ accountId, items, onDone }: DownloadFlowProps) {
  const [step, setStep] = useState<Step>({ kind: 'picking' });
  const [applyToAll, setApplyToAll] = useState(false);
  const dialog = useModalDialog(step.kind !== 'picking');

  const queue = async (folder: FolderGrant, decisions: Record<string, Decision>) => {
    const chosen = items.filter((m) => decisions[m.fileName] !== 'skip');
    if (chosen.length === 0) return onDone('Nothing downloaded: every file was skipped.');
    const queued = await call('twilio.download', {
      accountId,
      grantId: folder.grantId,
      items: chosen.map((m) => {
        const decision = decisions[m.fileName];
        return { messageSid: m.messageSid, mediaSid: m.sid, contentType: m.contentType, ...(decision && decision !== 'skip' ? { onExisting: decision } : {}) };
      }),
    });
    onDone(`Downloading ${plural(queued.length, 'file')} to ${folder.path}. Follow them in Transfers.`);
  };

  const check = async (folder: FolderGrant) => {
    setStep({ kind: 'checking', folder });
    try {
      const conflicts = await call('files.findExisting', { grantId: folder.grantId, names: items.map((m) => m.fileName) });
      if (conflicts.length === 0) await queue(folder, {});
      else setStep({ kind: 'conflict', folder, conflicts, index: 0, decisions: {} });
    } catch (error) {
      setStep({ kind: 'failed', error });
    }
  };

  useEffect(() => {
    let live = true;
    call('files.pickFolder', { title: 'Choose where to save the media', kind: 'twilio' }).then(
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

  const visible = step.kind !== 'picking';

  const decide = (decision: Decision) => {
    if (step.kind !== 'conflict') return;
    const decisions = { ...step.decisions };
    const rest = applyToAll ? step.conflicts.slice(step.index) : [step.conflicts[step.index] ?? ''];
    for (const name of rest) decisions[name] = decision;
    const next = step.index + rest.length;
    if (next < step.conflicts.length) return setStep({ ...step, index: next, decisions });
    setStep({ kind: 'checking', folder: step.folder });
    queue(step.folder, decisions).catch((error: unknown) => setStep({ kind: 'failed', error }));
  };

  if (!visible) return null;
  const left = step.kind === 'conflict' ? step.conflicts.length - step.index - 1 : 0;
  return (
    <dialog
      ref={dialog}
      className="dialog wide"
      aria-labelledby="twilio-download-title"
      onCancel={(event) => {
        event.preventDefault();
        onDone();
      }}
    >
      {step.kind === 'folder' || step.kind === 'checking' ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (step.kind === 'folder') void check(step.folder);
          }}
        >
          <h2 id="twilio-download-title">Download {plural(items.length, 'file')}</h2>
          <div className="field">
            <p>
              Saved in your Downloads folder, <span className="mono">{step.folder.path}</span>.
            </p>
            <p className="hint">
              It is set when the app starts (<span className="mono">--downloads FOLDER</span>). Files already there are not replaced unless you say so.
            </p>
          </div>
          <div className="dialog-actions">
            <button type="button" onClick={() => onDone()}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={step.kind === 'checking'}>
              {step.kind === 'checking' ? 'Checking…' : 'Download'}
            </button>
          </div>
        </form>
      ) : step.kind === 'conflict' ? (
        <>
          <h2 id="twilio-download-title">A file with this name is already there</h2>
          <p>
            <span className="mono">{step.conflicts[step.index]}</span> already exists in <span className="mono">{step.folder.path}</span>.
          </p>
          <p className="hint">Keep both saves the download beside it as “name (1)”; Replace overwrites the file in the folder.</p>
          {left > 0 ? (
            <label className="check">
              <input type="checkbox" checked={applyToAll} onChange={(e) => setApplyToAll(e.target.checked)} />
              Do the same for the {plural(left, 'other file')} already there
            </label>
          ) : null}
          <div className="dialog-actions">
            <button type="button" onClick={() => decide('skip')} autoFocus>
              Skip
            </button>
            <button type="button" onClick={() => decide('keepBoth')}>
              Keep both
            </button>
            <button type="button" className="danger" onClick={() => decide('overwrite')}>
              Replace
            </button>
          </div>
        </>
      ) : (
        <>
          <h2 id="twilio-download-title">The download could not start</h2>
          <TwilioError error={step.error} />
          <div className="dialog-actions">
            <button type="button" autoFocus onClick={() => onDone()}>
              Close
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
