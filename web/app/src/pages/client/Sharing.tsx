import { PageHeading } from '../../components/PageHeading';

/** Placeholder of the app foundation (issue #16); the page itself comes next. */
export default function Sharing() {
  return (
    <>
      <PageHeading>Sharing</PageHeading>
      <p className="empty">Who may read your journal, and the log of every read, will be here.</p>
    </>
  );
}
