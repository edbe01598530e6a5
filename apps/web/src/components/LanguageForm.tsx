import { useState, type FormEvent, type ReactNode } from 'react';
import { LANGUAGES, useI18n, type Lang } from '../i18n';
import { ErrorBanner, Field, Notice } from './ui';

/** The mutation a language form saves through (a delegate's or an organiser's own setting). */
export interface SaveLanguage {
  mutate(language: Lang | null, options: { onSuccess: () => void }): void;
  reset(): void;
  isPending: boolean;
  isSuccess: boolean;
  error: unknown;
}

/**
 * One person's own language (issue 16): a select with "none chosen", Save with a busy state, "Saved" and the
 * service's error at the field. Saving a language switches the app at once. Serves the delegate's profile and the
 * organiser's own card; each passes its words and its mutation.
 */
export function LanguageForm(props: {
  /** The id of the form's heading (the form is named by it). */
  titleId: string;
  current: Lang | null;
  save: SaveLanguage;
  title: string;
  label: string;
  hint: string;
  noneLabel: string;
}): ReactNode {
  const { t, setLang } = useI18n();
  const [value, setValue] = useState<Lang | ''>(props.current ?? '');
  const { save } = props;
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    save.mutate(value === '' ? null : value, {
      onSuccess: () => {
        if (value !== '') setLang(value);
      },
    });
  };
  return (
    <form className="card" aria-labelledby={props.titleId} onSubmit={submit}>
      <h2 id={props.titleId}>{props.title}</h2>
      <Field label={props.label} hint={props.hint} error={save.error} path="language">
        {(id, describedBy) => (
          <select
            id={id}
            aria-describedby={describedBy}
            value={value}
            onChange={(e) => {
              save.reset();
              setValue(e.target.value as Lang | '');
            }}
          >
            <option value="">{props.noneLabel}</option>
            {LANGUAGES.map((l) => (
              <option key={l.code} value={l.code} lang={l.code}>
                {l.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" disabled={save.isPending} aria-busy={save.isPending}>
        {save.isPending ? t('profile.languageSaving') : t('common.save')}
      </button>
      {save.isSuccess ? <Notice>{t('common.saved')}</Notice> : null}
      <ErrorBanner error={save.error} />
    </form>
  );
}
