import { Link } from 'react-router';
import { PageTitle } from '../components/PageTitle';
import { HOME } from './navigation';

/** A path of the app that names no page (a mistyped or outdated link). */
export function NotFoundPage() {
  return (
    <>
      <PageTitle title="Page not found">Page not found</PageTitle>
      <p>There is no page at this address. It may have moved, or the link is mistyped.</p>
      <p>
        <Link to={HOME}>Go to the start page</Link>
      </p>
    </>
  );
}
