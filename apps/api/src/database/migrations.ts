import { FirstRun1764730000000 } from '../migrations/1764730000000-first-run';
import { OrganiserInvitations1764600000000 } from '../migrations/1764600000000-organiser-invitations';
import { Core1763900000000 } from '../migrations/1763900000000-core';
import { Schedules1763900100000 } from '../migrations/1763900100000-schedules';
import { MailCalendars1763900200000 } from '../migrations/1763900200000-mail-calendars';
import { ClusterNameNocase1763900300000 } from '../migrations/1763900300000-cluster-name-nocase';
import { SignInLinks1763900400000 } from '../migrations/1763900400000-sign-in-links';
import { SolveJobs1763900500000 } from '../migrations/1763900500000-solve-jobs';
import { TableFeatures1763900600000 } from '../migrations/1763900600000-table-features';
import { Recommendations1764000000000 } from '../migrations/1764000000000-recommendations';
import { Feedback1764100000000 } from '../migrations/1764100000000-feedback';
import { Evaluation1764100100000 } from '../migrations/1764100100000-evaluation';
import { Collaborations1764100200000 } from '../migrations/1764100200000-collaborations';
import { Mailings1764400000000 } from '../migrations/1764400000000-mailings';
import { Nudges1764400100000 } from '../migrations/1764400100000-nudges';
import { Organisations1764500000000 } from '../migrations/1764500000000-organisations';
import { MailTemplates1764400200000 } from '../migrations/1764400200000-mail-templates';
import { DeclineReason1764400300000 } from '../migrations/1764400300000-decline-reason';
import { RequestsOnBehalf1764400400000 } from '../migrations/1764400400000-requests-on-behalf';
import { AssignmentPinned1764510000000 } from '../migrations/1764510000000-assignment-pinned';
import { ParticipantsTaxonomy1764520000000 } from '../migrations/1764520000000-participants-taxonomy';
import { Languages1764660000000 } from '../migrations/1764660000000-languages';
import { EventDay1764530000000 } from '../migrations/1764530000000-event-day';
import { Privacy1764540000000 } from '../migrations/1764540000000-privacy';
import { PrivacyNoticeRetention1764541000000 } from '../migrations/1764541000000-privacy-notice-retention';
import { FollowUps1764550000000 } from '../migrations/1764550000000-follow-ups';
import { EventArchive1764610000000 } from '../migrations/1764610000000-event-archive';

/** Every migration class, oldest first. H5 appends its own below the marker. */
export const MIGRATIONS: (new () => object)[] = [
  Core1763900000000,
  // H5 migrations below
  Schedules1763900100000,
  // H7 migrations below
  MailCalendars1763900200000,
  // R3: cluster names unique ignoring case
  ClusterNameNocase1763900300000,
  // Issue 14: one live login link per person, invitations by delegates
  SignInLinks1763900400000,
  // Issue 14: solve-job state survives the process
  SolveJobs1763900500000,
  // Issue 13: table features, stands, delegates' needs (allowedTables)
  TableFeatures1763900600000,
  // Issue 12: recommendations (not-interested marks, nudges, mutual-fit setting)
  Recommendations1764000000000,
  // Issue 11: meeting feedback after the event
  Feedback1764100000000,
  // Issue 11: the event-evaluation survey
  Evaluation1764100100000,
  // Issue 11: collaborations between clusters
  Collaborations1764100200000,
  // Issue 19: mailings to segments, unsubscribes and bounces
  Mailings1764400000000,
  Nudges1764400100000,
  MailTemplates1764400200000,
  DeclineReason1764400300000,
  RequestsOnBehalf1764400400000,
  // Issue 9: organisations, organisers' roles
  Organisations1764500000000,
  // Issue 9, item 5: hand edits of a draft (pins)
  AssignmentPinned1764510000000,
  // Issue 9, items 3-4: last sign-in of delegates, Danish labels of taxonomy terms
  ParticipantsTaxonomy1764520000000,
  // Issue 10: the day of the event
  EventDay1764530000000,
  // Issue 17: privacy (erasure, directory choice, notice acceptance, audit log)
  Privacy1764540000000,
  PrivacyNoticeRetention1764541000000,
  // Issue 11, part 3: follow-ups over years
  FollowUps1764550000000,
  // Issue 9, item 1: owners invite organisers by mail
  OrganiserInvitations1764600000000,
  // Issue 9, item 2: archived events
  EventArchive1764610000000,
  // Issue 16, item 1: a language per delegate and an event's default
  Languages1764660000000,
  // Issue 16: the demo event's mark (development sign-in), organisers' language
  FirstRun1764730000000,
];
