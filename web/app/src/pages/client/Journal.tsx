import { PageHeading } from '../../components/PageHeading';

/** Placeholder of the app foundation (issue #16); the page itself comes next. */
export default function Journal() {
  return (
    <>
      <PageHeading>Journal</PageHeading>
      <p className="empty">Your journal will be here. Entries are private unless you share them.</p>
    </>
  );
}
