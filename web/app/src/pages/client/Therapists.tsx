import { PageHeading } from '../../components/PageHeading';

/** Placeholder of the app foundation (issue #16); the page itself comes next. */
export default function Therapists() {
  return (
    <>
      <PageHeading>My therapists</PageHeading>
      <p className="empty">The therapist directory and your link requests will be here.</p>
    </>
  );
}
