import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17: the organisation's privacy notice (versioned, English and Danish) and its retention setting (how long
 * personal data of people without upcoming events is kept, how long sent mails keep their bodies) with the report of
 * the last run of the retention job.
 */
export class PrivacyNoticeRetention1764541000000 implements MigrationInterface {
  name = 'PrivacyNoticeRetention1764541000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE privacy_notice (organisation_id varchar(36) NOT NULL, version integer NOT NULL,
      text_en text NOT NULL, text_da text NOT NULL, published_at varchar(30) NOT NULL,
      published_by varchar(254) NOT NULL, PRIMARY KEY (organisation_id, version))`);
    await q.query(`CREATE TABLE privacy_setting (organisation_id varchar(36) PRIMARY KEY,
      retention_months integer NULL, outbox_body_days integer NULL, updated_at varchar(30) NOT NULL,
      updated_by varchar(254) NOT NULL, last_run_at varchar(30) NULL, last_run_report text NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE privacy_setting');
    await q.query('DROP TABLE privacy_notice');
  }
}
