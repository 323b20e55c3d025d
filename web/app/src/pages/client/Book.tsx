import { PageHeading } from '../../components/PageHeading';

/** Placeholder of the app foundation (issue #16); the page itself comes next. */
export default function Book() {
  return (
    <>
      <PageHeading>Book a session</PageHeading>
      <p className="empty">Your therapist's open times, as a week, will be here.</p>
    </>
  );
}
