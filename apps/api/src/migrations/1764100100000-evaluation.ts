import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11, event evaluation: the organiser's short survey about the event itself (questions of kind scale 1-5,
 * single choice, multiple choice or free text, in English and Danish) and each attendee's answers.
 */
export class Evaluation1764100100000 implements MigrationInterface {
  name = 'Evaluation1764100100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE evaluation_question (id varchar(36) PRIMARY KEY,
      event_id varchar(36) NOT NULL REFERENCES event(id) ON DELETE CASCADE, position integer NOT NULL,
      kind varchar(16) NOT NULL, text_en text NOT NULL, text_da text NOT NULL, options text NOT NULL,
      created_at varchar(30) NOT NULL)`);
    await q.query('CREATE INDEX ix_evaluation_question_event ON evaluation_question (event_id, position)');
    await q.query(`CREATE TABLE evaluation_answer (id varchar(36) PRIMARY KEY,
      event_id varchar(36) NOT NULL REFERENCES event(id) ON DELETE CASCADE,
      question_id varchar(36) NOT NULL REFERENCES evaluation_question(id) ON DELETE CASCADE,
      delegate_id varchar(36) NOT NULL REFERENCES delegate(id) ON DELETE CASCADE,
      cluster_id varchar(36) NOT NULL, value text NOT NULL, updated_at varchar(30) NOT NULL)`);
    await q.query('CREATE UNIQUE INDEX ux_evaluation_answer ON evaluation_answer (question_id, delegate_id)');
    await q.query('CREATE INDEX ix_evaluation_answer_event ON evaluation_answer (event_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE evaluation_answer');
    await q.query('DROP TABLE evaluation_question');
  }
}
