import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '../auth/decorators';
import { MeetingFeedbackDto, OpenFeedbackSurveyDto, UpdateFeedbackSurveyDto } from './feedback.dto';
import { FeedbackService } from './feedback.service';
import {
  FeedbackSentResponse,
  FeedbackSurveyResponse,
  MyFeedbackPageResponse,
  MyFeedbackResponse,
} from './dto/feedback-responses.dto';

/** Meeting feedback after the event: the organiser's survey, the attendees' answers. */
@ApiTags('feedback')
@ApiBearerAuth()
@Controller()
export class FeedbackController {
  constructor(private readonly feedback: FeedbackService) {}

  @Get('events/:eventId/feedback-survey')
  @ApiOperation({
    summary: "The event's meeting-feedback survey (organisers with response counts; delegates of the event without)",
  })
  @ApiOkResponse({ type: FeedbackSurveyResponse })
  survey(@Param('eventId') eventId: string, @CurrentPrincipal() p: Principal): Promise<FeedbackSurveyResponse> {
    return this.feedback.survey(eventId, p);
  }

  @Post('events/:eventId/feedback-survey')
  @HttpCode(200)
  @Roles('organiser')
  @ApiOperation({
    summary:
      'Open the meeting-feedback survey: every attendee of the published schedule is mailed a sign-in link to their meetings (409 before a publish or when already sent)',
  })
  @ApiOkResponse({ type: FeedbackSentResponse })
  open(
    @Param('eventId') eventId: string,
    @Body() dto: OpenFeedbackSurveyDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<FeedbackSentResponse> {
    return this.feedback.open(eventId, dto, p);
  }

  @Patch('events/:eventId/feedback-survey')
  @Roles('organiser')
  @ApiOperation({ summary: 'Change the closing time (a past one closes it now) or the reminder delay' })
  @ApiOkResponse({ type: FeedbackSurveyResponse })
  update(
    @Param('eventId') eventId: string,
    @Body() dto: UpdateFeedbackSurveyDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<FeedbackSurveyResponse> {
    return this.feedback.update(eventId, dto, p);
  }

  @Get('events/:eventId/feedback')
  @Roles('delegate')
  @ApiOperation({ summary: "The asking attendee's meetings with their own answers (never the other party's)" })
  @ApiOkResponse({ type: MyFeedbackPageResponse })
  mine(@Param('eventId') eventId: string, @CurrentPrincipal() p: Principal): Promise<MyFeedbackPageResponse> {
    return this.feedback.mine(eventId, p);
  }

  @Put('events/:eventId/meetings/:meetingId/feedback')
  @Roles('delegate')
  @ApiOperation({
    summary: "Give or change the asking attendee's feedback on one of their meetings, until the survey closes",
  })
  @ApiOkResponse({ type: MyFeedbackResponse })
  answer(
    @Param('eventId') eventId: string,
    @Param('meetingId') meetingId: string,
    @Body() dto: MeetingFeedbackDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<MyFeedbackResponse> {
    return this.feedback.answer(eventId, meetingId, dto, p);
  }
}
