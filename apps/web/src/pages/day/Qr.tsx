import jsQR from 'jsqr';
import QRCode from 'qrcode';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n';

/** A QR code of `text` as an image (drawn in the browser by `qrcode`; nothing is fetched). */
export function QrImage({ text, label }: { text: string; label: string }): ReactNode {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(text, { margin: 2, scale: 6, errorCorrectionLevel: 'M' })
      .then((url) => {
        if (live) setSrc(url);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [text]);
  return src ? <img className="qr" src={src} alt={label} width={220} height={220} /> : null;
}

/**
 * The camera scanner: the phone's back camera into a video, each frame read by `jsqr` (bundled; nothing loads at
 * run time); calls `onCode` once per new code. Without a camera (or permission) it says so: search by name instead.
 */
export function QrScanner({ onCode }: { onCode: (code: string) => void }): ReactNode {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [on, setOn] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const last = useRef('');
  const report = useRef(onCode);
  useEffect(() => {
    report.current = onCode;
  }, [onCode]);

  useEffect(() => {
    if (!on) return;
    let stream: MediaStream | null = null;
    let frame = 0;
    let stopped = false;
    const tick = (): void => {
      if (stopped) return;
      const v = video.current;
      const c = canvas.current;
      if (v && c && v.readyState >= 2 && v.videoWidth > 0) {
        c.width = v.videoWidth;
        c.height = v.videoHeight;
        const ctx = c.getContext('2d', { willReadFrequently: true });
        if (ctx) {
          ctx.drawImage(v, 0, 0, c.width, c.height);
          const img = ctx.getImageData(0, 0, c.width, c.height);
          const found = jsQR(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' });
          if (found?.data && found.data !== last.current) {
            last.current = found.data;
            report.current(found.data);
          }
        }
      }
      frame = requestAnimationFrame(tick);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then((s) => {
        if (stopped) {
          s.getTracks().forEach((x) => x.stop());
          return;
        }
        stream = s;
        if (video.current) {
          video.current.srcObject = s;
          void video.current.play();
        }
        frame = requestAnimationFrame(tick);
      })
      .catch(() => {
        setProblem(t('day.noCamera'));
        setOn(false);
      });
    return () => {
      stopped = true;
      cancelAnimationFrame(frame);
      stream?.getTracks().forEach((x) => x.stop());
    };
  }, [on, t]);

  return (
    <div className="scanner">
      <div className="actions">
        <button
          type="button"
          className={on ? undefined : 'primary'}
          onClick={() => {
            last.current = '';
            // Without a camera API (an old browser, or a page not served over HTTPS) say so at once.
            const camera = typeof navigator.mediaDevices?.getUserMedia === 'function';
            setProblem(on || camera ? null : t('day.noCamera'));
            setOn(!on && camera);
          }}
        >
          {on ? t('day.stopScan') : t('day.scan')}
        </button>
      </div>
      {problem ? <p className="muted">{problem}</p> : null}
      {on ? <video ref={video} className="scanner-video" muted playsInline aria-label={t('day.camera')} /> : null}
      <canvas ref={canvas} hidden />
    </div>
  );
}
