import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16, item 1: the language a delegate is written in (`en` or `da`; null: the event's), and an event's default
 * for its delegates without one (null: the country rule, Danish for clusters in Denmark).
 */
export class Languages1764660000000 implements MigrationInterface {
  name = 'Languages1764660000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE delegate ADD COLUMN language varchar(2) NULL');
    await q.query('ALTER TABLE event ADD COLUMN language varchar(2) NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE event DROP COLUMN language');
    await q.query('ALTER TABLE delegate DROP COLUMN language');
  }
}
