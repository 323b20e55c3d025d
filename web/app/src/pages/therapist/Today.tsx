import { PageHeading } from '../../components/PageHeading';

/** Placeholder of the app foundation (issue #16); the page itself comes next. */
export default function Today() {
  return (
    <>
      <PageHeading>Today</PageHeading>
      <p className="empty">Today's sessions, requests waiting and unread messages will be here.</p>
    </>
  );
}
