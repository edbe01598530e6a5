import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14, item 7: the state of solve jobs lives in the database, so a job outlives the process that ran it:
 * after a crash its id still answers (`interrupted`), and a finished job still shows its draft.
 */
export class SolveJobs1763900500000 implements MigrationInterface {
  name = 'SolveJobs1763900500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE solve_job (id varchar(36) PRIMARY KEY,
      event_id varchar(36) NOT NULL REFERENCES event(id) ON DELETE CASCADE, mode varchar(16) NOT NULL,
      state varchar(16) NOT NULL, percent integer NOT NULL DEFAULT 0, phase varchar(40), objective double precision,
      bound double precision, error text, created_at varchar(30) NOT NULL, updated_at varchar(30) NOT NULL,
      finished_at varchar(30))`);
    await q.query('CREATE INDEX ix_solve_job_state ON solve_job (state)');
    await q.query('CREATE INDEX ix_solve_job_event ON solve_job (event_id, created_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE solve_job');
  }
}
