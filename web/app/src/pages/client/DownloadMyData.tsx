import { useState } from 'react';
import { currentAccessToken, refresh } from '../../api/client';

type Format = 'json' | 'fhir';

type State =
  | { kind: 'idle' }
  | { kind: 'working'; format: Format }
  | { kind: 'done'; filename: string }
  | { kind: 'error'; message: string };

const LABELS: Record<Format, string> = { json: 'JSON', fhir: 'FHIR R4' };

/**
 * The client's right of access (API.md "Export and calendar"): one file with everything held about them.
 * The export is fetched with the in-memory token (never put in a URL), then handed to the browser as a blob,
 * so the download needs no link that could leak the token.
 */
export function DownloadMyData({ clientId }: { clientId: string }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const busy = state.kind === 'working';

  async function download(format: Format) {
    if (busy) return;
    setState({ kind: 'working', format });
    try {
      const res = await fetchExport(clientId, format);
      if (!res.ok) {
        setState({ kind: 'error', message: failure(res.status) });
        return;
      }
      const blob = await res.blob();
      const filename = filenameOf(res.headers.get('Content-Disposition'), format);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = filename;
      document.body.appendChild(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 0);
      setState({ kind: 'done', filename });
    } catch {
      setState({ kind: 'error', message: 'The download could not reach the server. Check your connection and try again.' });
    }
  }

  return (
    <section aria-labelledby="download-title">
      <h2 id="download-title">Download my data</h2>
      <p id="download-hint">
        One file with everything held about you: your account and profile, your therapists, sessions with their
        shared notes, your journal with its private entries, questionnaires, who may read your journal and every read,
        and your messages. Your therapists&rsquo; private notes are not part of it. JSON is for reading or keeping;
        FHIR R4 is the format other health record systems import.
      </p>
      <div className="actions">
        {(['json', 'fhir'] as Format[]).map((format) => (
          <button key={format} type="button" className={format === 'json' ? 'button' : 'button button--secondary'}
            onClick={() => void download(format)} aria-disabled={busy || undefined} aria-describedby="download-hint"
            data-testid={`download-${format}`}>
            {busy && state.format === format ? 'Preparing…' : `Download as ${LABELS[format]}`}
          </button>
        ))}
      </div>
      <p className="status-line" role="status" data-testid="download-status">
        {state.kind === 'working' && `Preparing your ${LABELS[state.format]} file…`}
        {state.kind === 'done' && `Downloaded ${state.filename}.`}
      </p>
      {state.kind === 'error' && <p className="field-error" role="alert" data-testid="download-error">{state.message}</p>}
    </section>
  );
}

async function fetchExport(clientId: string, format: Format): Promise<Response> {
  const send = () => fetch(`/api/clients/${encodeURIComponent(clientId)}/export?format=${format}`, {
    headers: { Accept: format === 'fhir' ? 'application/fhir+json' : 'application/json', Authorization: `Bearer ${currentAccessToken() ?? ''}` },
    credentials: 'same-origin',
    cache: 'no-store',
  });
  const first = await send();
  if (first.status === 401 && (await refresh())) return send();
  return first;
}

function failure(status: number): string {
  if (status === 503 || status === 502 || status === 504) {
    return 'Part of your data could not be collected just now, so nothing was downloaded (we never give you half of it). Try again in a minute.';
  }
  if (status === 401) return 'Your session has ended. Sign in again to download your data.';
  if (status === 404) return 'There is no data to download for this account.';
  if (status === 429) return 'Too many requests. Wait a minute and try again.';
  return `The download failed (${status}). Try again.`;
}

function filenameOf(disposition: string | null, format: Format): string {
  const match = disposition?.match(/filename="([^"]+)"/);
  return match ? match[1] : `therapyms-export${format === 'fhir' ? '.fhir' : ''}.json`;
}
