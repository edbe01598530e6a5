import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 19: the organiser's rewording of transactional mails, per template and language. */
export class MailTemplates1764400200000 implements MigrationInterface {
  name = 'MailTemplates1764400200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE mail_template (template varchar(32) NOT NULL, language varchar(2) NOT NULL,
      subject text NOT NULL, body text NOT NULL, updated_by varchar(254) NOT NULL, updated_at varchar(30) NOT NULL,
      PRIMARY KEY (template, language))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE mail_template');
  }
}
