import { PageHeading } from '../../components/PageHeading';

/** Placeholder of the app foundation (issue #16); the page itself comes next. */
export default function Availability() {
  return (
    <>
      <PageHeading>Calendar and availability</PageHeading>
      <p className="empty">Your open slots and weekly availability will be here.</p>
    </>
  );
}
