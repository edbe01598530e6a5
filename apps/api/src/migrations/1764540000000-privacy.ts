import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17, privacy by design: erased delegates (`erased_at`), the delegate's choice to be listed in the directory,
 * the acceptance of the privacy notice, and the audit log of organiser actions on personal data and schedules.
 */
export class Privacy1764540000000 implements MigrationInterface {
  name = 'Privacy1764540000000';

  async up(q: QueryRunner): Promise<void> {
    const bool =
      q.connection.options.type === 'postgres' ? 'boolean NOT NULL DEFAULT true' : 'boolean NOT NULL DEFAULT 1';
    await q.query('ALTER TABLE delegate ADD COLUMN erased_at varchar(30) NULL');
    await q.query(`ALTER TABLE delegate ADD COLUMN directory_visible ${bool}`);
    await q.query(`CREATE TABLE audit_log (id varchar(36) PRIMARY KEY, at varchar(30) NOT NULL,
      actor_kind varchar(16) NOT NULL, actor_id varchar(36) NOT NULL, actor_email varchar(254) NOT NULL,
      action varchar(32) NOT NULL, target_type varchar(32) NOT NULL, target_id varchar(36) NULL,
      event_id varchar(36) NULL, summary text NOT NULL)`);
    await q.query('CREATE INDEX ix_audit_log_at ON audit_log (at)');
    await q.query(`CREATE TABLE privacy_acceptance (delegate_id varchar(36) NOT NULL, version integer NOT NULL,
      accepted_at varchar(30) NOT NULL, PRIMARY KEY (delegate_id, version))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE privacy_acceptance');
    await q.query('DROP INDEX ix_audit_log_at');
    await q.query('DROP TABLE audit_log');
    await q.query('ALTER TABLE delegate DROP COLUMN directory_visible');
    await q.query('ALTER TABLE delegate DROP COLUMN erased_at');
  }
}
