import TablePagination from '@material-ui/core/TablePagination';
import { ListPage, ListPageRequest } from '@platformops/plugin-platform-ops-common';

/** Rows per page a list view offers; the server answers at most 500. */
export const LIST_PAGE_SIZES = [25, 50, 100, 500];
/** The first page a list view asks for. */
export const FIRST_LIST_PAGE: ListPageRequest = { offset: 0, limit: 50 };

/**
 * Whether the table holds the whole list: its search box filters only the rows it holds, so
 * it is offered only then (a search that missed rows on other pages would mislead).
 */
export const onePage = (page?: ListPage) => !page || page.total <= page.limit;

/**
 * Pages of a fleet or queue list, read from the server a page at a time: at thousands of
 * queues the whole list is megabytes on every refresh, and no one reads it all at once.
 */
export const ListPager = ({ page, onChange }: { page: ListPage; onChange: (next: ListPageRequest) => void }) => {
  // The list may have shrunk under the page being shown (an environment removed): show the last one.
  const lastIndex = Math.max(0, Math.ceil(page.total / page.limit) - 1);
  const index = Math.min(Math.floor(page.offset / page.limit), lastIndex);
  return (
    <TablePagination
      component="div"
      count={page.total}
      page={index}
      rowsPerPage={page.limit}
      rowsPerPageOptions={LIST_PAGE_SIZES}
      onPageChange={(_event, next) => onChange({ offset: next * page.limit, limit: page.limit })}
      onRowsPerPageChange={event => onChange({ offset: 0, limit: Number(event.target.value) })}
    />
  );
};
