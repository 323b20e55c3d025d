/**
 * Whether the API is reachable, for the retry banner. A request that fails at the network level (or
 * gets 502/504, or a 503 without Retry-After, from the gateway) marks it unreachable; the banner probes
 * /health with backoff and on demand, and any successful request marks it reachable again.
 */
type Listener = (reachable: boolean) => void;

let reachable = true;
const listeners = new Set<Listener>();
let timer: ReturnType<typeof setTimeout> | undefined;
let delay = 2000;

export function isReachable(): boolean {
  return reachable;
}

export function subscribeConnectivity(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function markReachable(): void {
  if (timer) clearTimeout(timer);
  timer = undefined;
  delay = 2000;
  if (!reachable) {
    reachable = true;
    listeners.forEach((l) => l(true));
  }
}

export function markUnreachable(): void {
  if (reachable) {
    reachable = false;
    listeners.forEach((l) => l(false));
  }
  if (!timer) schedule();
}

function schedule(): void {
  timer = setTimeout(async () => {
    timer = undefined;
    if (!(await probe())) {
      delay = Math.min(delay * 2, 30000);
      schedule();
    }
  }, delay);
}

/** One check now (the banner's "Try again"); true when the API answers. */
export async function probe(): Promise<boolean> {
  try {
    const res = await fetch('/health', { cache: 'no-store' });
    if (res.status < 500) {
      markReachable();
      return true;
    }
  } catch {
    // still unreachable
  }
  return false;
}
