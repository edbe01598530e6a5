import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 19: custom mailings to segments, and each delegate's choice about optional mail
 * (unsubscribed) and the mark of an address that bounced.
 */
export class Mailings1764400000000 implements MigrationInterface {
  name = 'Mailings1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE mailing (id varchar(36) PRIMARY KEY,
      event_id varchar(36) NOT NULL REFERENCES event(id) ON DELETE CASCADE, segment text NOT NULL,
      subject text NOT NULL, body text NOT NULL, recipients integer NOT NULL, created_by varchar(254) NOT NULL,
      created_at varchar(30) NOT NULL)`);
    await q.query('CREATE INDEX ix_mailing_event ON mailing (event_id, created_at)');
    await q.query(`CREATE TABLE contact_preference (
      delegate_id varchar(36) PRIMARY KEY REFERENCES delegate(id) ON DELETE CASCADE,
      unsubscribed_at varchar(30), bounced_at varchar(30), bounce_reason text)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE contact_preference');
    await q.query('DROP TABLE mailing');
  }
}
