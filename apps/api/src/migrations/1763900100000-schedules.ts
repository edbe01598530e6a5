import { MigrationInterface, QueryRunner } from 'typeorm';

/** Schedule versions and their assignments (H5). Plain SQL that SQLite and PostgreSQL both accept. */
export class Schedules1763900100000 implements MigrationInterface {
  name = 'Schedules1763900100000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE schedule_version (id varchar(36) PRIMARY KEY, event_id varchar(36) NOT NULL REFERENCES event(id) ON DELETE CASCADE,
        number integer NOT NULL, state varchar(16) NOT NULL, solver_status varchar(16) NOT NULL, objective double precision NOT NULL,
        bound double precision, stats text NOT NULL, unscheduled text NOT NULL, based_on_version_id varchar(36), changes text,
        job_id varchar(36) NOT NULL, mode varchar(16) NOT NULL, created_at varchar(30) NOT NULL, published_at varchar(30))`,
      `CREATE UNIQUE INDEX ux_schedule_version_number ON schedule_version (event_id, number)`,
      `CREATE UNIQUE INDEX ux_schedule_version_job ON schedule_version (job_id)`,
      `CREATE INDEX ix_schedule_version_state ON schedule_version (event_id, state)`,
      // At most one published version per event, even under concurrent publishes.
      `CREATE UNIQUE INDEX ux_schedule_version_published ON schedule_version (event_id) WHERE state = 'published'`,
      `CREATE TABLE schedule_assignment (version_id varchar(36) NOT NULL REFERENCES schedule_version(id) ON DELETE CASCADE,
        request_id varchar(36) NOT NULL, event_id varchar(36) NOT NULL, slot_id varchar(36) NOT NULL, table_id varchar(36) NOT NULL,
        starts_at varchar(30) NOT NULL, ends_at varchar(30) NOT NULL, table_name varchar(64) NOT NULL, weight double precision NOT NULL,
        cluster_ids text NOT NULL, delegate_ids text NOT NULL, PRIMARY KEY (version_id, request_id))`,
      `CREATE UNIQUE INDEX ux_schedule_assignment_table ON schedule_assignment (version_id, slot_id, table_id)`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE schedule_assignment');
    await q.query('DROP TABLE schedule_version');
  }
}
