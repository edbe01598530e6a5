/** The demo event file (fixtures/demo-event.json), written by apps/api/scripts/make-demo.ts. */
export interface DemoDelegate {
  key: string;
  name: string;
  email: string;
  role: string;
}

export interface DemoCluster {
  key: string;
  name: string;
  country: string;
  region: string;
  sectors: string[];
  technologies: string[];
  scope: 'local' | 'regional' | 'national' | 'international';
  label: 'gold' | 'silver' | 'bronze' | 'in_process' | 'none';
  labelValidUntil: string | null;
  members: {
    companies: number;
    smes: number;
    knowledgeInstitutions: number;
    publicBodies: number;
    industryAssociations: number;
    financialActors: number;
  };
  secretariatSize: number;
  offers: string;
  seeks: string;
  website: string;
  delegates: DemoDelegate[];
}

export interface DemoRequest {
  from: string;
  to: string;
  status: 'accepted' | 'pending' | 'declined';
  requesterInterest: number;
  receiverInterest: number | null;
  note: string;
  requesterDelegates: string[];
  receiverDelegates: string[];
}

export interface DemoFixture {
  version: 1;
  taxonomy: { sectors: string[]; technologies: string[] };
  event: {
    name: string;
    venue: string;
    timezone: string;
    requestDeadline: string;
    days: {
      date: string;
      startTime: string;
      endTime: string;
      meetingMinutes: number;
      breaks: { start: string; end: string }[];
    }[];
    tables: { name: string; seats: number }[];
  };
  clusters: DemoCluster[];
  requests: DemoRequest[];
}
