import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 19: the automatic nudges of the booking phase (settings per event, and what was sent to whom when). */
export class Nudges1764400100000 implements MigrationInterface {
  name = 'Nudges1764400100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE nudge_setting (
      event_id varchar(36) PRIMARY KEY REFERENCES event(id) ON DELETE CASCADE,
      no_meeting_enabled boolean NOT NULL, no_meeting_every_days integer NOT NULL,
      unanswered_enabled boolean NOT NULL, unanswered_after_days integer NOT NULL,
      last_call_enabled boolean NOT NULL, last_call_hours integer NOT NULL, updated_at varchar(30) NOT NULL)`);
    await q.query(`CREATE TABLE nudge_sent (id varchar(160) PRIMARY KEY,
      event_id varchar(36) NOT NULL REFERENCES event(id) ON DELETE CASCADE, kind varchar(16) NOT NULL,
      delegate_id varchar(36) NOT NULL REFERENCES delegate(id) ON DELETE CASCADE, sent_at varchar(30) NOT NULL)`);
    await q.query('CREATE INDEX ix_nudge_sent_who ON nudge_sent (event_id, kind, delegate_id, sent_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE nudge_sent');
    await q.query('DROP TABLE nudge_setting');
  }
}
