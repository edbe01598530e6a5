import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 9, item 5: a meeting of a draft the organiser pinned by hand stays where it is when re-solving around pins. */
export class AssignmentPinned1764510000000 implements MigrationInterface {
  name = 'AssignmentPinned1764510000000';

  async up(q: QueryRunner): Promise<void> {
    // SQLite keeps a default's text as written: 0, as TypeORM writes `default: false` there (the schema-drift test).
    const no = q.connection.options.type === 'postgres' ? 'false' : '0';
    await q.query(`ALTER TABLE schedule_assignment ADD COLUMN pinned boolean NOT NULL DEFAULT ${no}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE schedule_assignment DROP COLUMN pinned');
  }
}
