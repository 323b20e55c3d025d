import type { Role } from '../api/client';
import { Link } from '../app/router';
import { PageHeading } from './PageHeading';

const PEOPLE: Record<Role, string> = { admin: 'admins', therapist: 'therapists', client: 'clients' };

/**
 * A page that exists but is not for this account (the route's roles, or a 403 from the API). Saying so is
 * kinder than "not found": the person knows the address is right and that another account is needed.
 */
export function NotAllowed({ roles }: { roles: Role[] }) {
  const who = roles.map((r) => PEOPLE[r]);
  const list = who.length > 1 ? `${who.slice(0, -1).join(', ')} and ${who[who.length - 1]}` : who[0];
  return (
    <div data-testid="not-allowed">
      <PageHeading>You can't open this page</PageHeading>
      <p>This page is only for {list}. Your account does not have access to it, so nothing from it was shown.</p>
      <p>If you need it, ask an administrator of the practice.</p>
      <p><Link to="/">Go to your home page</Link></p>
    </div>
  );
}
