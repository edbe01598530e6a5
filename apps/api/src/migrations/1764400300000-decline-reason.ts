import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 19, item 5: the receiver's reason for declining a request, shown to the requester. */
export class DeclineReason1764400300000 implements MigrationInterface {
  name = 'DeclineReason1764400300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE request_party ADD COLUMN decline_reason text NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE request_party DROP COLUMN decline_reason');
  }
}
