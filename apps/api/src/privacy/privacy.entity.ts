import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What an audited action did (issue 17). */
export const AUDIT_ACTIONS = ['import', 'edit', 'erase', 'publish', 'export', 'retention', 'notice'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * One organiser action that touched personal data or a schedule: who (the organiser's id and address at the time),
 * when, what (`action` on `targetType`/`targetId`, in `eventId`), and a one-line summary. The summary names records
 * by id and counts, never a person's name or address, so erasing a person leaves nothing of them here.
 */
@Entity('audit_log')
export class AuditLogEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { length: 30 }) at!: string;
  /** `organiser`, `delegate` (a person exporting or erasing their own data) or `system` (the retention job). */
  @Column('varchar', { name: 'actor_kind', length: 16 }) actorKind!: string;
  @Column('varchar', { name: 'actor_id', length: 36 }) actorId!: string;
  /** The organiser's address; empty for a delegate or the system (a delegate's address would outlive an erasure). */
  @Column('varchar', { name: 'actor_email', length: 254 }) actorEmail!: string;
  @Column('varchar', { length: 32 }) action!: AuditAction;
  @Column('varchar', { name: 'target_type', length: 32 }) targetType!: string;
  @Column('varchar', { name: 'target_id', length: 36, nullable: true }) targetId!: string | null;
  @Column('varchar', { name: 'event_id', length: 36, nullable: true }) eventId!: string | null;
  @Column('text') summary!: string;
}

/** A delegate's acceptance of one version of the privacy notice. */
@Entity('privacy_acceptance')
export class PrivacyAcceptanceEntity {
  @PrimaryColumn('varchar', { name: 'delegate_id', length: 36 }) delegateId!: string;
  @PrimaryColumn('integer') version!: number;
  @Column('varchar', { name: 'accepted_at', length: 30 }) acceptedAt!: string;
}

/** One version of an organisation's privacy notice, in both languages. A new version asks everyone to accept again. */
@Entity('privacy_notice')
export class PrivacyNoticeEntity {
  @PrimaryColumn('varchar', { name: 'organisation_id', length: 36 }) organisationId!: string;
  @PrimaryColumn('integer') version!: number;
  @Column('text', { name: 'text_en' }) textEn!: string;
  @Column('text', { name: 'text_da' }) textDa!: string;
  @Column('varchar', { name: 'published_at', length: 30 }) publishedAt!: string;
  /** The owner's address. */
  @Column('varchar', { name: 'published_by', length: 254 }) publishedBy!: string;
}

/**
 * An organisation's retention: personal data of people without upcoming events is erased `retentionMonths` after
 * their last event; sent mails lose their bodies after `outboxBodyDays`. Null: not applied. The last run's report.
 */
@Entity('privacy_setting')
export class PrivacySettingEntity {
  @PrimaryColumn('varchar', { name: 'organisation_id', length: 36 }) organisationId!: string;
  @Column('integer', { name: 'retention_months', nullable: true }) retentionMonths!: number | null;
  @Column('integer', { name: 'outbox_body_days', nullable: true }) outboxBodyDays!: number | null;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt!: string;
  @Column('varchar', { name: 'updated_by', length: 254 }) updatedBy!: string;
  @Column('varchar', { name: 'last_run_at', length: 30, nullable: true }) lastRunAt!: string | null;
  /** JSON of the last run's report. */
  @Column('text', { name: 'last_run_report', nullable: true }) lastRunReport!: string | null;
}
