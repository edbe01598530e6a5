import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11, part 3: follow-ups over years. An event's plan (the months after the event at which its clusters are
 * asked what came of the relationships started there), the rounds sent (or skipped), and the answers, which belong
 * to the cluster that gave them (not to the delegate), one per relationship and round.
 */
export class FollowUps1764550000000 implements MigrationInterface {
  name = 'FollowUps1764550000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE follow_up_plan (
      event_id varchar(36) PRIMARY KEY REFERENCES event(id) ON DELETE CASCADE,
      months varchar(100) NOT NULL, updated_at varchar(30) NOT NULL)`);
    await q.query(`CREATE TABLE follow_up_round (
      event_id varchar(36) NOT NULL REFERENCES event(id) ON DELETE CASCADE, months integer NOT NULL,
      due_at varchar(30) NOT NULL, state varchar(16) NOT NULL, sent_at varchar(30) NOT NULL,
      clusters integer NOT NULL, mails integer NOT NULL, PRIMARY KEY (event_id, months))`);
    await q.query(`CREATE TABLE follow_up_answer (id varchar(36) PRIMARY KEY,
      event_id varchar(36) NOT NULL REFERENCES event(id) ON DELETE CASCADE, months integer NOT NULL,
      cluster_id varchar(36) NOT NULL REFERENCES cluster(id) ON DELETE CASCADE,
      other_cluster_id varchar(36) NOT NULL REFERENCES cluster(id) ON DELETE CASCADE,
      outcome varchar(16) NOT NULL, note text NOT NULL, answered_by varchar(36) NOT NULL,
      created_at varchar(30) NOT NULL, updated_at varchar(30) NOT NULL)`);
    await q.query(
      'CREATE UNIQUE INDEX ux_follow_up_answer ON follow_up_answer (event_id, months, cluster_id, other_cluster_id)',
    );
    await q.query('CREATE INDEX ix_follow_up_answer_cluster ON follow_up_answer (cluster_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE follow_up_answer');
    await q.query('DROP TABLE follow_up_round');
    await q.query('DROP TABLE follow_up_plan');
  }
}
