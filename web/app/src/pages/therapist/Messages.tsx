import { PageHeading } from '../../components/PageHeading';

/** Placeholder of the app foundation (issue #16); the page itself comes next. */
export default function Messages() {
  return (
    <>
      <PageHeading>Messages</PageHeading>
      <p className="empty">Your conversations will be here.</p>
    </>
  );
}
