import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../../api/client';
import { useTaxonomy, type Term } from '../../api/clusters';
import { useImport, useUnknownTerms, type TermChoice, type UnknownTerm } from '../../api/imports';
import { ErrorBanner, Notice, TableWrap } from '../../components/ui';
import { useI18n } from '../../i18n';

/** Import clusters or delegates from CSV/XLSX; every bad row is listed and nothing is imported. */
export function ImportPage({ eventId }: { eventId: string }): ReactNode {
  const { t } = useI18n();
  return (
    <section aria-labelledby="import-title">
      <h1 id="import-title">{t('import.title')}</h1>
      <ImportForm eventId={eventId} kind="clusters" />
      <ImportForm eventId={eventId} kind="delegates" />
    </section>
  );
}

export function ImportForm({ eventId, kind }: { eventId: string; kind: 'clusters' | 'delegates' }): ReactNode {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const upload = useImport(eventId, kind);
  const check = useUnknownTerms(eventId);
  /** The unknown terms of the chosen cluster file and what the organiser chose for each (key: kind and name). */
  const [unknown, setUnknown] = useState<UnknownTerm[] | null>(null);
  const [choices, setChoices] = useState<Record<string, string>>({});
  const { data: result } = upload;
  const error = upload.error ?? check.error;
  const inputId = `import-${kind}`;

  function submit(e: FormEvent): void {
    e.preventDefault();
    if (!file) return;
    if (kind === 'delegates') return upload.mutate({ file });
    if (unknown?.length) return upload.mutate({ file, terms: termChoices(unknown, choices) });
    // First the file's unknown sectors and technologies: none, and it imports at once; else the organiser maps them.
    check.mutate(file, {
      onSuccess: (found) => {
        setUnknown(found);
        setChoices(Object.fromEntries(found.map((u) => [keyOf(u), u.suggestion?.id ?? CREATE])));
        if (found.length === 0) upload.mutate({ file });
      },
    });
  }

  const rows = error instanceof ApiError ? error.fields : [];
  return (
    <form className="card" onSubmit={submit} aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`}>{t(kind === 'clusters' ? 'import.clusters' : 'import.delegates')}</h2>
      <p className="hint">{t(kind === 'clusters' ? 'import.clustersColumns' : 'import.delegatesColumns')}</p>
      <div className="field">
        <label htmlFor={inputId}>{t('import.file')}</label>
        <input
          id={inputId}
          type="file"
          accept=".csv,.xlsx,text/csv"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setUnknown(null);
            upload.reset();
            check.reset();
          }}
        />
      </div>
      {unknown?.length ? (
        <TermMapping unknown={unknown} choices={choices} onChoose={(k, v) => setChoices({ ...choices, [k]: v })} />
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={!file || upload.isPending || check.isPending}>
          {unknown?.length ? t('import.uploadMapped') : t('import.upload')}
        </button>
      </div>
      {result ? (
        <Notice>
          {t('import.done', {
            rows: result.rows,
            created: result.created,
            updated: result.updated,
            registered: result.registered,
          })}
        </Notice>
      ) : null}
      {rows.length ? null : <ErrorBanner error={error} />}
      {rows.length ? (
        <TableWrap>
          <table className="row-errors">
            <caption>{t('import.rowErrors', { n: rows.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.where')}</th>
                <th scope="col">{t('import.problem')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((f, i) => (
                <tr key={i}>
                  <td>{f.path}</td>
                  <td>{f.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </form>
  );
}

const CREATE = '';
const keyOf = (u: { kind: string; name: string }): string => `${u.kind}:${u.name.toLowerCase()}`;

/** The import's `terms`: each unknown term to the existing term chosen, or created. */
function termChoices(unknown: readonly UnknownTerm[], choices: Record<string, string>): TermChoice[] {
  return unknown.map((u) => {
    const termId = choices[keyOf(u)];
    const kind = u.kind as TermChoice['kind'];
    return termId ? { kind, name: u.name, termId } : { kind, name: u.name };
  });
}

/** One row per sector or technology the taxonomy lacks: map it to an existing term (a look-alike preselected) or create it. */
function TermMapping({
  unknown,
  choices,
  onChoose,
}: {
  unknown: readonly UnknownTerm[];
  choices: Record<string, string>;
  onChoose: (key: string, termId: string) => void;
}): ReactNode {
  const { t } = useI18n();
  const terms = useTaxonomy();
  const of = (kind: string): Term[] => (terms.data ?? []).filter((x) => x.kind === kind);
  return (
    <TableWrap>
      <table>
        <caption>{t('import.unknownTerms', { n: unknown.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('import.inFile')}</th>
            <th scope="col">{t('import.rows')}</th>
            <th scope="col">{t('import.mapTo')}</th>
          </tr>
        </thead>
        <tbody>
          {unknown.map((u) => {
            const key = keyOf(u);
            const label = `${t(u.kind === 'sector' ? 'taxonomy.sector' : 'taxonomy.technology')} “${u.name}”`;
            return (
              <tr key={key}>
                <th scope="row">{label}</th>
                <td>{u.rows.join(', ')}</td>
                <td>
                  <select
                    aria-label={t('import.mapToFor', { name: label })}
                    value={choices[key] ?? CREATE}
                    onChange={(e) => onChoose(key, e.target.value)}
                  >
                    <option value={CREATE}>{t('import.createTerm', { name: u.name })}</option>
                    {of(u.kind).map((x) => (
                      <option key={x.id} value={x.id}>
                        {t('import.useTerm', { name: x.name })}
                      </option>
                    ))}
                  </select>
                  {u.suggestion ? (
                    <div className="hint">{t('import.suggested', { name: u.suggestion.name })}</div>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}
