import { outcomeOf, parsePain002, payoutIdOf, Pain002Error } from './pain002.parser.js';

const report = (
  txs: string,
  ns = 'urn:iso:std:iso:20022:tech:xsd:pain.002.001.10',
) => `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="${ns}"><CstmrPmtStsRpt>
  <GrpHdr><MsgId>BANK-STS-1</MsgId><CreDtTm>2026-11-26T09:00:00Z</CreDtTm></GrpHdr>
  <OrgnlGrpInfAndSts><OrgnlMsgId>0f6b1e5c8d2a4b7e9c3f1a2b3c4d5e6f</OrgnlMsgId><OrgnlMsgNmId>pain.001.001.09</OrgnlMsgNmId></OrgnlGrpInfAndSts>
  <OrgnlPmtInfAndSts><OrgnlPmtInfId>0f6b1e5c8d2a4b7e9c3f1a2b3c4d5e6f</OrgnlPmtInfId>${txs}</OrgnlPmtInfAndSts>
</CstmrPmtStsRpt></Document>`;

describe('parsePain002', () => {
  it('R-3.10 reads per-payout statuses, reasons and bank references from a bank status report', () => {
    const r = parsePain002(
      report(`
      <TxInfAndSts><OrgnlEndToEndId>aaaa</OrgnlEndToEndId><TxSts>ACSC</TxSts><AcctSvcrRef>NABZ-1</AcctSvcrRef></TxInfAndSts>
      <TxInfAndSts><OrgnlEndToEndId>bbbb</OrgnlEndToEndId><TxSts>RJCT</TxSts><StsRsnInf><Rsn><Cd>AC04</Cd></Rsn></StsRsnInf></TxInfAndSts>`),
    );
    expect(r).toEqual({
      messageId: 'BANK-STS-1',
      originalMessageId: '0f6b1e5c8d2a4b7e9c3f1a2b3c4d5e6f',
      transactions: [
        { endToEndId: 'aaaa', status: 'ACSC', bankReference: 'NABZ-1' },
        { endToEndId: 'bbbb', status: 'RJCT', reason: 'AC04' },
      ],
    });
  });

  it('reads a single transaction too', () => {
    expect(
      parsePain002(
        report('<TxInfAndSts><OrgnlEndToEndId>c</OrgnlEndToEndId><TxSts>PDNG</TxSts></TxInfAndSts>'),
      ).transactions,
    ).toHaveLength(1);
  });

  it('refuses DTDs, malformed XML and other documents', () => {
    expect(() => parsePain002('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')).toThrow(Pain002Error);
    expect(() => parsePain002('<Document><unclosed></Document>')).toThrow(Pain002Error);
    expect(() => parsePain002(report('', 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.09'))).toThrow(
      Pain002Error,
    );
    expect(() => parsePain002(report('<TxInfAndSts><TxSts>ACSC</TxSts></TxInfAndSts>'))).toThrow(
      Pain002Error,
    );
  });

  it('maps statuses to payout outcomes and end-to-end ids back to payout ids', () => {
    expect(outcomeOf('ACSC')).toBe('settled');
    expect(outcomeOf('ACCC')).toBe('settled');
    expect(outcomeOf('RJCT')).toBe('failed');
    expect(outcomeOf('ACSP')).toBeUndefined();
    expect(payoutIdOf('0f6b1e5c8d2a4b7e9c3f1a2b3c4d5e6f')).toBe('0f6b1e5c-8d2a-4b7e-9c3f-1a2b3c4d5e6f');
    expect(payoutIdOf('not-an-id')).toBeUndefined();
  });
});
