/** The shapes the registration service returns (apps/api), as the front end reads them. */
export type Label = 'gold' | 'silver' | 'bronze' | 'in_process' | 'none';
export type Scope = 'local' | 'regional' | 'national' | 'international';
export type RequestStatus = 'pending' | 'accepted' | 'declined' | 'withdrawn' | 'expired';

export const LABELS: readonly Label[] = ['gold', 'silver', 'bronze', 'in_process', 'none'];
export const SCOPES: readonly Scope[] = ['local', 'regional', 'national', 'international'];
export const REQUEST_STATUSES: readonly RequestStatus[] = ['pending', 'accepted', 'declined', 'withdrawn', 'expired'];

export interface TokenResponse {
  accessToken: string;
  expiresIn: number;
  kind: 'organiser' | 'delegate';
}

export type Me =
  | { kind: 'organiser'; id: string; email: string; name: string }
  | { kind: 'delegate'; id: string; email: string; name: string; role: string; clusterId: string };

export interface Members {
  companies: number;
  smes: number;
  knowledgeInstitutions: number;
  publicBodies: number;
  industryAssociations: number;
  financialActors: number;
}

export interface ClusterProfile {
  name: string;
  country: string;
  region: string;
  sectors: string[];
  technologies: string[];
  scope: Scope;
  label: Label;
  labelValidUntil: string | null;
  members: Members;
  secretariatSize: number;
  offers: string;
  seeks: string;
  website: string | null;
}

export interface Cluster extends ClusterProfile {
  id: string;
  delegates?: { id: string; name: string; email: string; role: string }[];
}

export interface DirectoryPage {
  total: number;
  items: Cluster[];
}

export interface Delegate {
  id: string;
  clusterId: string;
  name: string;
  email: string;
  role: string;
}

export interface Break {
  start: string;
  end: string;
}
export interface DayPlan {
  date: string;
  startTime: string;
  endTime: string;
  meetingMinutes: number;
  breaks: Break[];
}
export interface TableDef {
  id?: string;
  name: string;
  seats: number;
}

export interface EventSummary {
  id: string;
  name: string;
  venue: string;
  timezone: string;
  requestDeadline: string;
}

export interface EventView extends EventSummary {
  days: DayPlan[];
  tables: TableDef[];
  slotCount: number;
}

export interface Slot {
  id: string;
  code: string;
  startsAt: string;
  endsAt: string;
}

export interface Party {
  clusterId: string;
  clusterName: string;
  role: 'requester' | 'receiver';
  response: string;
  interest: number | null;
  delegates: { id: string; name: string }[];
}

export interface MeetingRequest {
  id: string;
  eventId: string;
  status: RequestStatus;
  requesterClusterId: string;
  note: string;
  requesterInterest: number;
  parties: Party[];
  weight: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface JobView {
  id: string;
  mode: string;
  state: 'queued' | 'running' | 'done' | 'failed' | 'interrupted' | string;
  percent: number;
  phase: string | null;
  objective: number | null;
  bound: number | null;
  error: string | null;
  version: { id: string; number: number } | null;
}

export interface ClusterRef {
  id: string;
  name: string;
  country: string;
}

export interface Assignment {
  requestId: string;
  slot: { id: string; code: string | null; start: string; end: string };
  table: { id: string; name: string };
  clusters: ClusterRef[];
  people: { id: string; name: string | null; clusterId: string | null }[];
  weight: number;
}

export interface PlaceRef {
  slotId: string;
  startsAt: string;
  tableId: string;
  tableName: string;
}

export interface VersionChanges {
  basedOnVersion: number;
  added: { requestId: string; clusterIds: string[]; to: PlaceRef }[];
  removed: { requestId: string; clusterIds: string[]; from: PlaceRef; reason: string }[];
  moved: { requestId: string; clusterIds: string[]; from: PlaceRef; to: PlaceRef }[];
  unchanged: number;
}

export interface Review {
  id: string;
  number: number;
  state: string;
  solverStatus: string;
  objective: number;
  bound: number | null;
  gap: number | null;
  meetingsScheduled: number;
  meetingsUnscheduled: number;
  publishedAt: string | null;
  event: { id: string; name: string; timezone: string };
  stats: Record<string, number>;
  assignments: Assignment[];
  unscheduled: { requestId: string; clusters: ClusterRef[]; reason: string }[];
  meetingsPerCluster: (ClusterRef & { meetings: number; requested: number })[];
  meetingsPerCountry: { country: string; clusters: number; meetings: number }[];
  changes: VersionChanges | null;
}

export interface VersionSummary {
  id: string;
  number: number;
  state: string;
  objective: number;
  bound: number | null;
  gap: number | null;
  meetingsScheduled: number;
  meetingsUnscheduled: number;
}

export interface AgendaMeeting {
  requestId: string;
  slot: string | null;
  start: string;
  end: string;
  table: string;
  with: ClusterRef[];
  people: { id: string; name: string | null; role: string | null; cluster: string | null }[];
}

export interface Agenda {
  event: { id: string; name: string; timezone: string };
  version: { number: number; publishedAt: string | null } | null;
  meetings: AgendaMeeting[];
}

export interface ImportResult {
  rows: number;
  created: number;
  updated: number;
  registered: number;
}

export interface Term {
  id: string;
  kind: 'sector' | 'technology';
  name: string;
}
