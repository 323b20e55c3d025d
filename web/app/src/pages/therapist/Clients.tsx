import { PageHeading } from '../../components/PageHeading';

/** Placeholder of the app foundation (issue #16); the page itself comes next. */
export default function Clients() {
  return (
    <>
      <PageHeading>Clients</PageHeading>
      <p className="empty">Your caseload will be here.</p>
    </>
  );
}
