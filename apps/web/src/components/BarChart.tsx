import type { ReactNode } from 'react';
import { useI18n } from '../i18n';

export interface Bar {
  label: string;
  value: number;
  /** Optional second value drawn behind (e.g. requested vs scheduled). */
  total?: number;
}

/** Characters of a label line at the chart's font size (about 190 px at 11 px). */
const LINE_CHARS = 30;

/**
 * A label in lines of at most `width` characters, broken between words (a word longer than a line is cut into
 * pieces), so two long names that start alike still read differently (issue 16: no "…" truncation).
 */
export function wrapLabel(label: string, width = LINE_CHARS): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const pieces = word.match(new RegExp(`.{1,${width}}`, 'gu')) ?? [word];
    for (const piece of pieces) {
      if (!line) line = piece;
      else if (line.length + 1 + piece.length <= width) line = `${line} ${piece}`;
      else {
        lines.push(line);
        line = piece;
      }
    }
  }
  if (line || !lines.length) lines.push(line);
  return lines;
}

/**
 * A plain SVG horizontal bar chart (no chart library, prints well). Labels wrap onto as many lines as they need.
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
  const lineH = 13;
  const pad = 7;
  const labelW = 190;
  const width = 520;
  const barW = width - labelW - 50;
  const heights = bars.map((b) => wrapLabel(b.label).length * lineH + pad);
  const tops = heights.map((_, i) => 2 + heights.slice(0, i).reduce((sum, h) => sum + h, 0));
  const placed = bars.map((b, i) => ({ bar: b, lines: wrapLabel(b.label), y: tops[i] ?? 2, h: heights[i] ?? 0 }));
  const height = 4 + heights.reduce((sum, h) => sum + h, 0);
  const hasTotals = bars.some((b) => b.total !== undefined);
  const cols = columns ?? { name: t('chart.name'), value: unit || t('chart.value'), total: t('chart.total') };
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div className="chart-scroll">
        <svg
          role="img"
          aria-label={title}
          width="100%"
          viewBox={`0 0 ${width} ${height}`}
          preserveAspectRatio="xMinYMin meet"
          style={{ maxWidth: width }}
        >
          {placed.map(({ bar: b, lines, y: top, h }, i) => {
            const barY = top + (h - (lineH + 1)) / 2;
            return (
              <g key={`${b.label}-${i}`}>
                <title>{`${b.label}: ${b.value}${b.total !== undefined ? ` / ${b.total}` : ''} ${unit}`}</title>
                <text x={labelW - 6} y={top + lineH} textAnchor="end" fontSize="11" fill="currentColor">
                  {lines.map((line, k) => (
                    <tspan key={k} x={labelW - 6} dy={k === 0 ? 0 : lineH}>
                      {line}
                    </tspan>
                  ))}
                </text>
                {b.total !== undefined ? (
                  <rect x={labelW} y={barY} width={(b.total / max) * barW} height={lineH + 1} className="bar-total" />
                ) : null}
                <rect x={labelW} y={barY} width={(b.value / max) * barW} height={lineH + 1} className="bar" />
                <text
                  x={labelW + (Math.max(b.value, b.total ?? 0) / max) * barW + 4}
                  y={barY + 11}
                  fontSize="11"
                  fill="currentColor"
                >
                  {b.value}
                  {b.total !== undefined ? `/${b.total}` : ''}
                </text>
              </g>
            );
          })}
        </svg>
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
