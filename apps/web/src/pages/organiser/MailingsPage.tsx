import { useState, type ReactNode } from 'react';
import { useTaxonomy } from '../../api/clusters';
import {
  useMailings,
  usePreviewMailing,
  useSegmentRecipients,
  useSendMailing,
  type MailingInput,
  type Segment,
  type SegmentKind,
} from '../../api/mailings';
import { segmentKindValues } from '../../api/schema';
import {
  ConfirmDialog,
  ErrorBanner,
  Field,
  InlineErrors,
  Loading,
  Notice,
  useConfirm,
  TableWrap,
} from '../../components/ui';
import { useDraft } from '../../lib/draft';
import { useI18n, type MessageKey } from '../../i18n';
import { NudgesPanel } from './NudgesPanel';

interface Draft {
  kind: SegmentKind;
  minMeetings: number;
  country: string;
  sectorId: string;
  delegateIds: string[];
  subjectEn: string;
  bodyEn: string;
  subjectDa: string;
  bodyDa: string;
}

const EMPTY: Draft = {
  kind: 'all',
  minMeetings: 3,
  country: '',
  sectorId: '',
  delegateIds: [],
  subjectEn: '',
  bodyEn: '',
  subjectDa: '',
  bodyDa: '',
};

const PLACEHOLDERS = ['{name}', '{cluster}', '{event}', '{meetings}', '{loginLink}', '{agendaLink}'];

function segmentOf(d: Draft): Segment {
  switch (d.kind) {
    case 'few-meetings':
      return { kind: d.kind, minMeetings: d.minMeetings };
    case 'country':
      return { kind: d.kind, country: d.country.trim() };
    case 'sector':
      return { kind: d.kind, sectorId: d.sectorId };
    case 'delegates':
      return { kind: d.kind, delegateIds: d.delegateIds };
    default:
      return { kind: d.kind };
  }
}

/** Only the languages the organiser wrote something in (the service wants subject and body together). */
function inputOf(d: Draft): MailingInput {
  const subject: MailingInput['subject'] = {};
  const body: MailingInput['body'] = {};
  if (d.subjectEn.trim() || d.bodyEn.trim()) {
    subject.en = d.subjectEn;
    body.en = d.bodyEn;
  }
  if (d.subjectDa.trim() || d.bodyDa.trim()) {
    subject.da = d.subjectDa;
    body.da = d.bodyDa;
  }
  return { segment: segmentOf(d), subject, body };
}

/**
 * The organiser's custom mail to a segment: choose who, write it (English, Danish or both), preview it for one
 * recipient with the count, send after a confirmation; the automatic reminders; the mailings sent so far with
 * their outbox counts.
 */
