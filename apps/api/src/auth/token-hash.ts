import { createHash } from 'node:crypto';

/** How login and invitation tokens are stored: only their SHA-256 (hex). */
export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
