import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The core schema: organisers, events (days, slots, tables), taxonomy, clusters, participation,
 * delegates, unavailability, meeting requests. Plain SQL that SQLite and PostgreSQL both accept.
 */
export class Core1763900000000 implements MigrationInterface {
  name = 'Core1763900000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE organiser (id varchar(36) PRIMARY KEY, email varchar(254) NOT NULL, name varchar(200) NOT NULL,
        password_hash varchar(100) NOT NULL, created_at varchar(30) NOT NULL)`,
      `CREATE UNIQUE INDEX ux_organiser_email ON organiser (email)`,
      `CREATE TABLE event (id varchar(36) PRIMARY KEY, name varchar(200) NOT NULL, venue varchar(300) NOT NULL,
        timezone varchar(64) NOT NULL, request_deadline varchar(30) NOT NULL, created_at varchar(30) NOT NULL)`,
      `CREATE TABLE event_day (id varchar(36) PRIMARY KEY, event_id varchar(36) NOT NULL REFERENCES event(id) ON DELETE CASCADE,
        day_index integer NOT NULL, date varchar(10) NOT NULL, start_time varchar(5) NOT NULL, end_time varchar(5) NOT NULL,
        meeting_minutes integer NOT NULL, breaks text NOT NULL)`,
      `CREATE UNIQUE INDEX ux_event_day_date ON event_day (event_id, date)`,
      `CREATE TABLE slot (id varchar(36) PRIMARY KEY, event_id varchar(36) NOT NULL REFERENCES event(id) ON DELETE CASCADE,
        day_id varchar(36) NOT NULL REFERENCES event_day(id) ON DELETE CASCADE, code varchar(16) NOT NULL,
        position integer NOT NULL, starts_at varchar(30) NOT NULL, ends_at varchar(30) NOT NULL)`,
      `CREATE UNIQUE INDEX ux_slot_code ON slot (event_id, code)`,
      `CREATE TABLE event_table (id varchar(36) PRIMARY KEY, event_id varchar(36) NOT NULL REFERENCES event(id) ON DELETE CASCADE,
        name varchar(64) NOT NULL, seats integer NOT NULL, position integer NOT NULL)`,
      `CREATE UNIQUE INDEX ux_event_table_name ON event_table (event_id, name)`,
      `CREATE TABLE taxonomy_term (id varchar(36) PRIMARY KEY, kind varchar(16) NOT NULL, name varchar(120) NOT NULL)`,
      `CREATE UNIQUE INDEX ux_taxonomy_term ON taxonomy_term (kind, name)`,
      `CREATE TABLE cluster (id varchar(36) PRIMARY KEY, name varchar(200) NOT NULL, country varchar(2) NOT NULL,
        region varchar(200) NOT NULL, scope varchar(16) NOT NULL, label varchar(16) NOT NULL, label_valid_until varchar(10),
        companies integer NOT NULL, smes integer NOT NULL, knowledge_institutions integer NOT NULL, public_bodies integer NOT NULL,
        industry_associations integer NOT NULL, financial_actors integer NOT NULL, secretariat_size integer NOT NULL,
        offers text NOT NULL, seeks text NOT NULL, website varchar(300), created_at varchar(30) NOT NULL, updated_at varchar(30) NOT NULL)`,
      `CREATE UNIQUE INDEX ux_cluster_name ON cluster (name)`,
      `CREATE TABLE cluster_term (cluster_id varchar(36) NOT NULL REFERENCES cluster(id) ON DELETE CASCADE,
        term_id varchar(36) NOT NULL REFERENCES taxonomy_term(id) ON DELETE CASCADE, PRIMARY KEY (cluster_id, term_id))`,
      `CREATE INDEX ix_cluster_term_term ON cluster_term (term_id)`,
      `CREATE TABLE participation (id varchar(36) PRIMARY KEY, event_id varchar(36) NOT NULL REFERENCES event(id) ON DELETE CASCADE,
        cluster_id varchar(36) NOT NULL REFERENCES cluster(id) ON DELETE CASCADE, created_at varchar(30) NOT NULL)`,
      `CREATE UNIQUE INDEX ux_participation ON participation (event_id, cluster_id)`,
      `CREATE TABLE delegate (id varchar(36) PRIMARY KEY, cluster_id varchar(36) NOT NULL REFERENCES cluster(id) ON DELETE CASCADE,
        name varchar(200) NOT NULL, email varchar(254) NOT NULL, role varchar(120) NOT NULL, created_at varchar(30) NOT NULL)`,
      `CREATE UNIQUE INDEX ux_delegate_email ON delegate (email)`,
      `CREATE INDEX ix_delegate_cluster ON delegate (cluster_id)`,
      `CREATE TABLE magic_link (id varchar(36) PRIMARY KEY, delegate_id varchar(36) NOT NULL REFERENCES delegate(id) ON DELETE CASCADE,
        token_hash varchar(64) NOT NULL, expires_at varchar(30) NOT NULL, used_at varchar(30), created_at varchar(30) NOT NULL)`,
      `CREATE UNIQUE INDEX ux_magic_link_token ON magic_link (token_hash)`,
      `CREATE TABLE unavailability (delegate_id varchar(36) NOT NULL REFERENCES delegate(id) ON DELETE CASCADE,
        slot_id varchar(36) NOT NULL REFERENCES slot(id) ON DELETE CASCADE, event_id varchar(36) NOT NULL REFERENCES event(id) ON DELETE CASCADE,
        PRIMARY KEY (delegate_id, slot_id))`,
      `CREATE INDEX ix_unavailability_event ON unavailability (event_id)`,
      `CREATE TABLE meeting_request (id varchar(36) PRIMARY KEY, event_id varchar(36) NOT NULL REFERENCES event(id) ON DELETE CASCADE,
        requester_cluster_id varchar(36) NOT NULL REFERENCES cluster(id), status varchar(16) NOT NULL,
        requester_interest integer NOT NULL, note text NOT NULL, pair_key varchar(400) NOT NULL, active_key varchar(400),
        created_at varchar(30) NOT NULL, updated_at varchar(30) NOT NULL)`,
      `CREATE UNIQUE INDEX ux_meeting_request_active ON meeting_request (event_id, active_key)`,
      `CREATE INDEX ix_meeting_request_event ON meeting_request (event_id, status)`,
      `CREATE TABLE request_party (id varchar(36) PRIMARY KEY, request_id varchar(36) NOT NULL REFERENCES meeting_request(id) ON DELETE CASCADE,
        cluster_id varchar(36) NOT NULL REFERENCES cluster(id), role varchar(16) NOT NULL, response varchar(16) NOT NULL,
        interest integer, responded_at varchar(30))`,
      `CREATE UNIQUE INDEX ux_request_party ON request_party (request_id, cluster_id)`,
      `CREATE INDEX ix_request_party_cluster ON request_party (cluster_id)`,
      `CREATE TABLE request_delegate (request_id varchar(36) NOT NULL REFERENCES meeting_request(id) ON DELETE CASCADE,
        delegate_id varchar(36) NOT NULL REFERENCES delegate(id) ON DELETE CASCADE, cluster_id varchar(36) NOT NULL,
        PRIMARY KEY (request_id, delegate_id))`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'request_delegate',
      'request_party',
      'meeting_request',
      'unavailability',
      'magic_link',
      'delegate',
      'participation',
      'cluster_term',
      'cluster',
      'taxonomy_term',
      'event_table',
      'slot',
      'event_day',
      'event',
      'organiser',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
