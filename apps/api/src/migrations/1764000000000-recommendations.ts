import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12, recommendations: "not interested" marks (a cluster hides a suggestion in one event, remembered), the
 * nudge mails the organiser sent (when and to which cluster), and the event's optional mutual-fit bonus for the
 * solver's weights (0 = off).
 */
export class Recommendations1764000000000 implements MigrationInterface {
  name = 'Recommendations1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE recommendation_dismissal (id varchar(36) PRIMARY KEY,
      event_id varchar(36) NOT NULL REFERENCES event(id) ON DELETE CASCADE,
      cluster_id varchar(36) NOT NULL REFERENCES cluster(id) ON DELETE CASCADE,
      target_cluster_id varchar(36) NOT NULL REFERENCES cluster(id) ON DELETE CASCADE,
      created_at varchar(30) NOT NULL)`);
    await q.query(
      'CREATE UNIQUE INDEX ux_recommendation_dismissal ON recommendation_dismissal (event_id, cluster_id, target_cluster_id)',
    );
    await q.query(`CREATE TABLE recommendation_nudge (id varchar(36) PRIMARY KEY,
      event_id varchar(36) NOT NULL REFERENCES event(id) ON DELETE CASCADE,
      cluster_id varchar(36) NOT NULL REFERENCES cluster(id) ON DELETE CASCADE,
      recipients integer NOT NULL, sent_at varchar(30) NOT NULL)`);
    await q.query('CREATE INDEX ix_recommendation_nudge_event ON recommendation_nudge (event_id, cluster_id)');
    await q.query(`CREATE TABLE recommendation_setting (event_id varchar(36) PRIMARY KEY REFERENCES event(id) ON DELETE CASCADE,
      mutual_fit_bonus integer NOT NULL DEFAULT 0, updated_at varchar(30) NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE recommendation_setting');
    await q.query('DROP TABLE recommendation_nudge');
    await q.query('DROP TABLE recommendation_dismissal');
  }
}
