import type { ReactNode } from 'react';
import { useI18n } from '../i18n';

export interface Bar {
  label: string;
  value: number;
  /** Optional second value drawn behind (e.g. requested vs scheduled). */
  total?: number;
}

/**
 * A horizontal bar chart in plain HTML and CSS (no chart library, prints well). Labels are text at the page's font
 * size and wrap between words (no "…" truncation, so two long names that start alike still read differently); on a
 * phone each label sits on its own line above its bar instead of the chart shrinking to fit (issue 16).
 * Screen readers get the same figures as a table (visually hidden) right after the picture.
 */
export function BarChart({
  title,
  bars,
  unit,
  columns,
}: {
  title: string;
  bars: Bar[];
  unit: string;
  /** Headers of the screen readers' table: the label, the value and (with totals) the total. */
  columns?: { name: string; value: string; total?: string };
}): ReactNode {
  const { t } = useI18n();
  const max = Math.max(1, ...bars.map((b) => Math.max(b.value, b.total ?? 0)));
  const pct = (n: number): string => `${Math.round((n / max) * 10000) / 100}%`;
  const hasTotals = bars.some((b) => b.total !== undefined);
  const cols = columns ?? { name: t('chart.name'), value: unit || t('chart.value'), total: t('chart.total') };
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div className="chart-scroll">
        <div className="bars" role="img" aria-label={title}>
          {bars.map((b, i) => (
            <div
              className="bar-row"
              key={`${b.label}-${i}`}
              title={`${b.label}: ${b.value}${b.total !== undefined ? ` / ${b.total}` : ''} ${unit}`}
            >
              <span className="bar-label">{b.label}</span>
              <span className="bar-track">
                {b.total !== undefined ? <span className="bar-total" style={{ width: pct(b.total) }} /> : null}
                <span className="bar" style={{ width: pct(b.value) }} />
              </span>
              <span className="bar-value">
                {b.value}
                {b.total !== undefined ? `/${b.total}` : ''}
              </span>
            </div>
          ))}
        </div>
      </div>
      {/* Hidden in a box: a table keeps its content width whatever its own width says, and would widen a phone page. */}
      <div className="sr-only">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{cols.name}</th>
              <th scope="col">{cols.value}</th>
              {hasTotals ? <th scope="col">{cols.total ?? t('chart.total')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {bars.map((b, i) => (
              <tr key={`${b.label}-${i}`}>
                <th scope="row">{b.label}</th>
                <td>{b.value}</td>
                {hasTotals ? <td>{b.total ?? ''}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
