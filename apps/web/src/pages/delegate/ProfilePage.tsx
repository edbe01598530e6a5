import { ClusterHistory } from './ClusterHistory';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useSetMyLanguage } from '../../api/auth';
import type { Schema } from '../../api/client';
import { useCluster, useTaxonomy, useUpdateCluster, type ClusterProfile, type Term } from '../../api/clusters';
import { excellenceLabelValues, geographicScopeValues } from '../../api/schema';
import { useDraft } from '../../lib/draft';
import { isLabelExpired } from '../../lib/labels';
import { ErrorBanner, Field, InlineErrors, Loading, Notice, TextField } from '../../components/ui';
import { LanguageForm } from '../../components/LanguageForm';
import { useI18n, type Lang, type MessageKey } from '../../i18n';
import { ColleaguesPanel } from './ColleaguesPanel';

const MEMBER_KEYS: (keyof Schema<'MembersDto'>)[] = [
  'companies',
  'smes',
  'knowledgeInstitutions',
  'publicBodies',
  'industryAssociations',
  'financialActors',
];

/** Only the fields a profile update takes (the API rejects unknown ones). */
export function toProfile(c: ClusterProfile): ClusterProfile {
  return {
    name: c.name,
    country: c.country,
    region: c.region,
    sectors: c.sectors,
    technologies: c.technologies,
    scope: c.scope,
    label: c.label,
    labelValidUntil: c.labelValidUntil,
    members: c.members,
    secretariatSize: c.secretariatSize,
    offers: c.offers,
    seeks: c.seeks,
    website: c.website,
  };
}

/**
 * The delegate's own language (issue 16): their mails and, from the next sign-in on, this app. Empty: the event's
 * default. Saving switches the app at once.
 */
export function MyLanguage({ delegateId, current }: { delegateId: string; current: Lang | null }): ReactNode {
  const { t } = useI18n();
  return (
    <LanguageForm
      titleId="my-language-title"
      current={current}
      save={useSetMyLanguage(delegateId)}
      title={t('profile.languageTitle')}
      label={t('profile.languageLabel')}
      hint={t('profile.languageHint')}
      noneLabel={t('profile.languageDefault')}
    />
  );
}

/** A delegate edits their own cluster's profile. A failed save keeps every change (also across reloads). */
export function ProfilePage({
  clusterId,
  delegateId,
  language = null,
}: {
  clusterId: string;
  /** The signed-in delegate: with it, the page also sets their own language. */
  delegateId?: string;
  language?: Lang | null;
}): ReactNode {
  const { t } = useI18n();
  const cluster = useCluster(clusterId);
  const terms = useTaxonomy();
  const error = cluster.error ?? terms.error;
  if (error) return <ErrorBanner error={error} />;
  if (!cluster.data || !terms.data) return <Loading />;
  return (
    <section aria-labelledby="profile-title">
      <h1 id="profile-title">{t('profile.title', { name: cluster.data.name })}</h1>
      {delegateId ? <MyLanguage delegateId={delegateId} current={language} /> : null}
      <ProfileForm clusterId={clusterId} initial={toProfile(cluster.data)} terms={terms.data} />
      <ColleaguesPanel clusterId={clusterId} />
      <ClusterHistory clusterId={clusterId} />
    </section>
  );
}

/**
 * The profile form. Only organisers set the excellence label and its validity (`labelEditable`); a delegate sees
 * them, an expired label marked so, and the save leaves them out.
 */
