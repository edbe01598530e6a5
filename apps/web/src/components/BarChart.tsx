import type { ReactNode } from 'react';

export interface Bar {
  label: string;
  value: number;
  /** Optional second value drawn behind (e.g. requested vs scheduled). */
  total?: number;
}

/** A plain SVG horizontal bar chart (no chart library, prints well). */
export function BarChart({ title, bars, unit }: { title: string; bars: Bar[]; unit: string }): ReactNode {
  const max = Math.max(1, ...bars.map((b) => Math.max(b.value, b.total ?? 0)));
  const row = 20;
  const labelW = 190;
  const width = 520;
  const barW = width - labelW - 50;
  const height = bars.length * row + 4;
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
          {bars.map((b, i) => {
            const y = i * row + 2;
            return (
              <g key={`${b.label}-${i}`}>
                <title>{`${b.label}: ${b.value}${b.total !== undefined ? ` / ${b.total}` : ''} ${unit}`}</title>
                <text x={labelW - 6} y={y + 13} textAnchor="end" fontSize="11" fill="currentColor">
                  {b.label.length > 30 ? `${b.label.slice(0, 29)}…` : b.label}
                </text>
                {b.total !== undefined ? (
                  <rect x={labelW} y={y + 2} width={(b.total / max) * barW} height={row - 6} className="bar-total" />
                ) : null}
                <rect x={labelW} y={y + 2} width={(b.value / max) * barW} height={row - 6} className="bar" />
                <text
                  x={labelW + (Math.max(b.value, b.total ?? 0) / max) * barW + 4}
                  y={y + 13}
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
    </figure>
  );
}
