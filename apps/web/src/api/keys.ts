/**
 * Every query key of the web app, keyed by resource. Each resource's first element is its root, so one
 * `invalidateQueries({ queryKey: queryKeys.requests.ofEvent(id) })` covers every filtered list under it.
 * A new page adds its entry here, then a hook in the resource's file (`events.ts`, `requests.ts`, ...).
 */
export interface DirectoryFilters {
  q?: string;
  sector?: string;
  technology?: string;
  country?: string;
  label?: string;
  /** A page of the directory (default: the first 200). */
  limit?: number;
  offset?: number;
}

/** Search, sort and page of a participants list. */
export interface ParticipantsQuery {
  q?: string;
  sort?: string;
  dir?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
  signedIn?: 'yes' | 'no';
}

export const queryKeys = {
  me: () => ['me'] as const,
  /** Development only: the demo delegates the sign-in page offers. */
  demoDelegates: () => ['demo-delegates'] as const,
  taxonomy: () => ['taxonomy'] as const,
  events: {
    list: () => ['events'] as const,
    /** Everything about one event (details, slots). */
    one: (eventId: string) => ['event', eventId] as const,
    detail: (eventId: string) => ['event', eventId, 'detail'] as const,
    slots: (eventId: string) => ['event', eventId, 'slots'] as const,
    /** A cluster's meetings across the organisation's events (issue 9, item 2). */
    clusterHistory: (clusterId: string) => ['events', 'cluster-history', clusterId] as const,
  },
  clusters: {
    /** Every profile, delegate list and directory page. */
    all: () => ['clusters'] as const,
    profile: (clusterId: string) => ['clusters', 'profile', clusterId] as const,
    delegates: (clusterId: string) => ['clusters', 'delegates', clusterId] as const,
    /** Every directory page of one event (their relationship badges change with each request). */
    directoryOf: (eventId: string) => ['clusters', 'directory', eventId] as const,
    directory: (eventId: string, filters: DirectoryFilters) => ['clusters', 'directory', eventId, filters] as const,
    /** The few clusters matching what the delegate types when adding one to a group request. */
    pick: (eventId: string, q: string) => ['clusters', 'directory', eventId, 'pick', q] as const,
  },
  availability: (eventId: string, delegateId: string) => ['availability', eventId, delegateId] as const,
  requests: {
    ofEvent: (eventId: string) => ['requests', eventId] as const,
    list: (eventId: string, status: string) => ['requests', eventId, { status }] as const,
    /** One page of the organiser's searched and sorted list (issue 16, item 6). */
    page: (eventId: string, query: object) => ['requests', eventId, 'page', query] as const,
  },
  schedule: {
    /** Versions, reviews, jobs and the agendas of one event. */
    ofEvent: (eventId: string) => ['schedule', eventId] as const,
    versions: (eventId: string) => ['schedule', eventId, 'versions'] as const,
    version: (eventId: string, versionId: string) => ['schedule', eventId, 'versions', versionId] as const,
    job: (eventId: string, jobId: string) => ['schedule', eventId, 'jobs', jobId] as const,
    /** The event's newest solve jobs (the list; each job's own key is under `job`). */
    jobs: (eventId: string) => ['schedule', eventId, 'jobs', 'recent'] as const,
    agenda: (eventId: string) => ['schedule', eventId, 'agenda'] as const,
  },
  /** The solve job last started on an event in this tab (client state only: the solve page shows it again). */
  latestSolveJob: (eventId: string) => ['latest-solve-job', eventId] as const,
  calendars: {
    agendaFeed: (eventId: string) => ['calendars', eventId, 'agenda-feed'] as const,
  },
  mailings: {
    ofEvent: (eventId: string) => ['mailings', eventId] as const,
    list: (eventId: string) => ['mailings', eventId, 'list'] as const,
    recipients: (eventId: string, segment: object) => ['mailings', eventId, 'recipients', segment] as const,
    nudges: (eventId: string) => ['mailings', eventId, 'nudges'] as const,
  },
  mailTemplates: () => ['mail-templates'] as const,
  privacy: {
    /** The signed-in delegate's data export. */
    myData: () => ['privacy', 'me'] as const,
    erasure: (delegateId: string) => ['privacy', 'erasure', delegateId] as const,
    audit: (action: string) => ['privacy', 'audit', { action }] as const,
    /** The delegate's directory choice and notice acceptance. */
    mine: () => ['privacy', 'mine'] as const,
    notices: () => ['privacy', 'notices'] as const,
    retention: () => ['privacy', 'retention'] as const,
  },
  recommendations: {
    /** Every suggestion list and overview of one event. */
    ofEvent: (eventId: string) => ['recommendations', eventId] as const,
    forCluster: (eventId: string, clusterId: string, lang: string, limit: number) =>
      ['recommendations', eventId, 'cluster', clusterId, { lang, limit }] as const,
    overview: (eventId: string, maxRequests: number, lang: string) =>
      ['recommendations', eventId, 'overview', { maxRequests, lang }] as const,
  },
  feedback: {
    /** The survey and the attendee's answers of one event. */
    ofEvent: (eventId: string) => ['feedback', eventId] as const,
    mine: (eventId: string) => ['feedback', eventId, 'mine'] as const,
    survey: (eventId: string) => ['feedback', eventId, 'survey'] as const,
    evaluation: (eventId: string) => ['feedback', eventId, 'evaluation'] as const,
    results: (eventId: string) => ['feedback', eventId, 'results'] as const,
    report: (eventId: string) => ['feedback', eventId, 'report'] as const,
  },
  participants: {
    /** Every list of one event's participants (clusters and delegates, any page). */
    ofEvent: (eventId: string) => ['participants', eventId] as const,
    clusters: (eventId: string, query: ParticipantsQuery) => ['participants', eventId, 'clusters', query] as const,
    delegates: (eventId: string, query: ParticipantsQuery) => ['participants', eventId, 'delegates', query] as const,
    /** The organisation's clusters not in the event yet. */
    candidates: (eventId: string, q: string) => ['participants', eventId, 'candidates', { q }] as const,
  },
  /** The taxonomy with each term's number of clusters (the organiser's taxonomy page). */
  taxonomyUsage: () => ['taxonomy', 'usage'] as const,
  collaborations: {
    all: () => ['collaborations'] as const,
    ofCluster: (clusterId: string) => ['collaborations', clusterId] as const,
  },
  /** Issue 10: the day of the event (check-ins, marks, board, offers, figures) of one event. */
  day: {
    ofEvent: (eventId: string) => ['day', eventId] as const,
    me: (eventId: string) => ['day', eventId, 'me'] as const,
    checkins: (eventId: string, q: string) => ['day', eventId, 'checkins', { q }] as const,
    board: (eventId: string) => ['day', eventId, 'board'] as const,
    offers: (eventId: string, delegateId: string) => ['day', eventId, 'offers', delegateId] as const,
    settings: (eventId: string) => ['day', eventId, 'settings'] as const,
    figures: (eventId: string) => ['day', eventId, 'figures'] as const,
  },
  followUps: {
    all: () => ['follow-ups'] as const,
    page: (eventId: string, clusterId: string) => ['follow-ups', eventId, 'page', clusterId] as const,
    plan: (eventId: string) => ['follow-ups', eventId, 'plan'] as const,
  },
  relationships: (clusterId: string) => ['relationships', clusterId] as const,
  reports: {
    all: () => ['reports'] as const,
    across: (by: string, year: number | null) => ['reports', 'across', { by, year }] as const,
    performance: (year: number) => ['reports', 'performance', year] as const,
  },
  /** Issue 9: the organisation's organisers and (owners) the pending invitations. */
  organisers: {
    all: () => ['organisers'] as const,
    list: () => ['organisers', 'list'] as const,
    invitations: () => ['organisers', 'invitations'] as const,
  },
  /** Who an organiser-invitation link invites (the public page where they set a password). */
  organiserInvitation: (token: string) => ['organiser-invitation', token] as const,
  outbox: {
    all: () => ['outbox'] as const,
    list: (status: string) => ['outbox', { status }] as const,
    page: (query: object) => ['outbox', 'page', query] as const,
  },
};
