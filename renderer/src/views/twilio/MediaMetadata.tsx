// A media item's metadata in three views: the details, the JSON resource and the XML resource, each read from
// Twilio when first shown. Tabs follow the ARIA pattern: arrows move between them, one tab in the tab order.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { TwilioMediaView } from '../../../../main/common/methods/twilio';
import { useFormats, useTranslation } from '../../i18n';
import { useMediaResource } from './queries';
import { TwilioError } from './TwilioError';

type Tab = 'details' | 'json' | 'xml';
const TABS: Tab[] = ['details', 'json', 'xml'];
/** The resource views' names: formats, the same in every language. */
const FORMAT_NAME = { json: 'JSON', xml: 'XML' } as const;
/** What the clipboard was asked to take, and whether it did: said in the reader's language when shown. */
type Copied = { what: 'url' | 'json' | 'xml'; ok: boolean };

export function MediaMetadata({ accountId, media }: { accountId: string; media: TwilioMediaView }) {
  const { t } = useTranslation('twilio');
  const f = useFormats();
  const [tab, setTab] = useState<Tab>('details');
  const [copied, setCopied] = useState<Copied>();
  const ids = useId();
  const tabRefs = useRef<Record<Tab, HTMLButtonElement | null>>({ details: null, json: null, xml: null });
  const json = useMediaResource(media, accountId, 'json', tab === 'json');
  const xml = useMediaResource(media, accountId, 'xml', tab === 'xml');
  const resource = tab === 'json' ? json : tab === 'xml' ? xml : undefined;

  useEffect(() => setCopied(undefined), [media.sid]);

  const onTabKey = (event: KeyboardEvent) => {
    const index = TABS.indexOf(tab);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = TABS[(index + step + TABS.length) % TABS.length] ?? 'details';
    setTab(next);
    tabRefs.current[next]?.focus();
  };

  const copy = (text: string, what: Copied['what']) =>
    void navigator.clipboard.writeText(text).then(
      () => setCopied({ what, ok: true }),
      () => setCopied({ what, ok: false }),
    );
  const text = resource?.data;
  const format = tab === 'details' ? '' : FORMAT_NAME[tab];
  const copiedText = !copied
    ? ''
    : copied.what === 'url'
      ? t(copied.ok ? 'meta.urlCopied' : 'meta.urlNotCopied')
      : t(copied.ok ? 'meta.codeCopied' : 'meta.codeNotCopied', { format: FORMAT_NAME[copied.what] });

  return (
    <section className="twilio-meta" aria-label={t('meta.label')}>
      <div role="tablist" aria-label={t('meta.views')} className="twilio-tabs" onKeyDown={onTabKey}>
        {TABS.map((value) => (
          <button
            key={value}
            ref={(el) => {
              tabRefs.current[value] = el;
            }}
            type="button"
            role="tab"
            id={`${ids}-tab-${value}`}
            aria-selected={tab === value}
            aria-controls={`${ids}-panel`}
            tabIndex={tab === value ? 0 : -1}
            onClick={() => setTab(value)}
          >
            {value === 'details' ? t('meta.details') : FORMAT_NAME[value]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${ids}-panel`} aria-labelledby={`${ids}-tab-${tab}`} className="twilio-tabpanel">
        {tab === 'details' ? (
          <dl className="twilio-facts">
            <dt>{t('meta.type')}</dt>
            <dd>{media.contentType ?? t('media.unknownType')}</dd>
            <dt>{t('meta.added')}</dt>
            <dd>{f.dateTime(media.dateCreated)}</dd>
            <dt>{t('meta.mediaSid')}</dt>
            <dd className="mono">{media.sid}</dd>
            <dt>{t('meta.messageSid')}</dt>
            <dd className="mono">{media.messageSid}</dd>
            <dt>{t('meta.savedAs')}</dt>
            <dd className="mono">{media.fileName}</dd>
            <dt id={`${ids}-url`}>{t('meta.mediaUrl')}</dt>
            <dd className="twilio-url">
              <input type="text" readOnly value={media.mediaUrl} aria-labelledby={`${ids}-url`} onFocus={(e) => e.target.select()} />
              <button type="button" className="small" onClick={() => copy(media.mediaUrl, 'url')}>
                {t('meta.copyUrl')}
              </button>
            </dd>
            <dd className="twilio-url-hint hint">{t('meta.urlHint')}</dd>
          </dl>
        ) : resource?.isError ? (
          <TwilioError error={resource.error} onRetry={() => void resource.refetch()} />
        ) : text === undefined ? (
          <p className="subtle" role="status">
            {t('meta.reading', { format })}
          </p>
        ) : (
          <>
            <pre className="twilio-code" tabIndex={0} aria-label={t('meta.resourceAs', { format })}>
              {text}
            </pre>
            <button type="button" className="small" onClick={() => copy(text, tab === 'xml' ? 'xml' : 'json')}>
              {t('meta.copyCode', { format })}
            </button>
          </>
        )}
        <p className="twilio-copied" role="status">
          {copiedText}
        </p>
      </div>
    </section>
  );
}
