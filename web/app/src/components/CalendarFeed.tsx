import { useRef, useState } from 'react';
import { api } from '../api/client';
import { ApiError } from '../api/problem';
import { Checkbox, ErrorSummary, SubmitButton, useForm } from './form';
import { Confirm } from './Confirm';
import { LoadState } from './LoadState';
import { useLoad } from '../lib/useLoad';
import '../styles/calendar-feed.css';

/** GET /api/calendar/feed: whether a feed exists (its URL is shown only once, when it is made). */
interface FeedStatus { includeNames: boolean; createdAt: string }

async function loadStatus(): Promise<FeedStatus | null> {
  try {
    return await api.get<FeedStatus>('/api/calendar/feed');
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

/**
 * "Subscribe in my calendar": a secret iCalendar URL of the user's sessions for their calendar app. The URL
 * lives in this component's state only (never storage): it is shown once, then only replaced or revoked.
 */
export function CalendarFeed({ otherParty }: { otherParty: 'therapist' | 'client' }) {
  const status = useLoad(loadStatus, []);
  const [url, setUrl] = useState<string | null>(null);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const [revoked, setRevoked] = useState(false);
  const urlRef = useRef<HTMLInputElement>(null);
  const form = useForm({ includeNames: 'false' }, () => ({}));
  const exists = url !== null || (status.data != null && !revoked);

  const submit = form.handleSubmit(async (v) => {
    const created = await api.post<{ url: string }>('/api/calendar/feed', { includeNames: v.includeNames === 'true' });
    setUrl(created.url);
    setCopyState('idle');
    setRevoked(false);
    await status.reload();
    urlRef.current?.focus();
  });

  const copy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setCopyState('copied');
    } catch {
      // no clipboard (an insecure origin, a refused permission): select the text for a manual copy
      urlRef.current?.select();
      setCopyState('manual');
    }
  };

  return (
    <section aria-labelledby="calendar-feed-title" className="calendar-feed" data-testid="calendar-feed">
      <h2 id="calendar-feed-title">Subscribe in my calendar</h2>
      <p>
        Add your sessions to the calendar app on your phone or computer. The calendar shows each session&apos;s
        date and time, whether it is confirmed or cancelled, and a link back here — never notes or anything
        else about your care. It covers the last 30 days and the next year.
      </p>
      <p>
        The link is private: anyone who has it can see your session times, without signing in. Don&apos;t share
        it. You can replace it or turn it off here at any time.
      </p>
      <LoadState loading={status.loading} error={status.error} hasData={status.data !== undefined} onRetry={status.reload} label="your calendar link">
        {url && (
          <div className="calendar-feed__url" data-testid="calendar-feed-url">
            <label htmlFor="calendar-feed-link">Your calendar link</label>
            <p className="hint" id="calendar-feed-link-hint">
              Paste it into your calendar app as a subscription (&ldquo;From URL&rdquo; or &ldquo;Subscribe to calendar&rdquo;). It is
              shown only now.
            </p>
            <div className="calendar-feed__row">
              <input id="calendar-feed-link" ref={urlRef} type="text" readOnly value={url} aria-describedby="calendar-feed-link-hint" onFocus={(e) => e.target.select()} />
              <button type="button" className="button" onClick={copy}>Copy link</button>
            </div>
            <p role="status" className="calendar-feed__copied" data-testid="calendar-feed-copy-status">
              {copyState === 'copied' ? 'Link copied.' : copyState === 'manual' ? 'Copying is not available here: the link is selected, copy it with Ctrl+C or ⌘C.' : ''}
            </p>
          </div>
        )}
        {!url && exists && status.data && (
          <p data-testid="calendar-feed-state">
            You have a calendar link{status.data.includeNames ? ` that shows your ${otherParty}'s name` : ' without names'}. For
            safety it cannot be shown again: make a new one if you need it.
          </p>
        )}
        {!exists && <p data-testid="calendar-feed-state">You have no calendar link.</p>}
        <form onSubmit={submit} noValidate className="narrow">
          <ErrorSummary form={form} />
          <Checkbox
            form={form}
            name="includeNames"
            label={`Include your ${otherParty}'s name`}
            hint={`Off: every session is called "Therapy session". On: "Therapy session with" and the name — anyone who sees your calendar sees it too.`}
          />
          {exists && <p className="hint">Making a new link turns the old one off.</p>}
          <SubmitButton submitting={form.submitting} busyLabel="Making your link…">
            {exists ? 'Make a new calendar link' : 'Make my calendar link'}
          </SubmitButton>
        </form>
        {exists && (
          <Confirm
            trigger="Turn off my calendar link"
            testId="calendar-feed-revoke"
            question={<><strong>Turn off your calendar link?</strong> Calendar apps subscribed to it stop getting your sessions, and the link stops working for anyone who has it.</>}
            confirmLabel="Yes, turn it off"
            onConfirm={async () => {
              try {
                await api.del('/api/calendar/feed');
              } catch (e) {
                // already off (another tab, an erasure): the outcome the user asked for
                if (!(e instanceof ApiError && e.status === 404)) throw e;
              }
              setUrl(null);
              setRevoked(true);
              await status.reload();
            }}
          />
        )}
        {revoked && !exists && <p role="status" data-testid="calendar-feed-revoked">Your calendar link is turned off.</p>}
      </LoadState>
    </section>
  );
}
