import { encode } from 'uqr';

const escapeXml = (s: string) =>
  s.replace(
    /[<>&"']/g,
    (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch] ?? ch,
  );

/**
 * A printable QR code of a report page as SVG: the code (error correction M, 4-module quiet
 * zone) drawn as one path, with the place's name and "扫码报修 · Scan to report" beneath and
 * the address in small print, so a poster still works if the code is torn.
 */
export function reportQrSvg(url: string, caption: string): string {
  const qr = encode(url, { ecc: 'M', border: 4 });
  const cell = 10;
  const side = qr.size * cell;
  let path = '';
  qr.data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) path += `M${x * cell} ${y * cell}h${cell}v${cell}h-${cell}z`;
    });
  });
  const height = side + 110;
  // The address in monospace (0.6 em a character) fitted to the code's width.
  const urlSize = Math.min(12, Math.floor(((side - 20) / (url.length * 0.6)) * 10) / 10);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${height}" width="${side}" height="${height}" role="img" aria-label="${escapeXml(caption)}">
<rect width="${side}" height="${height}" fill="#fff"/>
<path d="${path}" fill="#000"/>
<text x="${side / 2}" y="${side + 30}" text-anchor="middle" font-family="sans-serif" font-size="26" font-weight="bold">${escapeXml(caption)}</text>
<text x="${side / 2}" y="${side + 66}" text-anchor="middle" font-family="sans-serif" font-size="22">扫码报修 · Scan to report</text>
<text x="${side / 2}" y="${side + 96}" text-anchor="middle" font-family="monospace" font-size="${urlSize}">${escapeXml(url)}</text>
</svg>`;
}
