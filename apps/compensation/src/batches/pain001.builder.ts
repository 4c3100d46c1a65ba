import { create } from 'xmlbuilder2';
import { minorToDecimal } from '../common/money.js';

/** ISO 20022 namespace of the customer credit transfer initiation, version 09. */
export const PAIN001_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.09';

export interface Pain001Transfer {
  /** End-to-end id (≤ 35 characters): the payout id without dashes, echoed back by the bank. */
  endToEndId: string;
  amountMinor: number;
  creditorName: string;
  creditorIban: string;
  /** The creditor bank's BIC; written as CdtrAgt (required for a transfer abroad). */
  creditorBic?: string;
  /** Unstructured remittance text (≤ 140 characters); no personal data beyond what the bank needs. */
  remittance: string;
}

export interface Pain001Input {
  /** GrpHdr/MsgId and PmtInf/PmtInfId (≤ 35 characters, unique per file). */
  messageId: string;
  createdAt: Date;
  /** Requested execution date, YYYY-MM-DD. */
  executionDate: string;
  debtor: { name: string; iban: string; bic: string };
  transfers: Pain001Transfer[];
}

/** Max35Text/Max140Text: longer texts are cut (names are the usual case). */
function cut(s: string, max: number): string {
  return [...s].slice(0, max).join('');
}

/**
 * Builds a `pain.001.001.09` customer credit transfer initiation: the Fund as debtor, one payment
 * information block, one credit transfer per payout, amounts in AZN with exactly two decimals. The
 * output validates against the official XSD shipped beside this file (see the tests).
 */
// @clause the bank transfer file is ISO 20022 pain.001.001.09
export function buildPain001(input: Pain001Input): string {
  if (input.transfers.length === 0) throw new RangeError('a pain.001 file needs at least one transfer');
  const controlSum = minorToDecimal(input.transfers.reduce((s, t) => s + t.amountMinor, 0));
  const count = String(input.transfers.length);
  const doc = create({ version: '1.0', encoding: 'UTF-8' }).ele(PAIN001_NAMESPACE, 'Document');
  const root = doc.ele('CstmrCdtTrfInitn');
  const hdr = root.ele('GrpHdr');
  hdr.ele('MsgId').txt(input.messageId);
  hdr.ele('CreDtTm').txt(input.createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z'));
  hdr.ele('NbOfTxs').txt(count);
  hdr.ele('CtrlSum').txt(controlSum);
  hdr.ele('InitgPty').ele('Nm').txt(cut(input.debtor.name, 140));

  const pmt = root.ele('PmtInf');
  pmt.ele('PmtInfId').txt(input.messageId);
  pmt.ele('PmtMtd').txt('TRF');
  pmt.ele('NbOfTxs').txt(count);
  pmt.ele('CtrlSum').txt(controlSum);
  pmt.ele('ReqdExctnDt').ele('Dt').txt(input.executionDate);
  pmt.ele('Dbtr').ele('Nm').txt(cut(input.debtor.name, 140));
  const dbtrAcct = pmt.ele('DbtrAcct');
  dbtrAcct.ele('Id').ele('IBAN').txt(input.debtor.iban);
  dbtrAcct.ele('Ccy').txt('AZN');
  pmt.ele('DbtrAgt').ele('FinInstnId').ele('BICFI').txt(input.debtor.bic);
  for (const t of input.transfers) {
    const abroad = !t.creditorIban.startsWith('AZ');
    const tx = pmt.ele('CdtTrfTxInf');
    const id = tx.ele('PmtId');
    id.ele('InstrId').txt(t.endToEndId);
    id.ele('EndToEndId').txt(t.endToEndId);
    tx.ele('Amt').ele('InstdAmt', { Ccy: 'AZN' }).txt(minorToDecimal(t.amountMinor));
    // Domestic: the Fund bears all charges, so the victim receives the whole amount. Abroad: shared
    // charges (SHAR), as banks require for a cross-border credit transfer.
    tx.ele('ChrgBr').txt(abroad ? 'SHAR' : 'DEBT');
    if (t.creditorBic) tx.ele('CdtrAgt').ele('FinInstnId').ele('BICFI').txt(t.creditorBic);
    const cdtr = tx.ele('Cdtr');
    cdtr.ele('Nm').txt(cut(t.creditorName, 140));
    // The account's country is the one thing known of the creditor's address; banks need it abroad.
    if (abroad) cdtr.ele('PstlAdr').ele('Ctry').txt(t.creditorIban.slice(0, 2));
    tx.ele('CdtrAcct').ele('Id').ele('IBAN').txt(t.creditorIban);
    tx.ele('RmtInf').ele('Ustrd').txt(cut(t.remittance, 140));
  }
  return doc.end({ prettyPrint: true });
}
