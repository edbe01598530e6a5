import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '../auth/decorators';
import { EvaluationAnswersDto, EvaluationQuestionsDto } from './evaluation.dto';
import { EvaluationService } from './evaluation.service';
import { EvaluationResponse, EvaluationResultsResponse } from './dto/evaluation-responses.dto';

/** The event-evaluation survey: the organiser's questions, the attendees' answers, the results. */
@ApiTags('feedback')
@ApiBearerAuth()
@Controller()
export class EvaluationController {
  constructor(private readonly evaluation: EvaluationService) {}

  @Get('events/:eventId/evaluation')
  @ApiOperation({ summary: 'The evaluation questions (EN and DA); a delegate also gets their own answers' })
  @ApiOkResponse({ type: EvaluationResponse })
  get(@Param('eventId') eventId: string, @CurrentPrincipal() p: Principal): Promise<EvaluationResponse> {
    return this.evaluation.get(eventId, p);
  }

  @Put('events/:eventId/evaluation/questions')
  @Roles('organiser')
  @ApiOperation({ summary: 'Replace the evaluation questions (409 once anyone has answered)' })
  @ApiOkResponse({ type: EvaluationResponse })
  setQuestions(
    @Param('eventId') eventId: string,
    @Body() dto: EvaluationQuestionsDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<EvaluationResponse> {
    return this.evaluation.setQuestions(eventId, dto, p);
  }

  @Put('events/:eventId/evaluation/answers')
  @Roles('delegate')
  @ApiOperation({ summary: "An attendee's answers to the evaluation, while the feedback survey is open" })
  @ApiOkResponse({ type: EvaluationResponse })
  answer(
    @Param('eventId') eventId: string,
    @Body() dto: EvaluationAnswersDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<EvaluationResponse> {
    return this.evaluation.answer(eventId, dto, p);
  }

  @Get('events/:eventId/evaluation/results')
  @Roles('organiser')
  @ApiOperation({ summary: 'Results per question: counts per scale point or option, mean, free texts' })
  @ApiOkResponse({ type: EvaluationResultsResponse })
  results(@Param('eventId') eventId: string, @CurrentPrincipal() p: Principal): Promise<EvaluationResultsResponse> {
    return this.evaluation.results(eventId, p);
  }
}
