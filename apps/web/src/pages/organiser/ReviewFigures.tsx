import type { ReactNode } from 'react';
import type { Review } from '../../api/schedule';
import { BarChart } from '../../components/BarChart';
import { useI18n, type I18n, type MessageKey } from '../../i18n';

const STATUS: Record<string, MessageKey> = {
  optimal: 'review.status.optimal',
  feasible: 'review.status.feasible',
  timedout: 'review.status.timedout',
  infeasible: 'review.status.infeasible',
};

/** How good the version is, in one sentence: proven optimal, proven within a gap, or not proven. */
export function qualityKey(r: Pick<Review, 'solverStatus' | 'gap' | 'bound'>): MessageKey {
  if (r.solverStatus === 'optimal' || r.gap === 0) return 'review.quality.optimal';
  if (r.bound !== null && r.gap !== null) return 'review.quality.gap';
  return 'review.quality.unproven';
}

/** A share as a percentage in the language's way of writing it ("1.25%", "1,25 %"). */
function percent(lang: 'en' | 'da', share: number): string {
  return new Intl.NumberFormat(lang === 'da' ? 'da-DK' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 2,
  }).format(share);
}

/**
 * The version's key figures in plain words (issue 16, item 4): a headline saying whether it is proven optimal, and
 * for each figure a visible line that says what it means.
 */
export function ReviewFigures({ review: r }: { review: Review }): ReactNode {
  const { t, lang } = useI18n();
  const without = r.meetingsPerCluster.filter((c) => c.meetings === 0).length;
  const gap = r.gap === null ? '–' : percent(lang, r.gap);
  const idleBound = r.stats['idleGapsBound'];
  const idle = r.stats['idleGaps'];
  const quality = qualityKey(r);
  const figure = (label: MessageKey, value: ReactNode, help: string, testId?: string): ReactNode => (
    <div>
      <dt>{t(label)}</dt>
      <dd data-testid={testId}>{value}</dd>
      <dd className="figure-help">{help}</dd>
    </div>
  );
  return (
    <>
      <p className={`quality quality-${quality.split('.').pop() ?? ''}`} data-testid="quality">
        {t(quality, { gap })}
      </p>
      <dl className="stats" aria-label={t('review.figures')}>
        {figure('review.objective', r.objective, t('review.objectiveHelp'), 'objective')}
        {figure('review.bound', r.bound ?? '–', t(r.bound === null ? 'review.boundNone' : 'review.boundHelp'), 'bound')}
        {figure('review.gap', gap, t('review.gapHelp'), 'gap')}
        {figure(
          'review.solverStatus',
          STATUS[r.solverStatus] ? t(STATUS[r.solverStatus] as MessageKey) : r.solverStatus,
          t('review.solverStatusHelp'),
          'solver-status',
        )}
        {figure('review.scheduled', r.meetingsScheduled, t('review.scheduledHelp'), 'scheduled')}
        {figure('review.unscheduled', r.meetingsUnscheduled, t('review.unscheduledHelp'), 'unscheduled')}
        {figure(
          'review.idleGaps',
          idle ?? '–',
          `${t('review.idleGapsHelp')}${
            idleBound === undefined || idle === undefined
              ? ''
              : ` ${idleBound >= idle ? t('review.idleGapsProven') : t('review.idleGapsBound', { n: idleBound })}`
          }`,
          'idle-gaps',
        )}
        {figure('review.clustersWithout', without, t('review.clustersWithoutHelp'), 'clusters-without')}
      </dl>
    </>
  );
}

/** Shortfall first (requested minus scheduled), then fewest scheduled, then by name. */
export function byShortfall<T extends { name: string; meetings: number; requested: number }>(rows: readonly T[]): T[] {
  return [...rows].sort(
    (a, b) =>
      b.requested - b.meetings - (a.requested - a.meetings) || a.meetings - b.meetings || a.name.localeCompare(b.name),
  );
}

/** The charts per country (fewest meetings first) and per cluster (biggest shortfall first), full names wrapped. */
export function ReviewCharts({ review: r }: { review: Review }): ReactNode {
  const { t } = useI18n();
  const countries = [...r.meetingsPerCountry].sort(
    (a, b) => a.meetings - b.meetings || a.country.localeCompare(b.country),
  );
  return (
    <div className="charts">
      <BarChart
        title={t('review.perCountry')}
        unit={t('review.meetings')}
        columns={{ name: t('review.country'), value: t('review.chartScheduled') }}
        bars={countries.map((c) => ({ label: c.country || '?', value: c.meetings }))}
      />
      <BarChart
        title={t('review.perCluster')}
        unit={t('review.meetings')}
        columns={{ name: t('review.cluster'), value: t('review.chartScheduled'), total: t('review.chartRequested') }}
        bars={byShortfall(r.meetingsPerCluster).map((c) => ({ label: c.name, value: c.meetings, total: c.requested }))}
      />
    </div>
  );
}

type Unscheduled = Review['unscheduled'][number];

/**
 * Why a meeting is not held, in the reader's language: from the reason's code and parameters (the service keeps the
 * English text beside them; a reason it cannot classify, `other`, is shown in that English text).
 */
export function reasonText(
  u: Pick<Unscheduled, 'reason' | 'reasonCode' | 'reasonParams'>,
  { t, tn }: Pick<I18n, 't' | 'tn'>,
): string {
  const p = u.reasonParams;
  const person = p.personName ?? p.person ?? '';
  switch (u.reasonCode) {
    case 'too_few_seats':
      return tn('reason.too_few_seats', p.seats ?? 0, { largest: p.largest ?? 0 });
    case 'person_full':
      return tn('reason.person_full', p.max ?? 0, { person });
    case 'person_no_meetings':
      return t('reason.person_no_meetings', { person });
    case 'no_delegate':
      return t('reason.no_delegate', { clusters: p.clusters ?? '' });
    case 'other':
      return u.reason;
    default:
      return t(`reason.${u.reasonCode}`);
  }
}

/**
 * Every cluster taking part without a meeting in this version, each with why: no accepted request at all, or the
 * solver's reasons for each of its requests it could not place.
 */
export function ClustersWithout({ review: r }: { review: Review }): ReactNode {
  const i18n = useI18n();
  const { t, tn } = i18n;
  const without = r.meetingsPerCluster.filter((c) => c.meetings === 0);
  return (
    <>
      <h2 id="without-title">{t('review.clustersWithoutTitle', { n: without.length })}</h2>
      {without.length === 0 ? <p>{t('review.none')}</p> : null}
      <ul aria-labelledby="without-title" className="without-list">
        {without.map((c) => {
          const reasons = [
            ...new Set(
              r.unscheduled.filter((u) => u.clusters.some((x) => x.id === c.id)).map((u) => reasonText(u, i18n)),
            ),
          ];
          return (
            <li key={c.id}>
              <strong>{c.name}</strong>:{' '}
              {c.requested === 0
                ? t('review.withoutNoRequest')
                : `${tn('review.withoutUnplaced', c.requested)} ${reasons.length ? reasons.join('; ') : t('review.withoutNoReason')}`}
            </li>
          );
        })}
      </ul>
    </>
  );
}
