import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { ANSWER_OPTIONS, INSTRUMENTS, STEM, severityLabel, type CompletedMeasure, type Instrument, type Measure } from '../../api/measures';
import type { Page } from '../../api/types';
import { ErrorSummary, RadioGroup, SubmitButton, useForm, type Errors } from '../../components/form';
import { LoadState } from '../../components/LoadState';
import { MeasureHistory, MeasureTrend } from '../../components/MeasureHistory';
import { PageHeading } from '../../components/PageHeading';
import { loadProfile, zoneOf } from '../../lib/clientProfile';
import { useLoad } from '../../lib/useLoad';
import { useSession } from '../../session/session';
import '../../styles/measures.css';

export default function Questionnaires() {
  const { me } = useSession();
  const clientId = me!.userId;
  const profile = useLoad(() => loadProfile(clientId), [clientId]);
  const zone = zoneOf(profile.data);
  const [active, setActive] = useState<Instrument | null>(null);
  const [result, setResult] = useState<CompletedMeasure | null>(null);
  const [version, setVersion] = useState(0);
  const history = useLoad(() => api.get<Page<Measure>>(`/api/journals/${clientId}/measures?limit=50`), [clientId, version]);

  const start = (id: Instrument) => { setResult(null); setActive(id); };
  return (
    <>
      <PageHeading>Questionnaires</PageHeading>
      <p>Two short, widely used questionnaires help you and your therapist see how you have been over time.
        Your results are kept with your journal: a therapist sees them only while you share your journal with them (under Sharing), and each time they look it shows in your access log.</p>

      {result && <Result result={result} />}

      <section aria-labelledby="choose-title">
        <h2 id="choose-title">Fill in a questionnaire</h2>
        <ul className="measure-choices">
          {(Object.keys(INSTRUMENTS) as Instrument[]).map((id) => (
            <li key={id}>
              <button type="button" className={`button${active === id ? '' : ' button--secondary'}`} aria-pressed={active === id} onClick={() => start(id)}>
                {INSTRUMENTS[id].title}
              </button>
              <span className="hint"> {INSTRUMENTS[id].about}</span>
            </li>
          ))}
        </ul>
        {active && (
          <QuestionnaireForm key={`${active}-${version}`} instrument={active} clientId={clientId}
            onDone={(r) => { setResult(r); setActive(null); setVersion((v) => v + 1); }} />
        )}
      </section>

      <section aria-labelledby="history-title">
        <h2 id="history-title">Your results</h2>
        <LoadState loading={history.loading} error={history.error} hasData={!!history.data} onRetry={history.reload} label="your results">
          {history.data && (history.data.items.length === 0
            ? <p className="empty" data-testid="no-measures">No questionnaires yet. Your results will appear here.</p>
            : (
              <>
                <div className="measure-trends">
                  {(Object.keys(INSTRUMENTS) as Instrument[]).map((id) => (
                    <MeasureTrend key={id} instrument={id} measures={history.data!.items.filter((m) => m.instrument === id)} />
                  ))}
                </div>
                <MeasureHistory measures={history.data.items} zone={zone} caption="Your questionnaire results, newest first" testId="measure-history" />
              </>
            ))}
        </LoadState>
      </section>
    </>
  );
}

function Result({ result }: { result: CompletedMeasure }) {
  const info = INSTRUMENTS[result.instrument];
  const heading = useRef<HTMLHeadingElement>(null);
  // the form that had focus is gone: move focus to what replaced it
  useEffect(() => { (result.safetyFollowUp ? document.getElementById('crisis-title') : heading.current)?.focus(); }, [result]);
  return (
    <section aria-labelledby="result-title" className="measure-result" data-testid="measure-result">
      {result.safetyFollowUp && (
        <div className="crisis" role="alert" data-testid="crisis-resources">
          <h2 id="crisis-title" tabIndex={-1}>Help is available now</h2>
          <p>You told us you have had thoughts of being better off dead or of hurting yourself. You do not have to face this alone.</p>
          <p className="crisis__text">{result.crisisResources}</p>
        </div>
      )}
      <h2 id="result-title" tabIndex={-1} ref={heading}>Your {result.instrument} result</h2>
      <p className="measure-score" role="status">
        Score <strong data-testid="measure-score">{result.score}</strong> of {info.maxScore}:{' '}
        <strong data-testid="measure-severity">{severityLabel(result.severity)}</strong>
      </p>
      <p className="hint">A questionnaire is not a diagnosis. Talk it through with your therapist.</p>
    </section>
  );
}

function QuestionnaireForm({ instrument, clientId, onDone }: { instrument: Instrument; clientId: string; onDone: (r: CompletedMeasure) => void }) {
  const info = INSTRUMENTS[instrument];
  const names = info.questions.map((_, i) => `q${i + 1}`);
  const initial = Object.fromEntries(names.map((n) => [n, ''])) as Record<string, string>;
  const form = useForm<Record<string, string>>(initial, (v) => {
    const e: Errors<Record<string, string>> = {};
    names.forEach((n, i) => { if (!v[n]) e[n] = `Answer question ${i + 1}`; });
    return e;
  });
  const submit = form.handleSubmit(async (v) => {
    const r = await api.post<CompletedMeasure>(`/api/journals/${clientId}/measures`, {
      instrument, answers: names.map((n) => Number(v[n])),
    });
    onDone(r);
  });
  return (
    <form onSubmit={submit} noValidate className="measure-form" aria-labelledby="measure-form-title" data-testid={`form-${instrument}`}>
      <h3 id="measure-form-title">{info.title}</h3>
      <ErrorSummary form={form} />
      <fieldset className="measure-questions">
        <legend>{STEM}</legend>
        {info.questions.map((q, i) => (
          <RadioGroup key={names[i]} form={form} name={names[i]} legend={`${i + 1}. ${q}`} options={ANSWER_OPTIONS} />
        ))}
      </fieldset>
      <SubmitButton submitting={form.submitting}>See my result</SubmitButton>
    </form>
  );
}
