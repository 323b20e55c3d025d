import { PageHeading } from '../../components/PageHeading';

/** Placeholder of the app foundation (issue #16); the page itself comes next. */
export default function Requests() {
  return (
    <>
      <PageHeading>Requests</PageHeading>
      <p className="empty">Link and appointment requests will be here.</p>
    </>
  );
}