export function MailingsPage({ eventId }: { eventId: string }): ReactNode {
  const { t, tn, lang } = useI18n();
  const [draft, setDraft, clearDraft] = useDraft<Draft>(`mailing.${eventId}`, EMPTY);
  const set = (patch: Partial<Draft>): void => setDraft({ ...draft, ...patch });
  const taxonomy = useTaxonomy();
  const sectors = (taxonomy.data ?? []).filter((x) => x.kind === 'sector');
  const everyone = useSegmentRecipients(eventId, { kind: 'all' }, draft.kind === 'delegates');
  const [filter, setFilter] = useState('');
  const [previewFor, setPreviewFor] = useState('');
  const preview = usePreviewMailing(eventId);
  const send = useSendMailing(eventId);
  const mailings = useMailings(eventId);
  const dialog = useConfirm();
  const { setConfirming, openRef } = dialog;

  const input = inputOf(draft);
  const error = preview.error ?? send.error;
  const runPreview = (delegateId?: string): void => {
    send.reset();
    preview.mutate({ ...input, ...(delegateId ? { delegateId } : {}) });
  };
  const confirm = (): void =>
    send.mutate(input, {
      onSuccess: () => {
        clearDraft();
        preview.reset();
      },
      onSettled: () => {
        setConfirming(false);
        openRef.current?.focus();
      },
    });
  const shown = (everyone.data ?? []).filter((r) =>
    `${r.name} ${r.email} ${r.clusterName}`.toLowerCase().includes(filter.toLowerCase()),
  );
  const count = preview.data?.recipients;

  return (
    <section aria-labelledby="mailings-title">
      <h1 id="mailings-title">{t('mailings.title')}</h1>
      <p className="hint">{t('mailings.hint')}</p>
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          runPreview();
        }}
      >
        <h2>{t('mailings.who')}</h2>
        <Field label={t('mailings.segment')} error={error} path="segment">
          {(id, describedBy) => (
            <select
              id={id}
              aria-describedby={describedBy}
              value={draft.kind}
              onChange={(e) => set({ kind: e.target.value as SegmentKind })}
            >
              {segmentKindValues.map((k) => (
                <option key={k} value={k}>
                  {t(`mailings.segment.${k}` as MessageKey)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {draft.kind === 'few-meetings' ? (
          <Field label={t('mailings.minMeetings')} error={error} path="segment.minMeetings">
            {(id, describedBy, invalid) => (
              <input
                id={id}
                type="number"
                min={1}
                max={1000}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                value={draft.minMeetings}
                onChange={(e) => set({ minMeetings: Number(e.target.value) })}
              />
            )}
          </Field>
        ) : null}
        {draft.kind === 'country' ? (
          <Field label={t('mailings.country')} error={error} path="segment.country" hint="DK, SE, DE …">
            {(id, describedBy, invalid) => (
              <input
                id={id}
                maxLength={2}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                value={draft.country}
                onChange={(e) => set({ country: e.target.value.toUpperCase() })}
              />
            )}
          </Field>
        ) : null}
        {draft.kind === 'sector' ? (
          <Field label={t('mailings.sector')} error={error} path="segment.sectorId">
            {(id, describedBy) => (
              <select
                id={id}
                aria-describedby={describedBy}
                value={draft.sectorId}
                onChange={(e) => set({ sectorId: e.target.value })}
              >
                <option value="">{t('mailings.chooseSector')}</option>
                {sectors.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        {draft.kind === 'delegates' ? (
          <fieldset>
            <legend>{tn('mailings.picked', draft.delegateIds.length)}</legend>
            <Field label={t('mailings.filter')}>
              {(id) => <input id={id} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />}
            </Field>
            {everyone.data ? (
              <ul className="pick-list">
                {shown.slice(0, 200).map((r) => (
                  <li key={r.delegateId}>
                    <label>
                      <input
                        type="checkbox"
                        checked={draft.delegateIds.includes(r.delegateId)}
                        onChange={(e) =>
                          set({
                            delegateIds: e.target.checked
                              ? [...draft.delegateIds, r.delegateId]
                              : draft.delegateIds.filter((x) => x !== r.delegateId),
                          })
                        }
                      />{' '}
                      {r.name} ({r.clusterName})
                    </label>
                  </li>
                ))}
              </ul>
            ) : (
              <Loading />
            )}
            <InlineErrors error={error} path="segment.delegateIds" />
          </fieldset>
        ) : null}

        <h2>{t('mailings.what')}</h2>
        <p className="hint">
          {t('mailings.placeholders')} <code>{PLACEHOLDERS.join(' ')}</code>. {t('mailings.bothLanguages')}
        </p>
        {(['en', 'da'] as const).map((l) => {
          const subjectKey = l === 'en' ? 'subjectEn' : 'subjectDa';
          const bodyKey = l === 'en' ? 'bodyEn' : 'bodyDa';
          return (
            <fieldset key={l}>
              <legend>{t(`mailings.lang.${l}` as MessageKey)}</legend>
              <Field label={t('mailings.subject')} error={error} path={`subject.${l}`}>
                {(id, describedBy, invalid) => (
                  <input
                    id={id}
                    maxLength={200}
                    aria-describedby={describedBy}
                    aria-invalid={invalid || undefined}
                    value={draft[subjectKey]}
                    onChange={(e) => set({ [subjectKey]: e.target.value })}
                  />
                )}
              </Field>
              <Field label={t('mailings.body')} error={error} path={`body.${l}`}>
                {(id, describedBy, invalid) => (
                  <textarea
                    id={id}
                    rows={8}
                    maxLength={20000}
                    aria-describedby={describedBy}
                    aria-invalid={invalid || undefined}
                    value={draft[bodyKey]}
                    onChange={(e) => set({ [bodyKey]: e.target.value })}
                  />
                )}
              </Field>
            </fieldset>
          );
        })}
        <div className="actions">
          <button type="submit" disabled={preview.isPending}>
            {preview.isPending ? t('mailings.previewing') : t('mailings.preview')}
          </button>
        </div>
      </form>

      <ErrorBanner error={error} />
      {preview.data ? (
        <section className="card" aria-labelledby="mailing-preview-title">
          <h2 id="mailing-preview-title">{t('mailings.previewTitle')}</h2>
          <p>
            <strong>{tn('mailings.recipients', preview.data.recipients)}</strong>
            {preview.data.excluded > 0 ? ` ${tn('mailings.excluded', preview.data.excluded)}` : ''}
          </p>
          {preview.data.preview ? (
            <>
              <PreviewRecipientPicker
                eventId={eventId}
                segment={input.segment}
                value={previewFor || preview.data.preview.delegateId}
                onChange={(id) => {
                  setPreviewFor(id);
                  runPreview(id);
                }}
              />
              <dl className="preview-meta">
                <dt>{t('mailings.to')}</dt>
                <dd>
                  {preview.data.preview.name} &lt;{preview.data.preview.email}&gt; ({preview.data.preview.clusterName})
                </dd>
                <dt>{t('mailings.language')}</dt>
                <dd>{t(`mailings.lang.${preview.data.preview.language}` as MessageKey)}</dd>
                <dt>{t('mailings.subject')}</dt>
                <dd data-testid="preview-subject">{preview.data.preview.subject}</dd>
              </dl>
              <pre className="mail-preview" data-testid="preview-text">
                {preview.data.preview.text}
              </pre>
              <div className="actions">
                <button
                  ref={openRef}
                  type="button"
                  className="primary"
                  aria-expanded={dialog.confirming}
                  disabled={send.isPending}
                  onClick={() => setConfirming(true)}
                >
                  {t('mailings.send')}
                </button>
              </div>
              {count !== undefined ? (
                <ConfirmDialog
                  confirm={dialog}
                  text={tn('mailings.confirm', count)}
                  yes={tn('mailings.confirmYes', count)}
                  busy={send.isPending}
                  busyText={t('mailings.sending')}
                  onYes={confirm}
                />
              ) : null}
            </>
          ) : (
            <p className="muted">{t('mailings.nobody')}</p>
          )}
        </section>
      ) : null}
      {send.data ? <Notice>{tn('mailings.queued', send.data.queued)}</Notice> : null}

      <NudgesPanel eventId={eventId} />

      <section aria-labelledby="mailings-sent-title">
        <h2 id="mailings-sent-title">{t('mailings.sent')}</h2>
        <ErrorBanner error={mailings.error} />
        {!mailings.data ? (
          mailings.error ? null : (
            <Loading />
          )
        ) : mailings.data.length === 0 ? (
          <p className="muted">{t('mailings.none')}</p>
        ) : (
          <TableWrap>
            <table>
              <caption className="sr-only">{t('mailings.sent')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('mailings.when')}</th>
                  <th scope="col">{t('mailings.subject')}</th>
                  <th scope="col">{t('mailings.segment')}</th>
                  <th scope="col">{t('mailings.count.recipients')}</th>
                  <th scope="col">{t('mailings.count.queued')}</th>
                  <th scope="col">{t('mailings.count.sent')}</th>
                  <th scope="col">{t('mailings.count.failed')}</th>
                </tr>
              </thead>
              <tbody>
                {mailings.data.map((m) => (
                  <tr key={m.id}>
                    <td>{new Date(m.createdAt).toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB')}</td>
                    <td>{(lang === 'da' ? (m.subject.da ?? m.subject.en) : (m.subject.en ?? m.subject.da)) ?? ''}</td>
                    <td>{t(`mailings.segment.${m.segment.kind}` as MessageKey)}</td>
                    <td>{m.recipients}</td>
                    <td>{m.queued}</td>
                    <td>{m.sent}</td>
                    <td>{m.failed}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
    </section>
  );
}

/** Chooses the recipient the preview is shown for. */
function PreviewRecipientPicker(props: {
  eventId: string;
  segment: Segment;
  value: string;
  onChange: (delegateId: string) => void;
}): ReactNode {
  const { t } = useI18n();
  const recipients = useSegmentRecipients(props.eventId, props.segment, true);
  if (!recipients.data || recipients.data.length < 2) return null;
  return (
    <Field label={t('mailings.previewFor')}>
      {(id) => (
        <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
          {recipients.data.slice(0, 500).map((r) => (
            <option key={r.delegateId} value={r.delegateId}>
              {r.name} ({r.clusterName})
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
