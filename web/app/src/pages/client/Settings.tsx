import { PageHeading } from '../../components/PageHeading';

/** Placeholder of the app foundation (issue #16); the page itself comes next. */
export default function Settings() {
  return (
    <>
      <PageHeading>Settings</PageHeading>
      <p className="empty">Your profile and time zone will be here.</p>
    </>
  );
}
