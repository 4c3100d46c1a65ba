/** A minimal ISO 20022 camt.054 notification of returned credit transfers, as a bank sends it. */
export function camt054(o: {
  msgId: string;
  iban: string;
  returns: { e2e: string; amount: string; reason?: string; status?: string; ind?: string }[];
}): string {
  const entry = (
    r: (typeof o.returns)[number],
  ) => `<Ntry><Amt Ccy="AZN">${r.amount}</Amt><CdtDbtInd>${r.ind ?? 'CRDT'}</CdtDbtInd><Sts><Cd>${r.status ?? 'BOOK'}</Cd></Sts>
    <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>RRTN</SubFmlyCd></Fmly></Domn></BkTxCd>
    <NtryDtls><TxDtls><Refs><EndToEndId>${r.e2e}</EndToEndId></Refs><Amt Ccy="AZN">${r.amount}</Amt>
      <RtrInf>${r.reason ? `<Rsn><Cd>${r.reason}</Cd></Rsn>` : ''}</RtrInf></TxDtls></NtryDtls></Ntry>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"><BkToCstmrDbtCdtNtfctn>
  <GrpHdr><MsgId>${o.msgId}</MsgId><CreDtTm>2026-11-27T09:00:00Z</CreDtTm></GrpHdr>
  <Ntfctn><Id>N1</Id><CreDtTm>2026-11-27T09:00:00Z</CreDtTm><Acct><Id><IBAN>${o.iban}</IBAN></Id></Acct>
    ${o.returns.map(entry).join('\n')}
  </Ntfctn>
</BkToCstmrDbtCdtNtfctn></Document>`;
}
