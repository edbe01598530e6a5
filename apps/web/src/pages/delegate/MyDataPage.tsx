import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import {
  downloadPersonalData,
  useMyData,
  useMyPrivacy,
  useSetDirectoryVisible,
  type PersonalData,
} from '../../api/privacy';
import { ErrorBanner, Loading } from '../../components/ui';
import { useI18n, type MessageKey } from '../../i18n';
import { useSession } from '../../lib/session';
import { ErasePanel } from '../shared/ErasePanel';
import { DirectoryChoice, NoticeText } from './NoticeGate';

/** The directory choice (saved at once) and the notice accepted last. */
function DirectoryPanel(): ReactNode {
  const { t, lang } = useI18n();
  const mine = useMyPrivacy();
  const set = useSetDirectoryVisible();
  if (!mine.data) return <ErrorBanner error={mine.error} />;
  return (
    <section className="card">
      <h2>{t('privacy.choicesTitle')}</h2>
      <DirectoryChoice checked={mine.data.directoryVisible} disabled={set.isPending} onChange={(v) => set.mutate(v)} />
      {set.isSuccess ? (
        <p role="status" className="muted">
          {t('common.saved')}
        </p>
      ) : null}
      <ErrorBanner error={set.error} />
      {mine.data.notice ? (
        <details>
          <summary>{t('privacy.noticeVersion', { version: mine.data.notice.version })}</summary>
          <NoticeText text={lang === 'da' ? mine.data.notice.text.da : mine.data.notice.text.en} />
        </details>
      ) : null}
    </section>
  );
}

/** One section of the readable export: a heading and a list, or "nothing". */
function Section({ title, items }: { title: MessageKey; items: string[] }): ReactNode {
  const { t } = useI18n();
  return (
    <section className="card">
      <h2>{t(title)}</h2>
      {items.length ? (
        <ul className="compact">
          {items.map((x, i) => (
            <li key={i}>{x}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('privacy.none')}</p>
      )}
    </section>
  );
}

/**
 * "My data" (issue 17): everything the service holds about the signed-in delegate as a readable page, the same as a
 * JSON download, and the erasure of it all.
 */
export function MyDataPage({ delegateId }: { delegateId: string }): ReactNode {
  const { t } = useI18n();
  const data = useMyData();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const [downloading, setDownloading] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);
  if (data.error) return <ErrorBanner error={data.error} />;
  if (!data.data) return <Loading />;
  const d: PersonalData = data.data;
  const when = (iso: string | null | undefined): string => (iso ? new Date(iso).toLocaleString() : '–');
  return (
    <section aria-labelledby="my-data-title">
      <h1 id="my-data-title">{t('privacy.myDataTitle')}</h1>
      <p>{t('privacy.myDataHint')}</p>
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={downloading}
          onClick={() => {
            setDownloading(true);
            setFailed(null);
            downloadPersonalData(delegateId)
              .catch((e: unknown) => setFailed(e))
              .finally(() => setDownloading(false));
          }}
        >
          {downloading ? t('privacy.downloading') : t('privacy.download')}
        </button>
      </div>
      <ErrorBanner error={failed} />
      <section className="card">
        <h2>{t('privacy.profile')}</h2>
        <dl className="stats">
          <div>
            <dt>{t('privacy.name')}</dt>
            <dd>{d.person.name}</dd>
          </div>
          <div>
            <dt>{t('privacy.email')}</dt>
            <dd>{d.person.email}</dd>
          </div>
          <div>
            <dt>{t('privacy.role')}</dt>
            <dd>{d.person.role || '–'}</dd>
          </div>
          <div>
            <dt>{t('privacy.cluster')}</dt>
            <dd>{d.cluster.name}</dd>
          </div>
          <div>
            <dt>{t('privacy.directory')}</dt>
            <dd>{d.person.directoryVisible ? t('privacy.yes') : t('privacy.no')}</dd>
          </div>
        </dl>
      </section>
      <DirectoryPanel />
      <Section title="privacy.events" items={d.events.map((e) => e.name)} />
      <Section
        title="privacy.requests"
        items={d.requests.map(
          (r) => `${r.eventName}: ${r.clusters.join(' – ')} (${r.status})${r.note ? ` “${r.note}”` : ''}`,
        )}
      />
      <Section
        title="privacy.meetings"
        items={d.meetings.map((m) => `${when(m.startsAt)} · ${m.table} · ${m.clusters.join(' – ')}`)}
      />
      <Section
        title="privacy.unavailability"
        items={d.unavailability.map((u) => `${when(u.startsAt)} – ${when(u.endsAt)}`)}
      />
      <Section
        title="privacy.feedback"
        items={d.feedback.map(
          (f) => `${f.held ? `${f.usefulness ?? '–'}/5` : t('privacy.notHeld')}${f.note ? ` “${f.note}”` : ''}`,
        )}
      />
      <Section title="privacy.mails" items={d.mails.map((m) => `${when(m.createdAt)} · ${m.subject} (${m.status})`)} />
      <Section
        title="privacy.consent"
        items={d.consent.map((c) => t('privacy.consentItem', { version: c.version, at: when(c.acceptedAt) }))}
      />
      <section className="card">
        <h2>{t('privacy.eraseTitle')}</h2>
        <p>{t('privacy.eraseHint')}</p>
        <ErasePanel
          delegateId={delegateId}
          self
          onErased={() => {
            signOut();
            void navigate('/login');
          }}
        />
      </section>
    </section>
  );
}
