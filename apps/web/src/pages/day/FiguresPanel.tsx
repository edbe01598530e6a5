import { useState, type ReactNode } from 'react';
import { downloadFigures, useFigures } from '../../api/eventday';
import { ErrorBanner, Loading } from '../../components/ui';
import { useI18n } from '../../i18n';

/** The day's figures for the published version (issue 10): held, no-shows by cluster and country, check-in, rebookings. */
export function DayFiguresPanel({ eventId }: { eventId: string }): ReactNode {
  const { t, lang } = useI18n();
  const figures = useFigures(eventId);
  const [error, setError] = useState<unknown>(null);
  if (figures.error) return <ErrorBanner error={figures.error} />;
  if (!figures.data) return <Loading />;
  const f = figures.data;
  const pct = new Intl.NumberFormat(lang === 'da' ? 'da-DK' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 });
  return (
    <section className="card" aria-labelledby="day-figures-title">
      <h2 id="day-figures-title">{t('day.figures')}</h2>
      <dl className="stats">
        <dt>{t('day.fig.held')}</dt>
        <dd data-testid="day-held">
          {f.held} / {f.meetings}
        </dd>
        <dt>{t('day.fig.noShows')}</dt>
        <dd>{f.noShows}</dd>
        <dt>{t('day.fig.cancelled')}</dt>
        <dd>{f.cancelledOnSite}</dd>
        <dt>{t('day.fig.checkIn')}</dt>
        <dd>
          {pct.format(f.checkInRate)} ({f.checkedIn} / {f.attendees})
        </dd>
        <dt>{t('day.fig.rebookings')}</dt>
        <dd>{f.rebookings}</dd>
      </dl>
      {f.noShowsByCountry.length > 0 ? (
        <p>
          {t('day.fig.byCountry')}: {f.noShowsByCountry.map((x) => `${x.country} ${x.count}`).join(', ')}
        </p>
      ) : null}
      {f.noShowsByCluster.length > 0 ? (
        <p>
          {t('day.fig.byCluster')}: {f.noShowsByCluster.map((x) => `${x.name} ${x.count}`).join(', ')}
        </p>
      ) : null}
      <div className="actions no-print">
        <button type="button" onClick={() => downloadFigures(eventId, 'csv').catch(setError)}>
          {t('day.fig.csv')}
        </button>
        <button type="button" onClick={() => downloadFigures(eventId, 'xlsx').catch(setError)}>
          {t('day.fig.xlsx')}
        </button>
      </div>
      <ErrorBanner error={error} />
    </section>
  );
}
