import { useMemo, useState } from 'react';
import { ErrorSummary, RadioGroup, SelectField, SubmitButton, TextField, useForm } from './form';
import { dayMs, defaultPeriod, MAX_DAYS, type Period } from '../lib/analyticsView';
import { browserZone, COMMON_ZONES } from '../lib/zonedTime';

/**
 * The period filter of the analytics pages (dashboard, practice): from/to days, week or month, and the zone the
 * buckets are counted in — `initialZone` (the therapist's practice zone) or this device's, unless another is
 * chosen. `period` changes only on "Show".
 */
export function usePeriod(initialZone?: string) {
  const [period, setPeriod] = useState<Period>(() => defaultPeriod(initialZone ?? browserZone()));
  const form = useForm({ from: period.from, to: period.to, bucket: period.bucket as string, zone: period.zone }, (v) => {
    const errors: Partial<Record<'from' | 'to', string>> = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v.from)) errors.from = 'Enter the first day, like 2026-01-05';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v.to)) errors.to = 'Enter the last day, like 2026-03-29';
    if (!errors.from && !errors.to) {
      if (dayMs(v.to) < dayMs(v.from)) errors.to = 'The last day must be on or after the first day';
      else if ((dayMs(v.to) - dayMs(v.from)) / 86_400_000 + 1 > MAX_DAYS) errors.to = 'Choose at most two years';
    }
    return errors;
  });
  const apply = form.handleSubmit(async (v) => {
    setPeriod({ from: v.from, to: v.to, bucket: v.bucket === 'month' ? 'month' : 'week', zone: v.zone });
  });
  return { period, form, apply };
}

export function PeriodForm({ state, busy, practiceZone }: {
  state: ReturnType<typeof usePeriod>; busy: boolean; practiceZone?: string;
}) {
  const { form, apply } = state;
  const zoneOptions = useMemo(() => {
    const zones = [practiceZone, browserZone(), ...COMMON_ZONES]
      .filter((z): z is string => !!z).filter((z, i, a) => a.indexOf(z) === i);
    const note = (z: string) => [z === practiceZone && 'your practice', z === browserZone() && 'this device'].filter(Boolean).join(', ');
    return zones.map((z) => ({ value: z, label: note(z) ? `${z} (${note(z)})` : z }));
  }, [practiceZone]);
  return (
    <form onSubmit={apply} noValidate className="dash-filters" aria-label="Period">
      <ErrorSummary form={form} labels={{ from: 'From', to: 'To' }} />
      <TextField form={form} name="from" label="From" type="date" />
      <TextField form={form} name="to" label="To" type="date" />
      <RadioGroup form={form} name="bucket" legend="Group by" options={[{ value: 'week', label: 'Week (from Monday)' }, { value: 'month', label: 'Month' }]} />
      <SelectField form={form} name="zone" label="Time zone" options={zoneOptions} />
      <SubmitButton submitting={busy}>Show</SubmitButton>
    </form>
  );
}
