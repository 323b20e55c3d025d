/** PHQ-9 and GAD-7 (API.md "Measures (journal-service)"): types, the questions' standard wording, severity words. */

export type Instrument = 'PHQ-9' | 'GAD-7';
export type Severity = 'minimal' | 'mild' | 'moderate' | 'moderately severe' | 'severe';

export interface Measure {
  measureId: string;
  instrument: Instrument;
  answers: number[];
  score: number;
  severity: Severity;
  completedAt: string;
  safetyFollowUp: boolean;
}

/** The 201 answer: the measure, plus the practice's crisis resources text when safetyFollowUp. */
export interface CompletedMeasure extends Measure {
  crisisResources?: string;
}

export interface InstrumentInfo {
  id: Instrument;
  title: string;
  about: string;
  maxScore: number;
  questions: string[];
}

export const STEM = 'Over the last 2 weeks, how often have you been bothered by any of the following problems?';

export const ANSWER_OPTIONS = [
  { value: '0', label: 'Not at all' },
  { value: '1', label: 'Several days' },
  { value: '2', label: 'More than half the days' },
  { value: '3', label: 'Nearly every day' },
];

export const INSTRUMENTS: Record<Instrument, InstrumentInfo> = {
  'PHQ-9': {
    id: 'PHQ-9',
    title: 'PHQ-9 (mood)',
    about: 'Nine questions about low mood and depression.',
    maxScore: 27,
    questions: [
      'Little interest or pleasure in doing things',
      'Feeling down, depressed, or hopeless',
      'Trouble falling or staying asleep, or sleeping too much',
      'Feeling tired or having little energy',
      'Poor appetite or overeating',
      'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
      'Trouble concentrating on things, such as reading the newspaper or watching television',
      'Moving or speaking so slowly that other people could have noticed — or the opposite, being so fidgety or restless that you have been moving around a lot more than usual',
      'Thoughts that you would be better off dead, or of hurting yourself in some way',
    ],
  },
  'GAD-7': {
    id: 'GAD-7',
    title: 'GAD-7 (anxiety)',
    about: 'Seven questions about worry and anxiety.',
    maxScore: 21,
    questions: [
      'Feeling nervous, anxious, or on edge',
      'Not being able to stop or control worrying',
      'Worrying too much about different things',
      'Trouble relaxing',
      'Being so restless that it is hard to sit still',
      'Becoming easily annoyed or irritable',
      'Feeling afraid, as if something awful might happen',
    ],
  },
};

export function severityLabel(s: Severity): string {
  return s[0].toUpperCase() + s.slice(1);
}
