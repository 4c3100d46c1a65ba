import { minorToDecimal } from '../common/money.js';

/** What a cash receipt shows. */
export interface ReceiptData {
  payoutId: string;
  receiptNumber: string;
  claimId: string;
  amountMinor: number;
  beneficiaryName: string;
  identityDocument: string;
  disbursedBy: string;
  disbursedAt: Date;
  approvedBy: string;
  fundName: string;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** A printable HTML receipt of a cash disbursement (R-3.10), with a signature line for the recipient. */
export function renderCashReceipt(d: ReceiptData): string {
  const row = (label: string, value: string) => `<tr><th>${esc(label)}</th><td>${esc(value)}</td></tr>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Receipt ${esc(d.receiptNumber)}</title>
<meta name="robots" content="noindex">
<style>body{font-family:sans-serif;max-width:40em;margin:2em auto}th{text-align:left;padding-right:2em}td,th{padding:.3em 0}
.sig{margin-top:4em;display:flex;justify-content:space-between}.sig div{border-top:1px solid #000;width:45%;padding-top:.3em}
@media print{button{display:none}}</style></head>
<body>
<h1>${esc(d.fundName)}</h1>
<h2>Cash compensation receipt No ${esc(d.receiptNumber)}</h2>
<table>
${row('Payout', d.payoutId)}
${row('Claim', d.claimId)}
${row('Amount', `${minorToDecimal(d.amountMinor)} AZN`)}
${row('Recipient', d.beneficiaryName)}
${row('Identity document checked', d.identityDocument)}
${row('Approved by', d.approvedBy)}
${row('Paid out by', d.disbursedBy)}
${row('Paid out at', d.disbursedAt.toISOString())}
</table>
<div class="sig"><div>Recipient's signature</div><div>Officer's signature</div></div>
<button onclick="window.print()">Print</button>
</body></html>
`;
}
