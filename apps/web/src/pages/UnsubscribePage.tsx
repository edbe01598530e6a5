import type { ReactNode } from 'react';
import { useUnsubscribe } from '../api/mailings';
import { ErrorBanner, Notice } from '../components/ui';
import { useI18n } from '../i18n';

/**
 * The unsubscribe link of a mailing or nudge (`/unsubscribe?token=`). It asks before it acts, so a mail
 * scanner that opens links unsubscribes nobody.
 */
export function UnsubscribePage({ token }: { token: string | null }): ReactNode {
  const { t } = useI18n();
  const unsubscribe = useUnsubscribe();
  return (
    <section aria-labelledby="unsubscribe-title" className="card narrow">
      <h1 id="unsubscribe-title">{t('unsubscribe.title')}</h1>
      {!token ? (
        <p>{t('unsubscribe.missing')}</p>
      ) : unsubscribe.isSuccess ? (
        <Notice>{t('unsubscribe.done')}</Notice>
      ) : (
        <>
          <p>{t('unsubscribe.text')}</p>
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={unsubscribe.isPending}
              onClick={() => unsubscribe.mutate(token)}
            >
              {t('unsubscribe.button')}
            </button>
          </div>
        </>
      )}
      <ErrorBanner error={unsubscribe.error} />
    </section>
  );
}
