import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 9, item 2: an organiser archives a past event (null: current). */
export class EventArchive1764610000000 implements MigrationInterface {
  name = 'EventArchive1764610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE event ADD COLUMN archived_at varchar(30)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE event DROP COLUMN archived_at');
  }
}
