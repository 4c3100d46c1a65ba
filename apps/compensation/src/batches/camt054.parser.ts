import { asArray, BankReportError, readIso20022, text, type XmlNode as Node } from './iso20022-document.js';

/** Why a camt.054 document was refused; the message names the problem, never the content. */
export { BankReportError as Camt054Error } from './iso20022-document.js';

/** A credit transfer the bank reports as returned to the Fund's account. */
export interface Camt054Return {
  endToEndId: string;
  /** Returned amount in minor units, when the report gives it in AZN. */
  amountMinor?: number;
  currency?: string;
  /** ISO 20022 return reason code (e.g. AC04) or proprietary reason. */
  reason?: string;
  /** Booked (BOOK) or still pending at the bank. */
  booked: boolean;
}

export interface Camt054Report {
  messageId: string;
  /** IBANs of the accounts the notifications are about. */
  accounts: string[];
  returns: Camt054Return[];
}

const child = (n: Node | undefined, ...path: string[]): unknown =>
  path.reduce<unknown>((cur, key) => (cur && typeof cur === 'object' ? (cur as Node)[key] : undefined), n);

/** An ActiveOrHistoricCurrencyAndAmount element: `{ '#': '80.00', '@Ccy': 'AZN' }` or a bare number. */
function amountOf(v: unknown): { minor?: number; currency?: string } {
  if (v === undefined) return {};
  const node = typeof v === 'object' ? (v as Node) : { '#': v };
  const value = text(node['#']);
  const currency = text(node['@Ccy']);
  if (!value || !/^\d{1,15}(\.\d{1,2})?$/.test(value))
    throw new BankReportError('has an amount that is not a decimal with at most two fraction digits');
  const [units, fraction = ''] = value.split('.');
  return { minor: Number(units) * 100 + Number(fraction.padEnd(2, '0')), ...(currency ? { currency } : {}) };
}

/**
 * Reads the returned credit transfers from a `camt.054` (bank-to-customer debit/credit notification,
 * versions 001.02 to 001.13): per entry detail with return information (`RtrInf`), the original
 * end-to-end id, the amount, the reason code and whether the entry is booked. Documents with a DTD
 * are refused before parsing (no entity expansion). Other movements on the account are ignored.
 */
export function parseCamt054(xml: string): Camt054Report {
  const doc = readIso20022(xml, 'camt.054');
  const ntf = doc.BkToCstmrDbtCdtNtfctn as Node | undefined;
  const messageId = text(child(ntf, 'GrpHdr', 'MsgId'));
  if (!ntf || !messageId) throw new BankReportError('lacks BkToCstmrDbtCdtNtfctn/GrpHdr/MsgId');
  const accounts: string[] = [];
  const returns: Camt054Return[] = [];
  for (const n of asArray(ntf.Ntfctn)) {
    const iban = text(child(n, 'Acct', 'Id', 'IBAN'));
    if (!iban) throw new BankReportError('has a notification without Acct/Id/IBAN');
    accounts.push(iban.replace(/\s+/g, '').toUpperCase());
    for (const entry of asArray(n.Ntry)) {
      // Sts is a code element from version 08 on (Sts/Cd), plain text before.
      const status = text(child(entry, 'Sts', 'Cd')) ?? text(entry.Sts);
      const credit = text(entry.CdtDbtInd) === 'CRDT';
      for (const details of asArray(entry.NtryDtls)) {
        for (const tx of asArray(details.TxDtls)) {
          if (tx.RtrInf === undefined) continue;
          if (!credit)
            throw new BankReportError('reports a return that is not a credit to the account (CdtDbtInd)');
          const endToEndId = text(child(tx, 'Refs', 'EndToEndId'));
          if (!endToEndId) throw new BankReportError('has a return without Refs/EndToEndId');
          const amount = amountOf(tx.Amt ?? child(tx, 'AmtDtls', 'TxAmt', 'Amt') ?? entry.Amt);
          const reason = text(child(tx, 'RtrInf', 'Rsn', 'Cd')) ?? text(child(tx, 'RtrInf', 'Rsn', 'Prtry'));
          returns.push({
            endToEndId,
            ...(amount.minor !== undefined ? { amountMinor: amount.minor } : {}),
            ...(amount.currency ? { currency: amount.currency } : {}),
            ...(reason ? { reason } : {}),
            booked: status === 'BOOK',
          });
        }
      }
    }
  }
  return { messageId, accounts, returns };
}
