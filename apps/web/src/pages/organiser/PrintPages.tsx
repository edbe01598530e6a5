import { useState, type ReactNode } from 'react';
import { useCheckins } from '../../api/eventday';
import { QrImage } from '../day/Qr';
import { useNavigate } from 'react-router';
import { useEvent, type EventView } from '../../api/events';
import { useReview, useVersions, type Assignment, type Review } from '../../api/schedule';
import { ErrorBanner, Loading } from '../../components/ui';
import { useI18n } from '../../i18n';
import { pickVersion } from './ReviewPage';

type PrintData =
  | { state: 'error'; error: unknown }
  | { state: 'loading' }
  | { state: 'none' }
  | { state: 'ready'; review: Review; event: EventView };

/** The version to print (the one asked for, else the newest), with its review and the event. */
function usePrintData(eventId: string, versionId: string | null): PrintData {
  const versions = useVersions(eventId);
  const v = versions.data ? pickVersion(versions.data, versionId) : undefined;
  const review = useReview(eventId, v?.id ?? null);
  const event = useEvent(eventId);
  const error = versions.error ?? review.error ?? event.error;
  if (error) return { state: 'error', error };
  if (versions.data && !v) return { state: 'none' };
  if (!review.data || !event.data) return { state: 'loading' };
  return { state: 'ready', review: review.data, event: event.data };
}

function PrintBar(): ReactNode {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <div className="no-print actions">
      <button type="button" className="primary" onClick={() => window.print()}>
        {t('print.print')}
      </button>
      <button type="button" onClick={() => void navigate(-1)}>
        {t('common.back')}
      </button>
    </div>
  );
}

/** Tables on one landscape A4 sheet of the table plan: six columns of about 160 px beside the time column. */
export const TABLES_PER_SHEET = 6;

type PlanLayout = 'sheets' | 'per-table';

/** The tables in print order, `size` to a sheet (every table of the event, then any only the schedule names). */
export function planSheets(tables: readonly string[], assignments: readonly Assignment[], size: number): string[][] {
  const known = new Set(tables);
  const cols = [...tables, ...[...new Set(assignments.map((a) => a.table.name))].filter((x) => !known.has(x)).sort()];
  const sheets: string[][] = [];
  for (let i = 0; i < cols.length; i += size) sheets.push(cols.slice(i, i + size));
  return sheets;
}

/**
 * The table plan (issue 16, item 3: one grid of 30 tables was three times wider than A4 landscape and lost the
 * tables past T09): sheets of six tables each, every one on its own landscape page, or one sheet per table for the
 * table hosts (who meets there when, and who comes).
 */
export function PrintTablePlan({ eventId, versionId }: { eventId: string; versionId: string | null }): ReactNode {
  const { t, tn } = useI18n();
  const data = usePrintData(eventId, versionId);
  const [layout, setLayout] = useState<PlanLayout>('sheets');
  if (data.state === 'error') return <ErrorBanner error={data.error} />;
  if (data.state === 'loading') return <Loading />;
  if (data.state === 'none') return <p>{t('review.noVersions')}</p>;
  const { review: r, event } = data;
  const tables = event.tables.map((x) => x.name);
  const sheets = planSheets(tables, r.assignments, layout === 'sheets' ? TABLES_PER_SHEET : 1);
  const slots = [...new Map(r.assignments.map((a) => [a.slot.id, a.slot])).values()].sort((a, b) =>
    a.start.localeCompare(b.start),
  );
  const cell = new Map(r.assignments.map((a) => [`${a.slot.id}|${a.table.name}`, a]));
  const title = t('print.tablePlan', { event: event.name, n: r.number });
  return (
    <section className={`print-page${layout === 'sheets' ? ' print-landscape' : ''}`}>
      <PrintBar />
      <h1 className="no-print">{title}</h1>
      <fieldset className="no-print plan-layout">
        <legend>{t('print.layout')}</legend>
        <label className="check">
          <input type="radio" name="plan-layout" checked={layout === 'sheets'} onChange={() => setLayout('sheets')} />{' '}
          {t('print.layoutSheets', { n: TABLES_PER_SHEET })}
        </label>
        <label className="check">
          <input
            type="radio"
            name="plan-layout"
            checked={layout === 'per-table'}
            onChange={() => setLayout('per-table')}
          />{' '}
          {t('print.layoutPerTable')}
        </label>
      </fieldset>
      <p className="no-print muted" role="status">
        {tn('print.sheets', sheets.length, { tables: sheets.flat().length })}
      </p>
      {sheets.map((cols, i) => (
        <article key={cols.join('|')} className="plan-sheet" aria-label={sheetLabel(cols)}>
          <h2>
            {title}
            <span className="muted">
              {' · '}
              {t('print.sheetOf', { n: i + 1, of: sheets.length })}
            </span>
          </h2>
          <p className="muted">
            {event.venue} · {sheetLabel(cols)}
          </p>
          {layout === 'sheets' ? (
            <SheetGrid cols={cols} slots={slots} cell={cell} timezone={event.timezone} />
          ) : (
            <TableHostSheet table={cols[0] ?? ''} slots={slots} cell={cell} timezone={event.timezone} />
          )}
        </article>
      ))}
    </section>
  );
}

