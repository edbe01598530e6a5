import { useState, type FormEvent, type ReactNode } from 'react';
import { useAddTerm, useMergeTerm, useRenameTerm, useTermUsage, type TermUsage } from '../../api/taxonomy';
import { BilingualFields } from '../../components/BilingualFields';
import { ConfirmDialog, ErrorBanner, Field, Loading, Notice, useConfirm, TableWrap } from '../../components/ui';
import { useI18n } from '../../i18n';
import { useReadOnly } from '../../lib/read-only';

type Kind = 'sector' | 'technology';

/**
 * Issue 9, item 4: the sectors and technology areas, each with its English and Danish label and the number of
 * clusters using it; add, rename and merge (every cluster of the merged term moves to the one kept).
 */
export function TaxonomyPage(): ReactNode {
  const { t } = useI18n();
  const usage = useTermUsage();
  const readOnly = useReadOnly();
  return (
    <section aria-labelledby="taxonomy-title">
      <h1 id="taxonomy-title">{t('taxonomy.title')}</h1>
      <p className="muted">{t('taxonomy.intro')}</p>
      {readOnly ? <p className="muted">{t('participants.readOnly')}</p> : <AddTermForm />}
      <ErrorBanner error={usage.error} />
      {!usage.data ? (
        <Loading />
      ) : (
        (['sector', 'technology'] as const).map((kind) => (
          <TermTable key={kind} kind={kind} terms={usage.data.filter((x) => x.kind === kind)} />
        ))
      )}
    </section>
  );
}

function AddTermForm(): ReactNode {
  const { t } = useI18n();
  const add = useAddTerm();
  const [kind, setKind] = useState<Kind>('sector');
  const [name, setName] = useState('');
  const [nameDa, setNameDa] = useState('');
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    add.mutate(
      { kind, name, ...(nameDa.trim() ? { nameDa } : {}) },
      {
        onSuccess: () => {
          setName('');
          setNameDa('');
        },
      },
    );
  };
  return (
    <form className="card form-grid" onSubmit={submit} noValidate aria-label={t('taxonomy.add')}>
      <Field label={t('taxonomy.kind')} error={add.error} path="kind">
        {(id) => (
          <select id={id} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            <option value="sector">{t('taxonomy.sector')}</option>
            <option value="technology">{t('taxonomy.technology')}</option>
          </select>
        )}
      </Field>
      <BilingualFields
        error={add.error}
        en={{
          label: t('taxonomy.nameEn'),
          path: 'name',
          value: name,
          onChange: (v) => {
            add.reset();
            setName(v);
          },
        }}
        da={{ label: t('taxonomy.nameDa'), path: 'nameDa', value: nameDa, onChange: setNameDa }}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={add.isPending || !name.trim()}>
          {t('taxonomy.addButton')}
        </button>
      </div>
      {add.isSuccess ? <Notice>{t('taxonomy.added')}</Notice> : null}
      <ErrorBanner error={add.error} />
    </form>
  );
}

function TermTable({ kind, terms }: { kind: Kind; terms: TermUsage[] }): ReactNode {
  const { t } = useI18n();
  const title = t(kind === 'sector' ? 'taxonomy.sectors' : 'taxonomy.technologies');
  return (
    <div className="card">
      <h2>{title}</h2>
      <TableWrap>
        <table>
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('taxonomy.nameEn')}</th>
              <th scope="col">{t('taxonomy.nameDa')}</th>
              <th scope="col">{t('taxonomy.clusters')}</th>
              <th scope="col">{t('participants.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {terms.map((term) => (
              <TermRow key={term.id} term={term} others={terms.filter((x) => x.id !== term.id)} />
            ))}
          </tbody>
        </table>
      </TableWrap>
    </div>
  );
}

function TermRow({ term, others }: { term: TermUsage; others: TermUsage[] }): ReactNode {
  const { t, tn } = useI18n();
  const [mode, setMode] = useState<'view' | 'rename' | 'merge'>('view');
  const readOnly = useReadOnly();
  return (
    <>
      <tr>
        <th scope="row">{term.name}</th>
        <td>{term.nameDa ?? <span className="muted">{t('taxonomy.noDanish')}</span>}</td>
        <td>{tn('taxonomy.usedBy', term.clusters)}</td>
        <td>
          {readOnly ? null : (
            <div className="row-actions">
              <button
                aria-label={`${t('taxonomy.rename')} ${term.name}`}
                type="button"
                aria-expanded={mode === 'rename'}
                onClick={() => setMode(mode === 'rename' ? 'view' : 'rename')}
              >
                {t('taxonomy.rename')}
              </button>
              <button
                aria-label={`${t('taxonomy.merge')} ${term.name}`}
                type="button"
                disabled={others.length === 0}
                aria-expanded={mode === 'merge'}
                onClick={() => setMode(mode === 'merge' ? 'view' : 'merge')}
              >
                {t('taxonomy.merge')}
              </button>
            </div>
          )}
        </td>
      </tr>
      {mode !== 'view' ? (
        <tr>
          <td colSpan={4}>
            {mode === 'rename' ? (
              <RenameForm term={term} onDone={() => setMode('view')} />
            ) : (
              <MergeForm term={term} others={others} onDone={() => setMode('view')} />
            )}
          </td>
        </tr>
      ) : null}
    </>
  );
}

function RenameForm({ term, onDone }: { term: TermUsage; onDone: () => void }): ReactNode {
  const { t } = useI18n();
  const rename = useRenameTerm();
  const [name, setName] = useState(term.name);
  const [nameDa, setNameDa] = useState(term.nameDa ?? '');
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    rename.mutate({ termId: term.id, body: { name, nameDa: nameDa.trim() ? nameDa : null } }, { onSuccess: onDone });
  };
  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={t('taxonomy.renameOf', { name: term.name })}>
      <BilingualFields
        error={rename.error}
        en={{ label: t('taxonomy.nameEn'), path: 'name', value: name, onChange: setName }}
        da={{ label: t('taxonomy.nameDa'), path: 'nameDa', value: nameDa, onChange: setNameDa }}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={rename.isPending}>
          {t('common.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
      <ErrorBanner error={rename.error} />
    </form>
  );
}

/** Merge into another term of the same kind, after a confirmation naming both and the clusters that move. */
function MergeForm({ term, others, onDone }: { term: TermUsage; others: TermUsage[]; onDone: () => void }): ReactNode {
  const { t, tn } = useI18n();
  const merge = useMergeTerm();
  const [into, setInto] = useState(others[0]?.id ?? '');
  const dialog = useConfirm();
  const { setConfirming, openRef } = dialog;
  const target = others.find((x) => x.id === into);
  return (
    <div className="form-grid">
      <Field label={t('taxonomy.mergeInto', { name: term.name })} error={merge.error} path="intoTermId">
        {(id) => (
          <select id={id} value={into} onChange={(e) => setInto(e.target.value)}>
            {others.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="actions">
        <button ref={openRef} type="button" className="primary" disabled={!target} onClick={() => setConfirming(true)}>
          {t('taxonomy.mergeButton')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
      {target ? (
        <ConfirmDialog
          confirm={dialog}
          text={tn('taxonomy.mergeConfirm', term.clusters, { from: term.name, into: target.name })}
          yes={t('taxonomy.mergeYes')}
          busy={merge.isPending}
          busyText={t('taxonomy.merging')}
          onYes={() =>
            merge.mutate(
              { termId: term.id, intoTermId: target.id },
              { onSuccess: onDone, onSettled: () => setConfirming(false) },
            )
          }
        />
      ) : null}
      <ErrorBanner error={merge.error} />
    </div>
  );
}
