// A media item's metadata in three views: the details, the JSON resource and the XML resource, each read from
// Twilio when first shown. Tabs follow the ARIA pattern: arrows move between them, one tab in the tab order.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { TwilioMediaView } from '../../../../main/common/methods/twilio';
import { formatDateTime } from './format';
import { useMediaResource } from './queries';
import { TwilioError } from './TwilioError';

type Tab = 'details' | 'json' | 'xml';
const TABS: Array<[Tab, string]> = [
  ['details', 'Details'],
  ['json', 'JSON'],
  ['xml', 'XML'],
];

export function MediaMetadata({ accountId, media }: { accountId: string; media: TwilioMediaView }) {
  const [tab, setTab] = useState<Tab>('details');
  const [copied, setCopied] = useState<string>();
  const ids = useId();
  const tabRefs = useRef<Record<Tab, HTMLButtonElement | null>>({ details: null, json: null, xml: null });
  const json = useMediaResource(media, accountId, 'json', tab === 'json');
  const xml = useMediaResource(media, accountId, 'xml', tab === 'xml');
  const resource = tab === 'json' ? json : tab === 'xml' ? xml : undefined;

  useEffect(() => setCopied(undefined), [media.sid]);

  const onTabKey = (event: KeyboardEvent) => {
    const index = TABS.findIndex(([t]) => t === tab);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = TABS[(index + step + TABS.length) % TABS.length]?.[0] ?? 'details';
    setTab(next);
    tabRefs.current[next]?.focus();
  };

  const copy = (text: string, what: string) =>
    void navigator.clipboard.writeText(text).then(
      () => setCopied(`${what} copied.`),
      () => setCopied(`Could not reach the clipboard: select the ${what.toLowerCase()} and copy it.`),
    );
  const text = resource?.data;

  return (
    <section className="twilio-meta" aria-label="Metadata">
      <div role="tablist" aria-label="Metadata views" className="twilio-tabs" onKeyDown={onTabKey}>
        {TABS.map(([value, label]) => (
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
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${ids}-panel`} aria-labelledby={`${ids}-tab-${tab}`} className="twilio-tabpanel">
        {tab === 'details' ? (
          <dl className="twilio-facts">
            <dt>Type</dt>
            <dd>{media.contentType ?? 'unknown'}</dd>
            <dt>Added</dt>
            <dd>{formatDateTime(media.dateCreated)}</dd>
            <dt>Media SID</dt>
            <dd className="mono">{media.sid}</dd>
            <dt>Message SID</dt>
            <dd className="mono">{media.messageSid}</dd>
            <dt>Saved as</dt>
            <dd className="mono">{media.fileName}</dd>
            <dt id={`${ids}-url`}>Media URL</dt>
            <dd className="twilio-url">
              <input type="text" readOnly value={media.mediaUrl} aria-labelledby={`${ids}-url`} onFocus={(e) => e.target.select()} />
              <button type="button" className="small" onClick={() => copy(media.mediaUrl, 'Media URL')}>
                Copy URL
              </button>
            </dd>
            <dd className="twilio-url-hint hint">Twilio asks for the account's SID and token to open it; Media Desk never puts them in the URL.</dd>
          </dl>
        ) : resource?.isError ? (
          <TwilioError error={resource.error} onRetry={() => void resource.refetch()} />
        ) : text === undefined ? (
          <p className="subtle" role="status">
            Reading the {tab.toUpperCase()} from Twilio…
          </p>
        ) : (
          <>
            <pre className="twilio-code" tabIndex={0} aria-label={`The media resource as ${tab.toUpperCase()}`}>
              {text}
            </pre>
            <button type="button" className="small" onClick={() => copy(text, tab.toUpperCase())}>
              Copy {tab.toUpperCase()}
            </button>
          </>
        )}
        <p className="twilio-copied" role="status">
          {copied ?? ''}
        </p>
      </div>
    </section>
  );
}
