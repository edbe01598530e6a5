import { useState, type ReactNode } from 'react';
import {
  useMailTemplates,
  usePreviewTemplate,
  useResetTemplate,
  useSaveTemplate,
  type MailTemplate,
} from '../../api/mailings';
import { ConfirmDialog, ErrorBanner, Field, Loading, Notice, useConfirm } from '../../components/ui';
import { useI18n, type MessageKey } from '../../i18n';

/**
 * The wording of the transactional mails (login link, request received, answered, published, changed,
 * reminder) in English and Danish: edit, preview with sample data, save, reset to the built-in wording.
 */
export function TemplatesPage(): ReactNode {
  const { t } = useI18n();
  const templates = useMailTemplates();
  const [chosen, setChosen] = useState('magic-link/en');
  if (!templates.data) return templates.error ? <ErrorBanner error={templates.error} /> : <Loading />;
  const current = templates.data.find((x) => `${x.template}/${x.language}` === chosen) ?? templates.data[0];
  return (
    <section aria-labelledby="templates-title">
      <h1 id="templates-title">{t('templates.title')}</h1>
      <p className="hint">{t('templates.hint')}</p>
      <div className="card filters">
        <Field label={t('templates.mail')}>
          {(id) => (
            <select id={id} value={chosen} onChange={(e) => setChosen(e.target.value)}>
              {templates.data.map((x) => (
                <option key={`${x.template}/${x.language}`} value={`${x.template}/${x.language}`}>
                  {t(`templates.name.${x.template}` as MessageKey)} · {t(`mailings.lang.${x.language}` as MessageKey)}
                  {x.custom ? ` · ${t('templates.custom')}` : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {current ? <TemplateEditor key={`${chosen}/${current.updatedAt ?? 'default'}`} template={current} /> : null}
    </section>
  );
}

function TemplateEditor({ template }: { template: MailTemplate }): ReactNode {
  const { t } = useI18n();
  const [subject, setSubject] = useState(template.subject);
  const [body, setBody] = useState(template.body);
  const save = useSaveTemplate();
  const reset = useResetTemplate();
  const preview = usePreviewTemplate();
  const dialog = useConfirm();
  const { setConfirming } = dialog;
  const key = { template: template.template, language: template.language };
  const error = save.error ?? preview.error ?? reset.error;
  return (
    <form
      className="card"
      aria-label={t('templates.edit')}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ ...key, text: { subject, body } });
      }}
    >
      <p className="hint">
        {t('mailings.placeholders')} <code>{template.placeholders.map((p) => `{${p}}`).join(' ')}</code>.{' '}
        {t('templates.required')} <code>{template.required.map((p) => `{${p}}`).join(' ')}</code>
      </p>
      <Field label={t('mailings.subject')} error={error} path="subject">
        {(id, describedBy, invalid) => (
          <input
            id={id}
            maxLength={200}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            value={subject}
            onChange={(e) => setSubject(e.target.value)}
          />
        )}
      </Field>
      <Field label={t('mailings.body')} error={error} path="body">
        {(id, describedBy, invalid) => (
          <textarea
            id={id}
            rows={12}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
        )}
      </Field>
      <div className="actions">
        <button
          type="button"
          disabled={preview.isPending}
          onClick={() => preview.mutate({ ...key, text: { subject, body } })}
        >
          {t('mailings.preview')}
        </button>
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('common.save')}
        </button>
        {template.custom ? (
          <button type="button" aria-expanded={dialog.confirming} onClick={() => setConfirming(true)}>
            {t('templates.reset')}
          </button>
        ) : null}
      </div>
      <ConfirmDialog
        confirm={dialog}
        text={t('templates.resetConfirm')}
        yes={t('templates.resetYes')}
        busy={reset.isPending}
        busyText={t('templates.resetting')}
        onYes={() => reset.mutate(key, { onSettled: () => setConfirming(false) })}
      />
      <ErrorBanner error={error} />
      {save.isSuccess ? <Notice>{t('common.saved')}</Notice> : null}
      {preview.data ? (
        <section aria-label={t('templates.previewTitle')}>
          <h2>{t('templates.previewTitle')}</h2>
          <p data-testid="template-preview-subject">
            <strong>{preview.data.subject}</strong>
          </p>
          <pre className="mail-preview" data-testid="template-preview-text">
            {preview.data.text}
          </pre>
        </section>
      ) : null}
    </form>
  );
}
