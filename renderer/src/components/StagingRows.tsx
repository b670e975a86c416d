// Files being copied to main before their transfer can start (store/stagings-store.ts), shown like the transfers
// they are about to become: name, bytes, speed, time left, a bar and Cancel.
import { useFormats, useTranslation } from '../i18n';
import { cancelStaging, stagingPace, useStagings, type Staging } from '../store/stagings-store';
import { bytesMoving } from './TransferList';

/** "512 MB of 1.5 GB · 300 MB/s · 3 s left" and the bar, for a row that shows its own name and button. */
export function StagingProgress({ staging }: { staging: Staging }) {
  const { t } = useTranslation('shell');
  const f = useFormats();
  const pace = stagingPace(staging, performance.now());
  const percent = staging.size > 0 ? Math.min(100, Math.floor((staging.received / staging.size) * 100)) : 0;
  const detail = [t('staging.copying'), ...bytesMoving(staging.received, staging.size, pace?.speed ?? 0, pace ? pace.left : null, f)];
  return (
    <>
      <div className="transfer-detail subtle">{detail.join(' · ')}</div>
      <progress max={100} value={percent} aria-label={t('transfer.progressLabel', { title: staging.name })}>{percent}%</progress>
    </>
  );
}

function StagingRow({ staging }: { staging: Staging }) {
  const { t } = useTranslation(['shell', 'common']);
  const state = t('staging.state');
  return (
    <div className="transfer-row state-uploading" role="listitem" aria-label={t('transfer.rowLabel', { title: staging.name, state })}>
      <div className="transfer-main">
        <div className="transfer-title">
          <span className="transfer-direction" aria-hidden="true">↑</span>
          <span className="transfer-name" title={staging.name}>{staging.name}</span>
          <span className="state-pill state-uploading">{state}</span>
        </div>
        <StagingProgress staging={staging} />
      </div>
      <div className="transfer-actions">
        <button type="button" className="small" onClick={() => cancelStaging(staging.key)} aria-label={t('staging.cancelLabel', { name: staging.name })}>
          {t('common:action.cancel')}
        </button>
      </div>
    </div>
  );
}

/** The group's stagings under way, or nothing. */
export function StagingList({ group }: { group: string }) {
  const { t } = useTranslation('shell');
  const stagings = useStagings((s) => s.stagings);
  const shown = stagings.filter((s) => s.group === group);
  if (shown.length === 0) return null;
  return (
    <div className="staging-list" role="list" aria-label={t('staging.label')}>
      {shown.map((s) => <StagingRow key={s.key} staging={s} />)}
    </div>
  );
}
