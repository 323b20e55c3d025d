import { api } from '../../api/client';
import { INSTRUMENTS, type Instrument, type Measure } from '../../api/measures';
import type { Page } from '../../api/types';
import { LoadState } from '../../components/LoadState';
import { MeasureHistory, MeasureTrend } from '../../components/MeasureHistory';
import { useLoad } from '../../lib/useLoad';
import '../../styles/measures.css';

/**
 * A client's PHQ-9 / GAD-7 scores over time, beside the journal's mood, on the therapist's client page. Read only
 * with an active journal grant (journal-service checks it and logs the read); otherwise the "no grant" state.
 */
export default function ClientMeasures({ clientId, name, granted, zone }: { clientId: string; name: string; granted: boolean; zone: string }) {
  return (
    <section aria-labelledby="client-measures">
      <h2 id="client-measures">Questionnaires</h2>
      {granted ? <Granted clientId={clientId} name={name} zone={zone} /> : (
        <p className="empty" data-testid="measures-no-grant">
          You can see {name}’s PHQ-9 and GAD-7 results only while they share their journal with you.
        </p>
      )}
    </section>
  );
}

function Granted({ clientId, name, zone }: { clientId: string; name: string; zone: string }) {
  const measures = useLoad(() => api.get<Page<Measure>>(`/api/journals/${clientId}/measures?limit=100`), [clientId]);
  return (
    <LoadState loading={measures.loading} error={measures.error} hasData={!!measures.data} onRetry={measures.reload} label="questionnaire results">
      {measures.data && (measures.data.items.length === 0 ? (
        <p className="empty" data-testid="measures-none">{name} has not filled in a questionnaire yet.</p>
      ) : (
        <>
          <div className="measure-trends">
            {(Object.keys(INSTRUMENTS) as Instrument[]).map((id) => (
              <MeasureTrend key={id} instrument={id} measures={measures.data!.items.filter((m) => m.instrument === id)} />
            ))}
          </div>
          <MeasureHistory measures={measures.data.items} zone={zone} caption={`${name}’s questionnaire results, newest first`} testId="client-measures" />
        </>
      ))}
    </LoadState>
  );
}
