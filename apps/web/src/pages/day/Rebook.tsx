import { useState, type ReactNode } from 'react';
import { useBookOffer, useOffers, type Offer } from '../../api/eventday';
import { ConfirmDialog, ErrorBanner, Loading, Notice, useConfirm } from '../../components/ui';
import { useI18n, type MessageKey } from '../../i18n';

/**
 * Replacement offers for a delegate whose meeting will not happen (the solver's answer; nothing else moves). Who may
 * book (the organiser, or the delegate with self-service on) books one after a confirmation.
 */
export function RebookPanel({
  eventId,
  delegateId,
  timezone,
}: {
  eventId: string;
  delegateId: string;
  timezone: string;
}): ReactNode {
  const { t, formatTime, formatDate } = useI18n();
  const offers = useOffers(eventId, delegateId);
  const book = useBookOffer(eventId);
  const dialog = useConfirm();
  const { setConfirming, openRef } = dialog;
  const [chosen, setChosen] = useState<Offer | null>(null);
  if (offers.error) return <ErrorBanner error={offers.error} />;
  if (!offers.data) return <Loading />;
  const o = offers.data;
  const when = (iso: string): string => `${formatDate(iso, timezone)} ${formatTime(iso, timezone)}`;
  return (
    <section className="card rebook" aria-labelledby={`rebook-${delegateId}`}>
      <h3 id={`rebook-${delegateId}`}>{t('day.offersTitle')}</h3>
      {book.data ? (
        <Notice>{t('day.booked', { table: book.data.tableName, time: when(book.data.startsAt) })}</Notice>
      ) : null}
      {!o.checkedIn ? <p className="muted">{t('day.offersNotCheckedIn')}</p> : null}
      {o.checkedIn && o.missed.length === 0 && !book.data ? <p className="muted">{t('day.offersNoneMissed')}</p> : null}
      {o.missed.length > 0 && o.offers.length === 0 ? <p>{t('day.offersNone')}</p> : null}
      {o.offers.length > 0 ? (
        <ul className="offers">
          {o.offers.map((x) => {
            const label = t('day.offer', {
              name: x.partnerName,
              cluster: x.partnerClusterName,
              time: when(x.startsAt),
              table: x.tableName,
            });
            return (
              <li key={`${x.replacesMeetingId}-${x.partnerDelegateId}-${x.slotId}`}>
                <span>{label}</span> <span className="badge">{t(`day.basis.${x.basis}` as MessageKey)}</span>
                {o.canBook ? (
                  <button
                    type="button"
                    ref={chosen === x ? openRef : undefined}
                    aria-label={`${t('day.book')}: ${label}`}
                    onClick={() => {
                      book.reset();
                      setChosen(x);
                      setConfirming(true);
                    }}
                  >
                    {t('day.book')}
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {o.offers.length > 0 && !o.canBook ? <p className="muted">{t('day.askOrganiser')}</p> : null}
      {chosen ? (
        <ConfirmDialog
          confirm={dialog}
          text={t('day.bookConfirm', {
            name: chosen.partnerName,
            time: when(chosen.startsAt),
            table: chosen.tableName,
          })}
          yes={t('day.bookYes')}
          busy={book.isPending}
          busyText={t('day.booking')}
          onYes={() =>
            book.mutate(
              { delegateId, offer: chosen },
              {
                onSettled: () => {
                  setConfirming(false);
                  setChosen(null);
                },
              },
            )
          }
        />
      ) : null}
      <ErrorBanner error={book.error} />
    </section>
  );
}
