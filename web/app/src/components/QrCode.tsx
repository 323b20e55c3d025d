import { useEffect, useState } from 'react';

/**
 * A QR code drawn here as one SVG path (no image from anywhere, no inline style: CSP-safe). The encoder
 * (qrcode-generator) is imported on first use, so it never weighs on the initial bundle.
 */
export function QrCode({ value, label, size = 200 }: { value: string; label: string; size?: number }) {
  const [matrix, setMatrix] = useState<{ count: number; path: string } | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    import('qrcode-generator').then(({ default: qrcode }) => {
      const qr = qrcode(0, 'M');
      qr.addData(value);
      qr.make();
      const count = qr.getModuleCount();
      let path = '';
      for (let row = 0; row < count; row++) {
        for (let col = 0; col < count; col++) {
          if (qr.isDark(row, col)) path += `M${col + QUIET},${row + QUIET}h1v1h-1z`;
        }
      }
      if (!cancelled) setMatrix({ count, path });
    }).catch(() => {
      if (!cancelled) setFailed(true);
    });
    return () => {
      cancelled = true;
    };
  }, [value]);

  if (failed) return <p className="field-error">The QR code could not be drawn. Enter the key below instead.</p>;
  if (!matrix) return <div className="qr qr--loading" role="status"><span className="visually-hidden">Drawing the QR code…</span></div>;
  const side = matrix.count + 2 * QUIET;
  return (
    <svg className="qr" role="img" aria-label={label} width={size} height={size} viewBox={`0 0 ${side} ${side}`}
      shapeRendering="crispEdges" data-testid="totp-qr">
      <rect width={side} height={side} fill="#fff" />
      <path d={matrix.path} fill="#000" />
    </svg>
  );
}

/** The white border scanners need, in modules. */
const QUIET = 4;
