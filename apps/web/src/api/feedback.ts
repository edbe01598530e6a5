import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download, unwrap, type Schema } from './client';
import { queryKeys } from './keys';

export type FeedbackSurvey = Schema<'FeedbackSurveyResponse'>;
export type FeedbackMeeting = Schema<'FeedbackMeetingResponse'>;
export type MeetingFeedback = Schema<'MeetingFeedbackDto'>;
export type NextStep = Schema<'NextStep'>;
export type EvaluationQuestion = Schema<'EvaluationQuestionResponse'>;
export type EvaluationAnswer = Schema<'EvaluationAnswerDto'>;
export type QuestionDraft = Schema<'EvaluationQuestionDto'>;
export type QuestionResult = Schema<'QuestionResultResponse'>;
export type ImpactReport = Schema<'ImpactReportResponse'>;

/** The attendee's meetings in the published schedule with their own answers, and the survey's state. */
export function useMyFeedback(eventId: string) {
  return useQuery({
    queryKey: queryKeys.feedback.mine(eventId),
    queryFn: () => unwrap(api().GET('/api/events/{eventId}/feedback', { params: { path: { eventId } } })),
  });
}

/** Gives or changes the attendee's answer about one meeting. */
export function useAnswerFeedback(eventId: string, meetingId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: MeetingFeedback) =>
      unwrap(
        api().PUT('/api/events/{eventId}/meetings/{meetingId}/feedback', {
          params: { path: { eventId, meetingId } },
          body,
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.feedback.ofEvent(eventId) }),
  });
}

/** The survey of the event (organisers get the response counts). */
export function useFeedbackSurvey(eventId: string) {
  return useQuery({
    queryKey: queryKeys.feedback.survey(eventId),
    queryFn: () => unwrap(api().GET('/api/events/{eventId}/feedback-survey', { params: { path: { eventId } } })),
  });
}

/** The organiser opens the survey: one mail per attendee. */
export function useOpenFeedbackSurvey(eventId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schema<'OpenFeedbackSurveyDto'>) =>
      unwrap(api().POST('/api/events/{eventId}/feedback-survey', { params: { path: { eventId } }, body })),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: queryKeys.feedback.ofEvent(eventId) }),
        qc.invalidateQueries({ queryKey: queryKeys.outbox.all() }),
      ]),
  });
}

/** The organiser changes the closing time (a past one closes it) or the reminder delay. */
export function useUpdateFeedbackSurvey(eventId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schema<'UpdateFeedbackSurveyDto'>) =>
      unwrap(api().PATCH('/api/events/{eventId}/feedback-survey', { params: { path: { eventId } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.feedback.ofEvent(eventId) }),
  });
}

/** The evaluation questions, and the attendee's own answers. */
export function useEvaluation(eventId: string) {
  return useQuery({
    queryKey: queryKeys.feedback.evaluation(eventId),
    queryFn: () => unwrap(api().GET('/api/events/{eventId}/evaluation', { params: { path: { eventId } } })),
  });
}

/** The organiser replaces the evaluation questions. */
export function useSetEvaluationQuestions(eventId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (questions: QuestionDraft[]) =>
      unwrap(
        api().PUT('/api/events/{eventId}/evaluation/questions', {
          params: { path: { eventId } },
          body: { questions },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.feedback.ofEvent(eventId) }),
  });
}

/** The attendee's answers to the evaluation. */
export function useAnswerEvaluation(eventId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (answers: EvaluationAnswer[]) =>
      unwrap(
        api().PUT('/api/events/{eventId}/evaluation/answers', { params: { path: { eventId } }, body: { answers } }),
      ),
    onSuccess: (saved) => qc.setQueryData(queryKeys.feedback.evaluation(eventId), saved),
  });
}

/** The organiser's results of the evaluation. */
export function useEvaluationResults(eventId: string) {
  return useQuery({
    queryKey: queryKeys.feedback.results(eventId),
    queryFn: () => unwrap(api().GET('/api/events/{eventId}/evaluation/results', { params: { path: { eventId } } })),
  });
}

/** The event's impact report (organisers). */
export function useImpactReport(eventId: string) {
  return useQuery({
    queryKey: queryKeys.feedback.report(eventId),
    // The route also answers CSV and XLSX files; with format=json the answer is the report.
    queryFn: async () =>
      (await unwrap(
        api().GET('/api/events/{eventId}/impact-report', {
          params: { path: { eventId }, query: { format: 'json' } },
        }),
      )) as ImpactReport,
  });
}

/** Downloads the impact report as CSV, XLSX or PDF. */
export function exportImpactReport(eventId: string, format: 'csv' | 'xlsx' | 'pdf'): Promise<void> {
  return download(
    api().GET('/api/events/{eventId}/impact-report', {
      params: { path: { eventId }, query: { format } },
      parseAs: 'blob',
    }),
    `impact-report.${format}`,
  );
}
