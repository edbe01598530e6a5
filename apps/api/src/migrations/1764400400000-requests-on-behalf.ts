import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 19, item 5: requests an organiser made or withdrew on a cluster's behalf are marked with who did it. */
export class RequestsOnBehalf1764400400000 implements MigrationInterface {
  name = 'RequestsOnBehalf1764400400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE meeting_request ADD COLUMN created_by_organiser varchar(254) NULL');
    await q.query('ALTER TABLE meeting_request ADD COLUMN cancelled_by_organiser varchar(254) NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE meeting_request DROP COLUMN cancelled_by_organiser');
    await q.query('ALTER TABLE meeting_request DROP COLUMN created_by_organiser');
  }
}
