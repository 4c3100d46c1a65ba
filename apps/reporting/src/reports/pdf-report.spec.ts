import { buildAnnualReport } from './annual-report.js';
import { pdfText, renderReportPdf } from './pdf-report.js';
import type { YearFacts } from './facts.js';

const facts = (n: number): YearFacts => ({
  year: 2032,
  asOf: new Date(Date.UTC(2032, 11, 31)),
  victims: Array.from({ length: n }, (_, i) => ({
    victimRef: `victim-ref-${i}`,
    kind: 'presumed_victim',
    identifiedAt: new Date(Date.UTC(2032, 1, 1)),
    sex: 'female',
    ageBand: '25-34',
    age: 30,
    child: false,
    citizenship: 'AZ',
    exploitation: ['labour'],
    region: 'Sumqayıt',
    reportingBodyKind: 'commission_body',
    identificationOutcome: 'identified_victim',
    handedOverAt: null,
    handoverLate: null,
    deadlineBreached: false,
    safetyRiskLevel: null,
    returnStatus: null,
  })),
  placements: [],
  serviceRequests: [],
  payouts: [],
  planMeasures: [],
  enrolments: [],
  claims: [],
});

/** The text drawn on the pages of an uncompressed PDF: pdfkit writes each run as hex strings in a TJ array. */
function textOf(pdf: string): string {
  return [...pdf.matchAll(/\[([^\]]*)\] TJ/g)]
    .map((m) =>
      [...m[1].matchAll(/<([0-9a-f]*)>/g)].map((h) => Buffer.from(h[1], 'hex').toString('latin1')).join(''),
    )
    .join('\n');
}

describe('annual report as PDF', () => {
  it('R-2.4 prints every table of the report with its explanation, and no victimRef', async () => {
    const report = buildAnnualReport(facts(12), 11);
    const raw = (await renderReportPdf(report, { compress: false })).toString('latin1');
    expect(raw.startsWith('%PDF-')).toBe(true);
    const pdf = textOf(raw);
    for (const s of report.sections) for (const t of s.tables) expect(pdf).toContain(t.title.slice(0, 20));
    expect(pdf).toContain('Sumqayit');
    expect(pdf).not.toContain('victim-ref-');
    const compressed = await renderReportPdf(report);
    expect(compressed.length).toBeLessThan(raw.length);
  });

  it('writes letters outside the standard font without their marks', () => {
    expect(pdfText('qəpik, Sumqayıt, Şəki, Gəncə – ok’')).toBe("qepik, Sumqayit, Seki, Gence - ok'");
  });
});
