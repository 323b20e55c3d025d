import { useEffect, useState } from 'react';
import { isReachable, probe, subscribeConnectivity } from '../api/connectivity';

/** Shown while the API cannot be reached; probes on its own and on "Try again". */
export function ConnectionBanner() {
  const [reachable, setReachable] = useState(isReachable());
  const [checking, setChecking] = useState(false);
  useEffect(() => subscribeConnectivity(setReachable), []);
  if (reachable) return null;
  const retry = async () => {
    setChecking(true);
    await probe();
    setChecking(false);
  };
  return (
    <div className="banner banner--warning" role="alert" data-testid="connection-banner">
      <p>
        <strong>We can't reach the server right now.</strong> Nothing you have typed is lost; we keep
        trying, and you can try again yourself.
      </p>
      <button type="button" className="button button--secondary" onClick={retry} aria-disabled={checking || undefined}>
        {checking ? 'Checking…' : 'Try again'}
      </button>
    </div>
  );
}
