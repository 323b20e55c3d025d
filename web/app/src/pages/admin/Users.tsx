import { PageHeading } from '../../components/PageHeading';

/** Placeholder of the app foundation (issue #16); the page itself comes next. */
export default function Users() {
  return (
    <>
      <PageHeading>Users</PageHeading>
      <p className="empty">Users and account actions will be here.</p>
    </>
  );
}
