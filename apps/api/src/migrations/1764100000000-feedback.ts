import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11, meeting feedback: one survey per event (when the mails went out, when it closes, when the reminder
 * is due) and one answer per attendee and meeting (held or not, usefulness 1-5, next step, a free note).
 */
export class Feedback1764100000000 implements MigrationInterface {
  name = 'Feedback1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE feedback_survey (event_id varchar(36) PRIMARY KEY REFERENCES event(id) ON DELETE CASCADE,
      sent_at varchar(30) NOT NULL, closes_at varchar(30) NOT NULL, reminder_after_days integer NOT NULL,
      reminded_at varchar(30), created_at varchar(30) NOT NULL, updated_at varchar(30) NOT NULL)`);
    await q.query(`CREATE TABLE meeting_feedback (id varchar(36) PRIMARY KEY,
      event_id varchar(36) NOT NULL REFERENCES event(id) ON DELETE CASCADE,
      request_id varchar(36) NOT NULL REFERENCES meeting_request(id) ON DELETE CASCADE,
      delegate_id varchar(36) NOT NULL REFERENCES delegate(id) ON DELETE CASCADE,
      cluster_id varchar(36) NOT NULL, held boolean NOT NULL, usefulness integer, next_step varchar(32),
      note text NOT NULL, created_at varchar(30) NOT NULL, updated_at varchar(30) NOT NULL)`);
    await q.query('CREATE UNIQUE INDEX ux_meeting_feedback ON meeting_feedback (request_id, delegate_id)');
    await q.query('CREATE INDEX ix_meeting_feedback_event ON meeting_feedback (event_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE meeting_feedback');
    await q.query('DROP TABLE feedback_survey');
  }
}
