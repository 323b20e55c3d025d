import { api } from '../api/client';
import { ApiError } from '../api/problem';
import type { ClientProfile, Therapist } from '../api/portal';
import { browserZone } from './time';

/** The signed-in client's profile, or null before they created one (404). */
export async function loadProfile(clientId: string): Promise<ClientProfile | null> {
  try {
    return await api.get<ClientProfile>(`/api/clients/${clientId}`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

export function zoneOf(profile: ClientProfile | null | undefined): string {
  return profile?.timezone || browserZone();
}

export interface LinkedTherapist { therapistId: string; name: string; linkedAt: string }

/** Linked therapists; none before the client has a profile (404). */
export async function loadLinkedTherapists(clientId: string): Promise<LinkedTherapist[]> {
  try {
    return await listAll<LinkedTherapist>(`/api/clients/${clientId}/therapists`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return [];
    throw e;
  }
}

const nameCache = new Map<string, Promise<string>>();

/** A therapist's name for a line of a list; the id's start when the directory does not know it. */
export function therapistName(id: string): Promise<string> {
  let p = nameCache.get(id);
  if (!p) {
    p = api.get<Therapist>(`/api/therapists/${id}`).then((t) => t.name, () => 'a therapist');
    nameCache.set(id, p);
  }
  return p;
}

export async function therapistNames(ids: string[]): Promise<Record<string, string>> {
  const unique = [...new Set(ids)];
  const names = await Promise.all(unique.map(therapistName));
  return Object.fromEntries(unique.map((id, i) => [id, names[i]]));
}

export async function listAll<T>(path: string): Promise<T[]> {
  const sep = path.includes('?') ? '&' : '?';
  const items: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 10; i++) {
    const page: { items: T[]; nextCursor: string | null } = await api.get(`${path}${sep}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return items;
}
