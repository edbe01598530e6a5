import { OrganiserInvitationEntity } from '../organisations/organiser-invitation.entity';
import { FollowUpAnswerEntity, FollowUpPlanEntity, FollowUpRoundEntity } from '../follow-ups/follow-up.entity';
import { DelegateInvitationEntity } from '../auth/delegate-invitation.entity';
import { MagicLinkEntity } from '../auth/magic-link.entity';
import { OrganiserEntity } from '../auth/organiser.entity';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { ClusterEntity, ClusterTermEntity, ParticipationEntity } from '../clusters/cluster.entity';
import { DelegateEntity, UnavailabilityEntity } from '../delegates/delegate.entity';
import { EventDayEntity, EventEntity, EventTableEntity, SlotEntity } from '../events/event.entity';
import { MeetingRequestEntity, RequestDelegateEntity, RequestPartyEntity } from '../requests/request.entity';
import { TaxonomyTermEntity } from '../taxonomy/taxonomy-term.entity';
import { ScheduleAssignmentEntity, ScheduleVersionEntity } from '../schedules/schedule.entity';
import { SolveJobEntity } from '../schedules/solve-job.entity';
import { OutboxMessageEntity } from '../mail/outbox-message.entity';
import { CalendarFeedEntity } from '../calendars/calendar-feed.entity';
import {
  RecommendationDismissalEntity,
  RecommendationNudgeEntity,
  RecommendationSettingEntity,
} from '../recommendations/recommendation.entity';
import { FeedbackSurveyEntity, MeetingFeedbackEntity } from '../feedback/feedback.entity';
import { EvaluationAnswerEntity, EvaluationQuestionEntity } from '../feedback/evaluation.entity';
import { CollaborationEntity, CollaborationPartnerEntity } from '../collaborations/collaboration.entity';
import {
  ContactPreferenceEntity,
  MailingEntity,
  MailTemplateEntity,
  NudgeSentEntity,
  NudgeSettingEntity,
} from '../comms/comms.entity';
import { CheckinEntity, EventDaySettingEntity, MeetingMarkEntity, RebookingEntity } from '../eventday/eventday.entity';
import {
  AuditLogEntity,
  PrivacyAcceptanceEntity,
  PrivacyNoticeEntity,
  PrivacySettingEntity,
} from '../privacy/privacy.entity';

/** Every TypeORM entity of the service. H5 appends its own below the marker. */
export const ENTITIES: (new () => object)[] = [
  OrganiserEntity,
  MagicLinkEntity,
  EventEntity,
  EventDayEntity,
  SlotEntity,
  EventTableEntity,
  TaxonomyTermEntity,
  ClusterEntity,
  ClusterTermEntity,
  ParticipationEntity,
  DelegateEntity,
  UnavailabilityEntity,
  MeetingRequestEntity,
  RequestPartyEntity,
  RequestDelegateEntity,
  // H5 entities below
  ScheduleVersionEntity,
  ScheduleAssignmentEntity,
  // H7 entities below
  OutboxMessageEntity,
  CalendarFeedEntity,
  // Issue 14 entities below
  DelegateInvitationEntity,
  SolveJobEntity,
  // Issue 12: recommendations
  RecommendationDismissalEntity,
  RecommendationNudgeEntity,
  RecommendationSettingEntity,
  // Issue 11 entities below
  FeedbackSurveyEntity,
  MeetingFeedbackEntity,
  EvaluationQuestionEntity,
  EvaluationAnswerEntity,
  CollaborationEntity,
  CollaborationPartnerEntity,
  FollowUpPlanEntity,
  FollowUpRoundEntity,
  FollowUpAnswerEntity,
  // Issue 19 entities below
  MailingEntity,
  ContactPreferenceEntity,
  NudgeSettingEntity,
  NudgeSentEntity,
  MailTemplateEntity,
  // Issue 9: organisations
  OrganisationEntity,
  // Issue 10: the day of the event
  CheckinEntity,
  MeetingMarkEntity,
  RebookingEntity,
  EventDaySettingEntity,
  // Issue 17 entities below
  AuditLogEntity,
  PrivacyAcceptanceEntity,
  PrivacyNoticeEntity,
  PrivacySettingEntity,
  // Issue 9, item 1: owners invite organisers
  OrganiserInvitationEntity,
];