function sheetLabel(cols: readonly string[]): string {
  return cols.length > 1 ? `${cols[0]} – ${cols[cols.length - 1]}` : (cols[0] ?? '');
}

type Slot = Assignment['slot'];

/** Slots by the tables of one sheet; the columns share the width (a long name wraps inside its cell). */
function SheetGrid({
  cols,
  slots,
  cell,
  timezone,
}: {
  cols: readonly string[];
  slots: readonly Slot[];
  cell: ReadonlyMap<string, Assignment>;
  timezone: string;
}): ReactNode {
  const { t, formatDate, formatTime } = useI18n();
  return (
    <table className="plan-grid">
      <thead>
        <tr>
          <th scope="col" className="plan-time">
            {t('review.slot')}
          </th>
          {cols.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {slots.map((s) => (
          <tr key={s.id}>
            <th scope="row" className="plan-time">
              {formatDate(s.start, timezone)} {formatTime(s.start, timezone)}
            </th>
            {cols.map((c) => {
              const a = cell.get(`${s.id}|${c}`);
              return <td key={c}>{a ? a.clusters.map((x) => x.name).join(' × ') : ''}</td>;
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One table's meetings for its host: time, the clusters, and the people who come. */
function TableHostSheet({
  table,
  slots,
  cell,
  timezone,
}: {
  table: string;
  slots: readonly Slot[];
  cell: ReadonlyMap<string, Assignment>;
  timezone: string;
}): ReactNode {
  const { t, formatDate, formatTime } = useI18n();
  const rows = slots.flatMap((s) => {
    const a = cell.get(`${s.id}|${table}`);
    return a ? [a] : [];
  });
  if (rows.length === 0) return <p>{t('print.tableFree')}</p>;
  return (
    <table className="plan-host">
      <thead>
        <tr>
          <th scope="col">{t('agenda.when')}</th>
          <th scope="col">{t('print.meeting')}</th>
          <th scope="col">{t('agenda.people')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((a) => (
          <tr key={a.requestId}>
            <td>
              {formatDate(a.slot.start, timezone)} {formatTime(a.slot.start, timezone)}–
              {formatTime(a.slot.end, timezone)}
            </td>
            <td>{a.clusters.map((x) => x.name).join(' × ')}</td>
            <td>{a.people.map((p) => p.name ?? '?').join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One page per attendee with their meetings: time, table, with whom. */
export function PrintAgendas({ eventId, versionId }: { eventId: string; versionId: string | null }): ReactNode {
  const { t, formatDate, formatTime } = useI18n();
  const data = usePrintData(eventId, versionId);
  // Issue 10: each printed agenda carries its attendee's check-in QR code.
  const checkins = useCheckins(eventId, '');
  if (data.state === 'error') return <ErrorBanner error={data.error} />;
  if (data.state === 'loading') return <Loading />;
  if (data.state === 'none') return <p>{t('review.noVersions')}</p>;
  const { review: r, event } = data;
  const codes = new Map((checkins.data ?? []).map((c) => [c.delegateId, c.checkinCode]));
  const tz = event.timezone;
  const people = new Map<string, { name: string; clusterId: string | null; meetings: Assignment[] }>();
  for (const a of r.assignments) {
    for (const p of a.people) {
      const e = people.get(p.id) ?? { name: p.name ?? p.id, clusterId: p.clusterId, meetings: [] };
      e.meetings.push(a);
      people.set(p.id, e);
    }
  }
  const clusterName = new Map(r.meetingsPerCluster.map((c) => [c.id, c.name]));
  const list = [...people.entries()].sort((a, b) => a[1].name.localeCompare(b[1].name));
  return (
    <section className="print-page">
      <PrintBar />
      <h1 className="no-print">{t('print.agendas', { event: event.name, n: r.number })}</h1>
      {list.map(([id, p]) => (
        <article key={id} className="attendee-agenda">
          <h2>
            {p.name}
            {p.clusterId ? <span className="muted"> · {clusterName.get(p.clusterId) ?? ''}</span> : null}
          </h2>
          <p className="muted">
            {event.name} · {event.venue}
          </p>
          {codes.get(id) ? <QrImage text={codes.get(id) ?? ''} label={t('day.qrAlt', { name: p.name })} /> : null}
          <table>
            <thead>
              <tr>
                <th scope="col">{t('agenda.when')}</th>
                <th scope="col">{t('agenda.table')}</th>
                <th scope="col">{t('agenda.with')}</th>
              </tr>
            </thead>
            <tbody>
              {p.meetings
                .slice()
                .sort((a, b) => a.slot.start.localeCompare(b.slot.start))
                .map((m) => (
                  <tr key={m.requestId}>
                    <td>
                      {formatDate(m.slot.start, tz)} {formatTime(m.slot.start, tz)}–{formatTime(m.slot.end, tz)}
                    </td>
                    <td>{m.table.name}</td>
                    <td>
                      {m.clusters
                        .filter((c) => c.id !== p.clusterId)
                        .map((c) => `${c.name} (${c.country})`)
                        .join(', ')}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </article>
      ))}
    </section>
  );
}
