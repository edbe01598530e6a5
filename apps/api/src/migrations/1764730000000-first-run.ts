import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16: the demo event is marked as such (item 9: in development the sign-in page lists its delegates with a
 * "sign in as" button, which works on the demo's delegates only), and an organiser chooses their language (item 1:
 * `en` or `da` for their mails and the service's error messages; null: English, or the browser's).
 */
export class FirstRun1764730000000 implements MigrationInterface {
  name = 'FirstRun1764730000000';

  async up(q: QueryRunner): Promise<void> {
    // SQLite keeps a default's text as written: 0, as TypeORM writes `default: false` there (the schema-drift test).
    const no = q.connection.options.type === 'postgres' ? 'false' : '0';
    await q.query(`ALTER TABLE event ADD COLUMN demo boolean NOT NULL DEFAULT ${no}`);
    await q.query('ALTER TABLE organiser ADD COLUMN language varchar(2) NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE organiser DROP COLUMN language');
    await q.query('ALTER TABLE event DROP COLUMN demo');
  }
}
