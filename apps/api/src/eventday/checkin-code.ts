import { createHmac } from 'node:crypto';
import QRCode from 'qrcode';

/** The prefix (and version) of a check-in code. */
export const CHECKIN_PREFIX = 'CM1';

/**
 * A delegate's personal check-in code at an event (what their QR code carries): `CM1.<event>.<delegate>.<mac>`, the
 * MAC keyed with the service's secret, so nothing is stored and a code cannot be made up (issue 10).
 */
export function checkinCode(secret: string, eventId: string, delegateId: string): string {
  const mac = createHmac('sha256', secret).update(`checkin:${eventId}:${delegateId}`).digest('base64url').slice(0, 22);
  return `${CHECKIN_PREFIX}.${eventId}.${delegateId}.${mac}`;
}

/** The code as a QR image (SVG text), for mails. */
export function checkinQrSvg(code: string): Promise<string> {
  return QRCode.toString(code, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
}
