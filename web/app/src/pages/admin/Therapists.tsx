import { PageHeading } from '../../components/PageHeading';

/** Placeholder of the app foundation (issue #16); the page itself comes next. */
export default function Therapists() {
  return (
    <>
      <PageHeading>Therapists to verify</PageHeading>
      <p className="empty">Therapists waiting for verification will be here.</p>
    </>
  );
}
