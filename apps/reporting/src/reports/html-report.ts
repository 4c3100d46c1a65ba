import * as echarts from 'echarts';
import type { AnnualReport, PublishedTable } from './annual-report.js';

/** Text for HTML: every value printed in the page goes through here. */
export function escapeHtml(s: string | number): string {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const WIDTH = 640;
const HEIGHT = 300;

/**
 * A bar chart of a published table, rendered to SVG on the server (ECharts' server-side renderer): one
 * bar series per column, suppressed figures left out (drawn as gaps, never as zero).
 */
export function chartSvg(t: PublishedTable): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  try {
    chart.setOption({
      animation: false,
      legend: t.columns.length > 1 ? { top: 0, textStyle: { fontSize: 11 } } : undefined,
      grid: { left: 60, right: 20, top: t.columns.length > 1 ? 40 : 20, bottom: 70 },
      xAxis: { type: 'category', data: t.rows.map((r) => r.label), axisLabel: { rotate: 30, fontSize: 10 } },
      yAxis: { type: 'value', name: t.unit === 'qepik' ? 'AZN' : t.unit },
      series: t.columns.map((col, c) => ({
        name: col,
        type: 'bar',
        stack: t.additive ? 'total' : undefined,
        data: t.rows.map((r) => {
          const v = r.values[c];
          if (v === null || v === undefined) return '-';
          return t.unit === 'qepik' ? v / 100 : v;
        }),
      })),
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

function figure(v: number | null, unit: PublishedTable['unit']): string {
  if (v === null) return '<td class="s" title="suppressed">–</td>';
  const text = unit === 'qepik' ? (v / 100).toFixed(2) : String(v);
  return `<td>${escapeHtml(text)}</td>`;
}

function tableHtml(t: PublishedTable): string {
  const multi = t.columns.length > 1;
  const head = `<tr><th>${escapeHtml(t.rowLabel)}</th>${t.columns.map((c) => `<th>${escapeHtml(multi ? c : t.unit === 'qepik' ? 'AZN' : t.unit)}</th>`).join('')}${t.additive && multi ? '<th>total</th>' : ''}</tr>`;
  const body = t.rows
    .map(
      (r) =>
        `<tr><th>${escapeHtml(r.label)}</th>${r.values.map((v) => figure(v, t.unit)).join('')}${t.additive && multi ? figure(r.total, t.unit) : ''}</tr>`,
    )
    .join('');
  const foot = t.totals
    ? `<tr class="t"><th>total</th>${multi ? t.totals.values.map((v) => figure(v, t.unit)).join('') : ''}${figure(t.totals.total, t.unit)}</tr>`
    : '';
  return `<table><thead>${head}</thead><tbody>${body}${foot}</tbody></table>`;
}

/** The printable annual report: each section's tables, a chart of each and what it shows. */
export function renderReportHtml(report: AnnualReport): string {
  const sections = report.sections
    .map(
      (s) =>
        `<section><h2>${escapeHtml(s.title)}</h2>${s.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('')}${s.tables
          .map(
            (
              t,
            ) => `<figure id="${escapeHtml(t.id)}"><h3>${escapeHtml(t.title)}</h3><div class="chart">${chartSvg(t)}</div>
<figcaption>${escapeHtml(t.explanation)}${t.colLabel ? ` Bars: ${escapeHtml(t.rowLabel)}, by ${escapeHtml(t.colLabel)}.` : ''}${t.suppressedCells ? ` ${t.suppressedCells} figure(s) suppressed (–).` : ''}</figcaption>${tableHtml(t)}</figure>`,
          )
          .join('')}</section>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Annual report ${report.year}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;color:#222}
h1{font-size:1.6rem}h2{border-bottom:2px solid #334;padding-bottom:.2rem;margin-top:2.5rem}
figure{margin:1.5rem 0;page-break-inside:avoid}figcaption{font-size:.9rem;color:#444;margin:.3rem 0}
table{border-collapse:collapse;font-size:.85rem;margin-top:.5rem}th,td{border:1px solid #bbb;padding:.2rem .5rem;text-align:right}
th:first-child{text-align:left}td.s{color:#999;text-align:center}tr.t{font-weight:bold}.note{font-size:.9rem}
@media print{body{margin:0}h2{page-break-before:always}}
</style></head><body>
<h1>National Referral Mechanism — annual report ${escapeHtml(report.year)}</h1>
<p>${escapeHtml(report.population)}</p>
<p>${escapeHtml(report.disclosure)}</p>
<p class="note">Prepared for the commission's annual meeting with the National Coordinator (R-2.4). Generated ${escapeHtml(report.generatedAt)}.</p>
${sections}
</body></html>`;
}
