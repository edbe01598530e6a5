import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../../api/client';
import { useImport } from '../../api/imports';
import { ErrorBanner, Notice } from '../../components/ui';
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
  const [createTerms, setCreateTerms] = useState(true);
  const upload = useImport(eventId, kind);
  const { data: result, error } = upload;
  const inputId = `import-${kind}`;

  function submit(e: FormEvent): void {
    e.preventDefault();
    if (file) upload.mutate({ file, createTerms });
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
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </div>
      {kind === 'clusters' ? (
        <label className="check">
          <input type="checkbox" checked={createTerms} onChange={(e) => setCreateTerms(e.target.checked)} />{' '}
          {t('import.createTerms')}
        </label>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={!file || upload.isPending}>
          {t('import.upload')}
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
        <div className="table-wrap">
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
        </div>
      ) : null}
    </form>
  );
}
