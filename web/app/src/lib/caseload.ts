import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { Page } from '../api/types';
import type { CaseloadClient } from '../api/workspace';

/** The signed-in therapist's linked clients by id, to put names on ids (empty until loaded or on failure). */
export function useCaseloadNames(therapistId: string | undefined): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!therapistId) return;
    api.get<Page<CaseloadClient>>(`/api/therapists/${therapistId}/clients?limit=200`)
      .then((p) => setNames(Object.fromEntries(p.items.map((c) => [c.clientId, c.name]))))
      .catch(() => { /* ids stay shown as "a client"; the page's own loads report errors */ });
  }, [therapistId]);
  return names;
}
