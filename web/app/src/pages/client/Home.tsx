import { PageHeading } from '../../components/PageHeading';

/** Placeholder of the app foundation (issue #16); the page itself comes next. */
export default function Home() {
  return (
    <>
      <PageHeading>Home</PageHeading>
      <p className="empty">Your next session, unread messages and a prompt to write in your journal will be here.</p>
    </>
  );
}
