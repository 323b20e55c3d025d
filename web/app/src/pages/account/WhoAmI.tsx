import { useEffect } from 'react';
import { PageHeading } from '../../components/PageHeading';
import { Link } from '../../app/router';
import { useSession } from '../../session/session';

const ROLE_NAME = { client: 'Client', therapist: 'Therapist', admin: 'Admin' } as const;

export default function WhoAmI() {
  const { me, reloadMe } = useSession();
  // Asked of the API on every visit, not only at sign-in: it is the page that says who the server thinks you are.
  useEffect(() => {
    reloadMe().catch(() => {
      // a dead session redirects; an unreachable API shows the banner; what we had stays shown
    });
  }, [reloadMe]);
  if (!me) return null;
  return (
    <>
      <PageHeading>Your account</PageHeading>
      <dl className="summary-list" data-testid="who-am-i">
        <div><dt>Name</dt><dd data-testid="me-name">{me.name}</dd></div>
        <div><dt>Email address</dt><dd data-testid="me-email">{me.email}</dd></div>
        <div><dt>Role</dt><dd data-testid="me-role">{ROLE_NAME[me.role]}</dd></div>
      </dl>
      <p><Link to="/account/password">Change your password</Link></p>
      <p><Link to="/account/security">Sign-in security: authenticator app and passkeys</Link></p>
    </>
  );
}
