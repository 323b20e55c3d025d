import { PageHeading } from '../components/PageHeading';
import { Link } from '../app/router';

export default function NotFound() {
  return (
    <>
      <PageHeading>Page not found</PageHeading>
      <p>There is no page at this address, or it is not part of your account.</p>
      <p><Link to="/">Go to your home page</Link></p>
    </>
  );
}
