import { Fragment, useState, type FormEvent, type ReactNode } from 'react';
import { ErrorBanner, Field, Loading, TableWrap } from '../../components/ui';
import { useI18n, type MessageKey } from '../../i18n';

/** Rows per page of a participants list. */
export const PAGE = 25;

type Dir = 'asc' | 'desc';

/** What the user asked of a list: search text, sort, direction and page; a new search or sort starts at page 1. */
export interface ListState<S extends string> {
  q: string;
  sort: S;
  dir: Dir;
  offset: number;
  setOffset(offset: number): void;
  search(q: string): void;
  order(sort: S, dir: Dir): void;
}

export function useListState<S extends string>(initialSort: S, initialDir: Dir = 'asc'): ListState<S> {
  const [q, setQ] = useState('');
  const [sort, setSort] = useState<S>(initialSort);
  const [dir, setDir] = useState<Dir>(initialDir);
  const [offset, setOffset] = useState(0);
  return {
    q,
    sort,
    dir,
    offset,
    setOffset,
    search: (v) => {
      setQ(v);
      setOffset(0);
    },
    order: (s, d) => {
      setSort(s);
      setDir(d);
      setOffset(0);
    },
  };
}

/**
 * A list searched, sorted and paged by the service: the search form (with extra `filters`), the panel's own
 * `children` (add forms, bulk actions), then the pager and the table. Columns are data (their header keys); each
 * item renders its own row(s) and may open one edit form at a time.
 */
export function PagedTable<S extends string, T extends { id: string }>(props: {
  caption: string;
  sorts: [S, MessageKey][];
  list: ListState<S>;
  filters?: ReactNode;
  children?: ReactNode;
  query: { data?: { items: T[]; total: number }; error: unknown };
  columns: MessageKey[];
  row: (item: T, editing: boolean, onEdit: (on: boolean) => void) => ReactNode;
}): ReactNode {
  const { t } = useI18n();
  const { list, query } = props;
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <>
      <ListControls sorts={props.sorts} sort={list.sort} dir={list.dir} onSearch={list.search} onSort={list.order}>
        {props.filters}
      </ListControls>
      {props.children}
      <ErrorBanner error={query.error} />
      {!query.data ? (
        <Loading />
      ) : (
        <>
          <Pager offset={list.offset} total={query.data.total} onOffset={list.setOffset} />
          <TableWrap>
            <table>
              <caption className="sr-only">{props.caption}</caption>
              <thead>
                <tr>
                  {props.columns.map((key) => (
                    <th key={key} scope="col">
                      {t(key)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {query.data.items.map((item) => (
                  <Fragment key={item.id}>
                    {props.row(item, editing === item.id, (on) => setEditing(on ? item.id : null))}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
    </>
  );
}

/** Search box, sort and direction of a list; the search applies on submit (one request, not one per key). */
function ListControls<S extends string>(props: {
  sorts: [S, MessageKey][];
  sort: S;
  dir: Dir;
  onSearch: (q: string) => void;
  onSort: (sort: S, dir: Dir) => void;
  children?: ReactNode;
}): ReactNode {
  const { t } = useI18n();
  const [draft, setDraft] = useState('');
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    props.onSearch(draft.trim());
  };
  return (
    <form className="card filters" role="search" onSubmit={submit}>
      <Field label={t('participants.search')}>
        {(id) => <input id={id} type="search" value={draft} onChange={(e) => setDraft(e.target.value)} />}
      </Field>
      <Field label={t('participants.sortBy')}>
        {(id) => (
          <select id={id} value={props.sort} onChange={(e) => props.onSort(e.target.value as S, props.dir)}>
            {props.sorts.map(([value, key]) => (
              <option key={value} value={value}>
                {t(key)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('participants.direction')}>
        {(id) => (
          <select id={id} value={props.dir} onChange={(e) => props.onSort(props.sort, e.target.value as Dir)}>
            <option value="asc">{t('participants.asc')}</option>
            <option value="desc">{t('participants.desc')}</option>
          </select>
        )}
      </Field>
      {props.children}
      <div className="actions">
        <button type="submit">{t('participants.searchButton')}</button>
      </div>
    </form>
  );
}

function Pager({ offset, total, onOffset }: { offset: number; total: number; onOffset: (o: number) => void }) {
  const { t } = useI18n();
  return (
    <div className="pager">
      <span role="status" className="muted">
        {total === 0
          ? t('participants.none')
          : t('participants.range', { from: offset + 1, to: Math.min(total, offset + PAGE), total })}
      </span>
      <button type="button" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - PAGE))}>
        {t('participants.previous')}
      </button>
      <button type="button" disabled={offset + PAGE >= total} onClick={() => onOffset(offset + PAGE)}>
        {t('participants.next')}
      </button>
    </div>
  );
}
