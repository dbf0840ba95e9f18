/**
 * The button under a list read a page at a time. While the next page loads it says so and ignores presses, but it
 * is not `disabled`: a disabled button loses the keyboard focus (to the top of the page), and someone reading the
 * list by keyboard would have to find their way back down after every page.
 */
export function LoadMoreButton({ loading, onLoad, label = 'Load more' }: { loading: boolean; onLoad: () => void; label?: string }) {
  return (
    <button type="button" className="button" aria-disabled={loading || undefined} onClick={() => !loading && onLoad()}>
      {loading ? 'Loading…' : label}
    </button>
  );
}
