import type { ReactNode } from 'react';
import { useErase, useErasurePreview } from '../../api/privacy';
import { ErrorBanner, Loading, useConfirm } from '../../components/ui';
import { useI18n } from '../../i18n';

/**
 * "Erase" with its confirmation (issue 17): the confirmation lists the upcoming meetings that are cancelled and how
 * many people are mailed about them, then erases and reports. `onErased` runs after a successful erasure (the
 * person's own erasure signs them out).
 */
export function ErasePanel({
  delegateId,
  self,
  onErased,
}: {
  delegateId: string;
  self: boolean;
  onErased?: () => void;
}): ReactNode {
  const { t, tn, formatDate, formatTime } = useI18n();
  const { textId, confirming, setConfirming, openRef, yesRef, cancel, onKey } = useConfirm();
  const preview = useErasurePreview(delegateId, confirming);
  const erase = useErase(delegateId);
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (erase.data)
    return (
      <p className="banner banner-ok" role="status">
        {tn('privacy.erased', erase.data.counterpartsMailed)}
      </p>
    );
  const meetings = preview.data?.cancelledMeetings ?? [];
  return (
    <div className="erase">
      <button
        ref={openRef}
        type="button"
        className="danger"
        aria-expanded={confirming}
        onClick={() => {
          erase.reset();
          setConfirming(true);
        }}
      >
        {self ? t('privacy.eraseMine') : t('privacy.erase')}
      </button>
      {confirming ? (
        <div role="alertdialog" aria-labelledby={textId} className="banner confirm" onKeyDown={onKey}>
          <p id={textId}>{self ? t('privacy.eraseConfirmSelf') : t('privacy.eraseConfirm')}</p>
          {preview.isPending ? <Loading /> : null}
          <ErrorBanner error={preview.error} />
          {preview.data ? (
            meetings.length ? (
              <>
                <p>{tn('privacy.cancelled', meetings.length)}</p>
                <ul className="compact">
                  {meetings.map((m) => (
                    <li key={m.requestId}>
                      {formatDate(m.startsAt, zone)} {formatTime(m.startsAt, zone)} · {m.counterparts.join(', ')} ·{' '}
                      {t('privacy.table', { table: m.table })}
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p>{t('privacy.noCancelled')}</p>
            )
          ) : null}
          <div className="actions">
            <button
              ref={yesRef}
              type="button"
              className="danger"
              disabled={erase.isPending || !preview.data}
              onClick={() =>
                erase.mutate(undefined, {
                  onSuccess: () => onErased?.(),
                  onSettled: () => setConfirming(false),
                })
              }
            >
              {erase.isPending ? t('privacy.erasing') : t('privacy.eraseYes')}
            </button>
            <button type="button" disabled={erase.isPending} onClick={cancel}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : null}
      <ErrorBanner error={erase.error} />
    </div>
  );
}
