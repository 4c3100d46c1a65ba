import PDFDocument from 'pdfkit';
import type { AnnualReport, PublishedTable } from './annual-report.js';

const MARGIN = 50;
const ROW_HEIGHT = 14;

/**
 * The report's text in the PDF's standard font (Helvetica, WinAnsi: no font file to ship or load):
 * letters outside it are written without their marks (`ə` as `e`, `ı` as `i`), anything else as `?`.
 */
export function pdfText(s: string | number): string {
  return String(s)
    .replace(/[əƏ]/g, (c) => (c === 'ə' ? 'e' : 'E'))
    .replace(/ı/g, 'i')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[‘’]/g, "'")
    .replace(/[–—]/g, '-')
    .replace(/[^\x20-\x7e\u00a0-\u00ff]/g, '?');
}

function figure(v: number | null, unit: PublishedTable['unit']): string {
  if (v === null) return '-';
  return unit === 'qepik' ? (v / 100).toFixed(2) : String(v);
}

/** One table as a grid: a label column, one column per category, and the row total when it adds up. */
function drawTable(doc: PDFKit.PDFDocument, t: PublishedTable): void {
  const multi = t.columns.length > 1;
  const unit = t.unit === 'qepik' ? 'AZN' : t.unit;
  const header = [t.rowLabel, ...(multi ? t.columns : [unit]), ...(t.additive && multi ? ['total'] : [])];
  const rows = t.rows.map((r) => [
    r.label,
    ...r.values.map((v) => figure(v, t.unit)),
    ...(t.additive && multi ? [figure(r.total, t.unit)] : []),
  ]);
  if (t.totals)
    rows.push([
      'total',
      ...(multi ? t.totals.values.map((v) => figure(v, t.unit)) : []),
      figure(t.totals.total, t.unit),
    ]);
  const width = doc.page.width - 2 * MARGIN;
  const first = Math.min(150, width / 3);
  const other = (width - first) / Math.max(1, header.length - 1);
  const line = (cells: string[], bold: boolean) => {
    if (doc.y + ROW_HEIGHT > doc.page.height - MARGIN) doc.addPage();
    const y = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
    cells.forEach((text, i) => {
      const x = i === 0 ? MARGIN : MARGIN + first + (i - 1) * other;
      doc.text(pdfText(text), x, y, {
        width: (i === 0 ? first : other) - 4,
        align: i === 0 ? 'left' : 'right',
        lineBreak: false,
        ellipsis: true,
      });
    });
    doc.x = MARGIN;
    doc.y = y + ROW_HEIGHT;
  };
  line(header, true);
  rows.forEach((r, i) => line(r, t.totals !== undefined && i === rows.length - 1));
}

/**
 * The annual report as a PDF (pdfkit): the same sections, tables and explanations as the HTML page,
 * suppressed figures printed as `-`; charts are in the HTML page only. `compress: false` leaves the
 * page text readable in the file (tests).
 */
export function renderReportPdf(report: AnnualReport, opts: { compress?: boolean } = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    compress: opts.compress ?? true,
    info: { Title: `Annual report ${report.year} (R-2.4)`, Producer: 'NRM Platform' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(16).text(pdfText(`Annual report ${report.year}`));
  doc.font('Helvetica').fontSize(9).moveDown(0.5);
  for (const p of [report.population, report.disclosure, `Generated ${report.generatedAt}; k = ${report.minCell}.`])
    doc.text(pdfText(p));
  for (const s of report.sections) {
    doc.moveDown(1).font('Helvetica-Bold').fontSize(13).text(pdfText(s.title));
    doc.font('Helvetica').fontSize(8);
    for (const n of s.notes) doc.text(pdfText(n));
    for (const t of s.tables) {
      if (doc.y > doc.page.height - MARGIN - 6 * ROW_HEIGHT) doc.addPage();
      doc.moveDown(0.8).font('Helvetica-Bold').fontSize(10).text(pdfText(t.title));
      doc.font('Helvetica-Oblique').fontSize(8).text(pdfText(t.explanation)).moveDown(0.3);
      drawTable(doc, t);
    }
  }
  doc.end();
  return done;
}
