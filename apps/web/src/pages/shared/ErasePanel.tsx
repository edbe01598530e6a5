import type { ReactNode } from 'react';
import { useErase, useErasurePreview } from '../../api/privacy';
import { ConfirmDialog, ErrorBanner, Loading, useConfirm } from '../../components/ui';
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
  const dialog = useConfirm();
  const { setConfirming, openRef } = dialog;
  const preview = useErasurePreview(delegateId, dialog.confirming);
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
        aria-expanded={dialog.confirming}
        onClick={() => {
          erase.reset();
          setConfirming(true);
        }}
      >
        {self ? t('privacy.eraseMine') : t('privacy.erase')}
      </button>
      <ConfirmDialog
        confirm={dialog}
        text={self ? t('privacy.eraseConfirmSelf') : t('privacy.eraseConfirm')}
        yes={t('privacy.eraseYes')}
        busy={erase.isPending}
        busyText={t('privacy.erasing')}
        disabled={!preview.data}
        danger
        onYes={() => erase.mutate(undefined, { onSuccess: () => onErased?.(), onSettled: () => setConfirming(false) })}
      >
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
      </ConfirmDialog>
      <ErrorBanner error={erase.error} />
    </div>
  );
}