export function ProfileForm({
  clusterId,
  initial,
  terms,
  labelEditable = false,
}: {
  clusterId: string;
  initial: ClusterProfile;
  terms: readonly Term[];
  labelEditable?: boolean;
}): ReactNode {
  const { t, lang } = useI18n();
  const [form, setForm, clearDraft] = useDraft<ClusterProfile>(`profile.${clusterId}`, initial);
  const update = useUpdateCluster(clusterId);
  const error = update.error;
  const [savedAt, setSavedAt] = useSavedAt(`profile.saved.${clusterId}`);

  /** A change by the user: the "Saved." of the last save no longer holds. */
  const set = <K extends keyof ClusterProfile>(k: K, v: ClusterProfile[K]): void => {
    update.reset();
    setSavedAt(null);
    setForm({ ...form, [k]: v });
  };
  const toggle = (k: 'sectors' | 'technologies', name: string): void =>
    set(k, form[k].includes(name) ? form[k].filter((x) => x !== name) : [...form[k], name]);

  function save(e: FormEvent): void {
    e.preventDefault();
    const { label, labelValidUntil, ...rest } = toProfile(form);
    const body = {
      ...rest,
      website: form.website ? form.website : null,
      ...(labelEditable ? { label, labelValidUntil: labelValidUntil ? labelValidUntil : null } : {}),
    };
    update.mutate(body, {
      onSuccess: (updated) => {
        setForm(toProfile(updated));
        clearDraft();
        setSavedAt(new Date().toISOString());
      },
    });
  }

  const termBoxes = (kind: 'sector' | 'technology', k: 'sectors' | 'technologies'): ReactNode => (
    <fieldset className="checks">
      <legend>{t(kind === 'sector' ? 'cluster.sectors' : 'cluster.technologies')}</legend>
      {terms
        .filter((x) => x.kind === kind)
        .map((x) => (
          <label key={x.id} className="check">
            <input type="checkbox" checked={form[k].includes(x.name)} onChange={() => toggle(k, x.name)} /> {x.name}
          </label>
        ))}
      <InlineErrors error={error} path={k} />
    </fieldset>
  );

  return (
    <form className="card form-grid" onSubmit={save} noValidate aria-label={t('profile.form')}>
      <ErrorBanner error={error} />
      {savedAt && !update.isPending ? (
        <Notice>
          {t('profile.savedAt', {
            time: new Date(savedAt).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' }),
          })}
        </Notice>
      ) : null}
      <TextField
        label={t('cluster.name')}
        error={error}
        path="name"
        value={form.name}
        onChange={(v) => set('name', v)}
      />
      <TextField
        label={t('cluster.country')}
        error={error}
        path="country"
        hint={t('cluster.countryHint')}
        value={form.country}
        maxLength={2}
        onChange={(v) => set('country', v.toUpperCase())}
      />
      <TextField
        label={t('cluster.region')}
        error={error}
        path="region"
        value={form.region}
        onChange={(v) => set('region', v)}
      />
      <Field label={t('cluster.scope')} error={error} path="scope">
        {(id, d) => (
          <select
            id={id}
            value={form.scope}
            aria-describedby={d}
            onChange={(e) => set('scope', e.target.value as ClusterProfile['scope'])}
          >
            {geographicScopeValues.map((s) => (
              <option key={s} value={s}>
                {t(`scope.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {labelEditable ? (
        <>
          <Field label={t('cluster.label')} error={error} path="label">
            {(id, d) => (
              <select
                id={id}
                value={form.label}
                aria-describedby={d}
                onChange={(e) => set('label', e.target.value as ClusterProfile['label'])}
              >
                {excellenceLabelValues.map((s) => (
                  <option key={s} value={s}>
                    {t(`label.${s}` as MessageKey)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <TextField
            label={t('cluster.labelValidUntil')}
            error={error}
            path="labelValidUntil"
            type="date"
            value={form.labelValidUntil ?? ''}
            onChange={(v) => set('labelValidUntil', v || null)}
          />
        </>
      ) : (
        <LabelLine label={form.label} validUntil={form.labelValidUntil} />
      )}
      {termBoxes('sector', 'sectors')}
      {termBoxes('technology', 'technologies')}
      <fieldset className="members">
        <legend>{t('cluster.members')}</legend>
        {MEMBER_KEYS.map((k) => (
          <Field key={k} label={t(`members.${k}` as MessageKey)} error={error} path={`members.${k}`}>
            {(id, d, inv) => (
              <input
                id={id}
                type="number"
                min={0}
                inputMode="numeric"
                value={form.members[k]}
                aria-describedby={d}
                aria-invalid={inv || undefined}
                onChange={(e) =>
                  set('members', { ...form.members, [k]: e.target.value === '' ? 0 : Number(e.target.value) })
                }
              />
            )}
          </Field>
        ))}
      </fieldset>
      <Field label={t('cluster.secretariatSize')} error={error} path="secretariatSize">
        {(id, d, inv) => (
          <input
            id={id}
            type="number"
            min={0}
            value={form.secretariatSize}
            aria-describedby={d}
            aria-invalid={inv || undefined}
            onChange={(e) => set('secretariatSize', Number(e.target.value))}
          />
        )}
      </Field>
      <Field label={t('cluster.offers')} error={error} path="offers">
        {(id, d, inv) => (
          <textarea
            id={id}
            rows={4}
            value={form.offers}
            aria-describedby={d}
            aria-invalid={inv || undefined}
            onChange={(e) => set('offers', e.target.value)}
          />
        )}
      </Field>
      <Field label={t('cluster.seeks')} error={error} path="seeks">
        {(id, d, inv) => (
          <textarea
            id={id}
            rows={4}
            value={form.seeks}
            aria-describedby={d}
            aria-invalid={inv || undefined}
            onChange={(e) => set('seeks', e.target.value)}
          />
        )}
      </Field>
      <TextField
        label={t('cluster.website')}
        error={error}
        path="website"
        type="url"
        value={form.website ?? ''}
        onChange={(v) => set('website', v)}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={update.isPending}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}

/** The label as a delegate sees it: set by the organisers, marked when it has expired. */
export function LabelLine({
  label,
  validUntil,
}: {
  label: ClusterProfile['label'];
  validUntil: string | null | undefined;
}): ReactNode {
  const { t } = useI18n();
  return (
    <div className="field">
      <span>{t('cluster.label')}</span>
      <p>
        <span className={`badge label-${label}`}>{t(`label.${label}` as MessageKey)}</span>{' '}
        {validUntil ? t('cluster.validUntil', { date: validUntil }) : null}{' '}
        {isLabelExpired(label, validUntil) ? (
          <span className="badge label-expired">{t('cluster.labelExpired')}</span>
        ) : null}
      </p>
      <small className="hint">{t('cluster.labelByOrganisers')}</small>
    </div>
  );
}

/**
 * When the form was last saved, kept in the tab's session storage: the "Saved" notice stays when the page is
 * reloaded or the form is drawn again after the save (issue 16, item 7), and goes with the next change.
 */
function useSavedAt(key: string): [string | null, (at: string | null) => void] {
  const [at, setAt] = useState<string | null>(() => {
    try {
      return sessionStorage.getItem(key);
    } catch {
      return null;
    }
  });
  const set = (v: string | null): void => {
    setAt(v);
    try {
      if (v === null) sessionStorage.removeItem(key);
      else sessionStorage.setItem(key, v);
    } catch {
      // Storage refused (private mode, quota): the notice lasts as long as the page.
    }
  };
  return [at, set];
}
