import type { BankOutcome } from './dto/batch.dto.js';
import { asArray, BankReportError, readIso20022, text, type XmlNode as Node } from './iso20022-document.js';

/** Why a pain.002 document was refused; the message names the problem, never the content. */
export { BankReportError as Pain002Error } from './iso20022-document.js';

/** One transaction's status in a pain.002 customer payment status report. */
export interface Pain002Transaction {
  endToEndId: string;
  /** ISO 20022 ExternalPaymentTransactionStatus1Code, e.g. ACSC, ACCC, RJCT, PDNG. */
  status: string;
  reason?: string;
  bankReference?: string;
}

export interface Pain002Report {
  messageId: string;
  originalMessageId: string;
  transactions: Pain002Transaction[];
}

/**
 * Reads the essentials of a `pain.002` (customer payment status report, versions 001.03 to 001.12):
 * the original message id and, per transaction, its end-to-end id, status, reason code and the
 * bank's reference. Documents with a DTD are refused before parsing (no entity expansion).
 */
export function parsePain002(xml: string): Pain002Report {
  const doc = readIso20022(xml, 'pain.002');
  const report = doc.CstmrPmtStsRpt as Node | undefined;
  const messageId = text((report?.GrpHdr as Node | undefined)?.MsgId);
  const originalMessageId = text((report?.OrgnlGrpInfAndSts as Node | undefined)?.OrgnlMsgId);
  if (!report || !messageId || !originalMessageId)
    throw new BankReportError('lacks GrpHdr/MsgId or OrgnlGrpInfAndSts/OrgnlMsgId');
  const transactions: Pain002Transaction[] = [];
  for (const pmt of asArray(report.OrgnlPmtInfAndSts)) {
    for (const tx of asArray(pmt.TxInfAndSts)) {
      const endToEndId = text(tx.OrgnlEndToEndId);
      const status = text(tx.TxSts);
      if (!endToEndId || !status)
        throw new BankReportError('has a transaction without OrgnlEndToEndId or TxSts');
      const rsn = asArray(tx.StsRsnInf)[0]?.Rsn as Node | undefined;
      const reason = text(rsn?.Cd) ?? text(rsn?.Prtry);
      const bankReference = text(tx.AcctSvcrRef);
      transactions.push({
        endToEndId,
        status,
        ...(reason ? { reason } : {}),
        ...(bankReference ? { bankReference } : {}),
      });
    }
  }
  return { messageId, originalMessageId, transactions };
}

/**
 * What a transaction status means for a payout: settlement completed (ACSC, ACCC) → `settled`;
 * rejected (RJCT) → `failed`; anything else (accepted, pending) changes nothing yet.
 */
export function outcomeOf(status: string): BankOutcome | undefined {
  switch (status) {
    case 'ACSC':
    case 'ACCC':
      return 'settled';
    case 'RJCT':
      return 'failed';
    default:
      return undefined;
  }
}

/** The payout id behind an end-to-end id written by buildPain001 (the id without dashes). */
export function payoutIdOf(endToEndId: string): string | undefined {
  if (!/^[0-9a-f]{32}$/i.test(endToEndId)) return undefined;
  const h = endToEndId.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
