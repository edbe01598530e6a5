import { MigrationInterface, QueryRunner } from 'typeorm';

/** The mail outbox and calendar feed tokens (H7). Plain SQL that SQLite and PostgreSQL both accept. */
export class MailCalendars1763900200000 implements MigrationInterface {
  name = 'MailCalendars1763900200000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE outbox_message (id varchar(160) PRIMARY KEY, kind varchar(32) NOT NULL, event_id varchar(36),
        recipient varchar(254) NOT NULL, subject varchar(400) NOT NULL, mail text NOT NULL, status varchar(16) NOT NULL,
        attempts integer NOT NULL DEFAULT 0, interrupted integer NOT NULL DEFAULT 0, created_at varchar(30) NOT NULL,
        next_attempt_at varchar(30) NOT NULL, lease_owner varchar(120), lease_until varchar(30), last_error text,
        sent_at varchar(30), response text)`,
      // The worker's claim: pending and due, or sending with an expired lease.
      `CREATE INDEX ix_outbox_due ON outbox_message (status, next_attempt_at)`,
      `CREATE INDEX ix_outbox_created ON outbox_message (created_at)`,
      `CREATE TABLE calendar_feed (id varchar(36) PRIMARY KEY, token varchar(64) NOT NULL, kind varchar(16) NOT NULL,
        event_id varchar(36) NOT NULL REFERENCES event(id) ON DELETE CASCADE, delegate_id varchar(36),
        created_at varchar(30) NOT NULL, revoked_at varchar(30))`,
      `CREATE UNIQUE INDEX ux_calendar_feed_token ON calendar_feed (token)`,
      `CREATE INDEX ix_calendar_feed_owner ON calendar_feed (event_id, kind, delegate_id)`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE calendar_feed');
    await q.query('DROP TABLE outbox_message');
  }
}
