/** The current time as an ISO-8601 string (how the service stores timestamps). */
export const nowIso = (): string => new Date().toISOString();
