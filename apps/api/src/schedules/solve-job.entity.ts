import { Column, Entity, PrimaryColumn } from 'typeorm';

/** `interrupted`: the process running the job stopped before it finished (a crash, a kill); start it again. */
export const SOLVE_JOB_STATES = ['queued', 'running', 'done', 'failed', 'interrupted'] as const;
export type SolveJobState = (typeof SOLVE_JOB_STATES)[number];

/** A solve job as recorded in the database: its last known state and progress. */
@Entity('solve_job')
export class SolveJobEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'event_id', length: 36 }) eventId!: string;
  /** 'solve' or 'resolve'. */
  @Column('varchar', { length: 16 }) mode!: string;
  @Column('varchar', { length: 16 }) state!: SolveJobState;
  @Column('integer', { default: 0 }) percent!: number;
  @Column('varchar', { length: 40, nullable: true }) phase!: string | null;
  @Column('double precision', { nullable: true }) objective!: number | null;
  @Column('double precision', { nullable: true }) bound!: number | null;
  @Column('text', { nullable: true }) error!: string | null;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt!: string;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt!: string;
  @Column('varchar', { name: 'finished_at', length: 30, nullable: true }) finishedAt!: string | null;
}
