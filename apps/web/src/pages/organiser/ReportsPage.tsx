import { useState, type ReactNode } from 'react';
import {
  exportImpactAcross,
  exportPerformance,
  useImpactAcross,
  usePerformance,
  type FileFormat,
  type ReportGrouping,
} from '../../api/outcomes';
import { reportGroupingValues } from '../../api/schema';
import { BarChart } from '../../components/BarChart';
import { ErrorBanner, Field, Loading, TableWrap } from '../../components/ui';
import { useI18n, type MessageKey } from '../../i18n';

const FORMATS: FileFormat[] = ['csv', 'xlsx', 'pdf'];

/** Reports across events: the impact figures by year, cluster or country, and the yearly performance report. */
export function ReportsPage(): ReactNode {
  const { t } = useI18n();
  const [by, setBy] = useState<ReportGrouping>('year');
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [error, setError] = useState<unknown>(null);
  const y = /^\d{4}$/.test(year) ? Number(year) : null;
  const across = useImpactAcross(by, null);
  const save = (p: Promise<void>): void => {
    setError(null);
    p.catch(setError);
  };
  return (
    <section aria-labelledby="reports-title">
      <h1 id="reports-title">{t('reports.title')}</h1>
      <p className="hint">{t('reports.hint')}</p>
      <ErrorBanner error={error} />
      <section className="card" aria-labelledby="perf-title">
        <h2 id="perf-title">{t('reports.performance')}</h2>
        <Field label={t('reports.year')}>
          {(id) => (
            <input id={id} inputMode="numeric" maxLength={4} value={year} onChange={(e) => setYear(e.target.value)} />
          )}
        </Field>
        {y !== null ? <Performance year={y} /> : null}
        <div className="actions">
          {FORMATS.map((f) => (
            <button
              key={f}
              type="button"
              disabled={y === null}
              onClick={() => y !== null && save(exportPerformance(y, f))}
            >
              {t(`report.${f}` as MessageKey)}
            </button>
          ))}
        </div>
      </section>
      <section className="card" aria-labelledby="across-title">
        <h2 id="across-title">{t('reports.across')}</h2>
        <Field label={t('reports.by')}>
          {(id) => (
            <select id={id} value={by} onChange={(e) => setBy(e.target.value as ReportGrouping)}>
              {reportGroupingValues.map((g) => (
                <option key={g} value={g}>
                  {t(`reports.by.${g}` as MessageKey)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <ErrorBanner error={across.error} />
        {across.data ? (
          <>
            <TableWrap>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t(`reports.by.${by}` as MessageKey)}</th>
                    <th scope="col">{t('reports.events')}</th>
                    <th scope="col">{t('report.clusters')}</th>
                    <th scope="col">{t('report.scheduled')}</th>
                    <th scope="col">{t('report.held')}</th>
                    <th scope="col">{t('report.usefulness')}</th>
                    <th scope="col">{t('report.collaborations')}</th>
                    <th scope="col">{t('report.newIdeas')}</th>
                    <th scope="col">{t('report.newProducts')}</th>
                    <th scope="col">{t('report.newCompetences')}</th>
                  </tr>
                </thead>
                <tbody>
                  {across.data.groups.map((g) => (
                    <tr key={g.key}>
                      <th scope="row">{g.label}</th>
                      <td>{g.events}</td>
                      <td>{g.clusters}</td>
                      <td>{g.scheduled}</td>
                      <td>{g.held}</td>
                      <td>{g.usefulness === null ? '–' : g.usefulness.toFixed(2)}</td>
                      <td>{g.collaborations}</td>
                      <td>{g.newIdeas}</td>
                      <td>{g.newProducts}</td>
                      <td>{g.newCompetences}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            <div className="charts">
              <BarChart
                title={t('reports.heldChart')}
                unit=""
                bars={across.data.groups
                  .slice(0, 30)
                  .map((g) => ({ label: g.label, value: g.held, total: g.scheduled }))}
              />
              <BarChart
                title={t('reports.collabChart')}
                unit=""
                bars={across.data.groups.slice(0, 30).map((g) => ({ label: g.label, value: g.collaborations }))}
              />
            </div>
          </>
        ) : (
          <Loading />
        )}
        <div className="actions">
          {FORMATS.map((f) => (
            <button key={f} type="button" onClick={() => save(exportImpactAcross(by, null, f))}>
              {t(`report.${f}` as MessageKey)}
            </button>
          ))}
        </div>
      </section>
    </section>
  );
}

function Performance({ year }: { year: number }): ReactNode {
  const { t } = useI18n();
  const report = usePerformance(year);
  if (report.error) return <ErrorBanner error={report.error} />;
  if (!report.data) return <Loading />;
  const r = report.data;
  const figures: [MessageKey, number][] = [
    ['reports.companies', r.participatingCompanies],
    ['reports.smes', r.participatingSmes],
    ['reports.newCollaborations', r.newCollaborations],
    ['report.newIdeas', r.newIdeas],
    ['report.newProducts', r.newProducts],
    ['report.newCompetences', r.newCompetences],
    ['reports.events', r.events.length],
    ['report.clusters', r.participatingClusters],
  ];
  return (
    <dl className="stats" aria-label={t('reports.performanceFigures', { year })}>
      {figures.map(([key, value]) => (
        <div key={key}>
          <dt>{t(key)}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
