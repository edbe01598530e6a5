import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10, the day of the event: check-ins, meeting marks (held, no-show, cancelled on site; every marker's
 * mark kept), on-site rebookings and the organiser's day settings (self-service rebooking, reminder lead time).
 */
export class EventDay1764530000000 implements MigrationInterface {
  name = 'EventDay1764530000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE checkin (event_id varchar(36) NOT NULL REFERENCES event(id) ON DELETE CASCADE,
      delegate_id varchar(36) NOT NULL REFERENCES delegate(id) ON DELETE CASCADE,
      checked_in_at varchar(30) NOT NULL, checked_in_by varchar(300) NOT NULL, method varchar(16) NOT NULL,
      PRIMARY KEY (event_id, delegate_id))`);
    await q.query(`CREATE TABLE meeting_mark (id varchar(36) PRIMARY KEY,
      event_id varchar(36) NOT NULL REFERENCES event(id) ON DELETE CASCADE,
      request_id varchar(36) NOT NULL REFERENCES meeting_request(id) ON DELETE CASCADE,
      marker_key varchar(320) NOT NULL, marker_kind varchar(16) NOT NULL, marker_name varchar(300) NOT NULL,
      status varchar(24) NOT NULL, absent text NOT NULL, cluster_ids text NOT NULL, created_at varchar(30) NOT NULL)`);
    await q.query('CREATE UNIQUE INDEX ux_meeting_mark ON meeting_mark (request_id, marker_key)');
    await q.query('CREATE INDEX ix_meeting_mark_event ON meeting_mark (event_id)');
    await q.query(`CREATE TABLE rebooking (id varchar(36) PRIMARY KEY,
      event_id varchar(36) NOT NULL REFERENCES event(id) ON DELETE CASCADE,
      replaces_request_id varchar(36) NOT NULL, request_id varchar(36) NOT NULL,
      delegate_id varchar(36) NOT NULL, partner_delegate_id varchar(36) NOT NULL, replaced_delegate_ids text NOT NULL, basis varchar(16) NOT NULL,
      slot_id varchar(36) NOT NULL, table_id varchar(36) NOT NULL, version_id varchar(36) NOT NULL,
      created_by varchar(320) NOT NULL, created_at varchar(30) NOT NULL)`);
    await q.query('CREATE INDEX ix_rebooking_event ON rebooking (event_id)');
    await q.query('CREATE UNIQUE INDEX ux_rebooking_replaces ON rebooking (replaces_request_id, delegate_id)');
    await q.query(`CREATE TABLE event_day_setting (
      event_id varchar(36) PRIMARY KEY REFERENCES event(id) ON DELETE CASCADE,
      self_service_rebooking boolean NOT NULL, reminder_minutes integer, updated_at varchar(30) NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE event_day_setting');
    await q.query('DROP TABLE rebooking');
    await q.query('DROP TABLE meeting_mark');
    await q.query('DROP TABLE checkin');
  }
}
