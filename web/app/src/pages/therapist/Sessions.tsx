import { PageHeading } from '../../components/PageHeading';
import { UpcomingCalls } from '../../components/UpcomingCalls';

/** Placeholder of the app foundation (issue #16); the page itself comes next. */
export default function Sessions() {
  return (
    <>
      <PageHeading>Sessions</PageHeading>
      <p className="empty">Your sessions and their notes will be here.</p>
      <h2>Video calls</h2>
      <UpcomingCalls />
    </>
  );
}
