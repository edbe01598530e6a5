import { useState, type ReactNode } from 'react';
import { useAcceptNotice, useMyPrivacy, useSetDirectoryVisible } from '../../api/privacy';
import { ErrorBanner, Loading } from '../../components/ui';
import { useI18n } from '../../i18n';

/** The notice's text as paragraphs (a blank line starts one). */
export function NoticeText({ text }: { text: string }): ReactNode {
  return (
    <div className="notice-text">
      {text
        .split(/\n\s*\n/)
        .filter((p) => p.trim())
        .map((p, i) => (
          <p key={i}>{p}</p>
        ))}
    </div>
  );
}

/** Whether the delegate's name and role are listed in the directory, with what it means. */
export function DirectoryChoice({
  checked,
  onChange,
  disabled,
}: {
  checked: boolean;
  onChange: (v: boolean) => void;
  disabled?: boolean;
}): ReactNode {
  const { t } = useI18n();
  return (
    <div className="field">
      <label>
        <input type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />{' '}
        {t('privacy.directoryChoice')}
      </label>
      <p className="muted">{t('privacy.directoryExplained')}</p>
    </div>
  );
}

/**
 * Before a delegate's pages: the organisation's privacy notice, when there is one they have not accepted in its
 * current version (at first sign-in and after every change), with the directory choice. Accepting records the
 * version and the time.
 */
export function NoticeGate({ children }: { children: ReactNode }): ReactNode {
  const { t, lang } = useI18n();
  const mine = useMyPrivacy();
  const accept = useAcceptNotice();
  const visible = useSetDirectoryVisible();
  const [listed, setListed] = useState<boolean | null>(null);
  if (mine.isPending) return <Loading />;
  if (!mine.data || !mine.data.mustAccept || !mine.data.notice) return children;
  const notice = mine.data.notice;
  const choice = listed ?? mine.data.directoryVisible;
  const busy = accept.isPending || visible.isPending;
  return (
    <section aria-labelledby="notice-title" className="card">
      <h1 id="notice-title">{t('privacy.noticeTitle')}</h1>
      <p>
        {mine.data.acceptedVersion ? t('privacy.noticeChanged') : t('privacy.noticeFirst')}{' '}
        <span className="muted">{t('privacy.noticeVersion', { version: notice.version })}</span>
      </p>
      <NoticeText text={lang === 'da' ? notice.text.da : notice.text.en} />
      <DirectoryChoice checked={choice} onChange={setListed} disabled={busy} />
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => {
            const done = (): void => accept.mutate(notice.version);
            if (choice !== mine.data.directoryVisible) visible.mutate(choice, { onSuccess: done });
            else done();
          }}
        >
          {busy ? t('privacy.accepting') : t('privacy.accept')}
        </button>
      </div>
      <ErrorBanner error={accept.error ?? visible.error} />
    </section>
  );
}
