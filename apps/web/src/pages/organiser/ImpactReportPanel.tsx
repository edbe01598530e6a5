import { useState, type ReactNode } from 'react';
import { exportImpactReport, useImpactReport } from '../../api/feedback';
import { BarChart } from '../../components/BarChart';
import { ErrorBanner, Loading } from '../../components/ui';
import { useI18n, type MessageKey } from '../../i18n';

/** The impact report of the event: figures counted from the records, three charts, CSV, XLSX and PDF downloads. */
export function ImpactReportPanel({ eventId }: { eventId: string }): ReactNode {
  const { t } = useI18n();
  const report = useImpactReport(eventId);
  const [error, setError] = useState<unknown>(null);
  if (report.error) return <ErrorBanner error={report.error} />;
  if (!report.data) return <Loading />;
  const r = report.data;
  const figures: [MessageKey, string][] = [
    ['report.requested', String(r.meetings.requested)],
    ['report.accepted', String(r.meetings.accepted)],
    ['report.scheduled', String(r.meetings.scheduled)],
    ['report.held', String(r.meetings.held)],
    ['report.noShows', String(r.meetings.noShows)],
    ['report.unknown', String(r.meetings.unknown)],
    ['report.responseRate', `${Math.round(r.responses.rate * 100)} %`],
    ['report.checkInRate', `${Math.round(r.onTheDay.checkInRate * 100)} %`],
    ['report.markedHeld', String(r.onTheDay.held)],
    ['report.markedNoShows', String(r.onTheDay.noShows)],
    ['report.rebookings', String(r.onTheDay.rebookings)],
    ['report.usefulness', r.usefulness.mean === null ? '–' : r.usefulness.mean.toFixed(2)],
    ['report.clusters', String(r.participation.clusters)],
    ['report.companies', String(r.participation.companies)],
    ['report.smes', String(r.participation.smes)],
    ['report.countries', String(r.participation.countries)],
    ['report.collaborations', String(r.collaborations.launched)],
    ['report.newIdeas', String(r.collaborations.newIdeas)],
    ['report.newProducts', String(r.collaborations.newProducts)],
    ['report.newCompetences', String(r.collaborations.newCompetences)],
  ];
  const save = (format: 'csv' | 'xlsx' | 'pdf'): void => {
    setError(null);
    exportImpactReport(eventId, format).catch(setError);
  };
  return (
    <section className="card" aria-labelledby="report-title">
      <h2 id="report-title">{t('report.title', { year: r.year })}</h2>
      <p className="hint">{t('report.hint')}</p>
      <dl className="stats" aria-label={t('report.figures')}>
        {figures.map(([key, value]) => (
          <div key={key}>
            <dt>{t(key)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="charts">
        <BarChart
          title={t('report.nextSteps')}
          unit=""
          bars={r.nextSteps.map((s) => ({ label: t(`feedback.nextStep.${s.nextStep}` as MessageKey), value: s.count }))}
        />
        <BarChart
          title={t('report.usefulnessChart')}
          unit=""
          bars={r.usefulness.distribution.map((n, i) => ({
            label: t(`feedback.score.${i + 1}` as MessageKey),
            value: n,
          }))}
        />
        <BarChart
          title={t('report.collabTypes')}
          unit=""
          bars={r.collaborations.byType.map((x) => ({
            label: t(`collab.type.${x.type}` as MessageKey),
            value: x.count,
          }))}
        />
      </div>
      <ErrorBanner error={error} />
      <div className="actions">
        <button type="button" onClick={() => save('csv')}>
          {t('report.csv')}
        </button>
        <button type="button" onClick={() => save('xlsx')}>
          {t('report.xlsx')}
        </button>
        <button type="button" onClick={() => save('pdf')}>
          {t('report.pdf')}
        </button>
      </div>
    </section>
  );
}
