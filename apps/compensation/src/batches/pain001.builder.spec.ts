import { validatePain001 } from '../../test/support/xsd.js';
import { buildPain001, PAIN001_NAMESPACE, type Pain001Input } from './pain001.builder.js';

const input = (over: Partial<Pain001Input> = {}): Pain001Input => ({
  messageId: '0f6b1e5c8d2a4b7e9c3f1a2b3c4d5e6f',
  createdAt: new Date('2026-11-25T10:15:30.123Z'),
  executionDate: '2026-11-25',
  debtor: { name: 'Assistance Fund', iban: 'AZ21NABZ00000000137010001944', bic: 'NABZAZ2X' },
  transfers: [
    {
      endToEndId: 'a'.repeat(32),
      amountMinor: 150_000,
      creditorName: 'Aysel Məmmədova',
      creditorIban: 'AZ96AIIB40060019440000000000',
      remittance: 'Compensation',
    },
    {
      endToEndId: 'b'.repeat(32),
      amountMinor: 5,
      creditorName: 'X'.repeat(200),
      creditorIban: 'AZ21NABZ00000000137010001944',
      remittance: 'Compensation',
    },
  ],
  ...over,
});

describe('buildPain001', () => {
  it('R-3.10 writes a cross-border transfer with the creditor bank (CdtrAgt BICFI), shared charges and the country, still valid', async () => {
    const xml = buildPain001(
      input({
        transfers: [
          {
            endToEndId: 'c'.repeat(32),
            amountMinor: 1_000,
            creditorName: 'Olena K',
            creditorIban: 'DE89370400440532013000',
            creditorBic: 'COBADEFFXXX',
            remittance: 'Payment',
          },
        ],
      }),
    );
    expect(await validatePain001(xml)).toEqual({ valid: true, errors: [] });
    expect(xml).toContain('<BICFI>COBADEFFXXX</BICFI>');
    expect(xml).toContain('<ChrgBr>SHAR</ChrgBr>');
    expect(xml).toMatch(/<PstlAdr>\s*<Ctry>DE<\/Ctry>/);
    expect(buildPain001(input())).not.toContain('SHAR');
  });

  it('R-3.10 writes a bank transfer file that validates against the official pain.001.001.09 XSD', async () => {
    const xml = buildPain001(input());
    const result = await validatePain001(xml);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(xml).toContain(`xmlns="${PAIN001_NAMESPACE}"`);
  });

  it('writes AZN amounts with exactly two decimals and the control sum', () => {
    const xml = buildPain001(input());
    expect(xml).toContain('<InstdAmt Ccy="AZN">1500.00</InstdAmt>');
    expect(xml).toContain('<InstdAmt Ccy="AZN">0.05</InstdAmt>');
    expect(xml.match(/<CtrlSum>1500.05<\/CtrlSum>/g)).toHaveLength(2);
    expect(xml.match(/<NbOfTxs>2<\/NbOfTxs>/g)).toHaveLength(2);
  });

  it('escapes names and cuts them to 140 characters', async () => {
    const xml = buildPain001(
      input({
        transfers: [
          {
            endToEndId: 'c'.repeat(32),
            amountMinor: 1,
            creditorName: 'A & B <Ltd>',
            creditorIban: 'AZ21NABZ00000000137010001944',
            remittance: 'x',
          },
        ],
      }),
    );
    expect(xml).toContain('A &amp; B &lt;Ltd&gt;');
    expect((await validatePain001(xml)).valid).toBe(true);
    expect(buildPain001(input())).toContain(`<Nm>${'X'.repeat(140)}</Nm>`);
  });

  it('the validator does reject a broken file', async () => {
    const xml = buildPain001(input()).replace('<PmtMtd>TRF</PmtMtd>', '<PmtMtd>CASH</PmtMtd>');
    expect((await validatePain001(xml)).valid).toBe(false);
  });

  it('refuses an empty batch', () => {
    expect(() => buildPain001(input({ transfers: [] }))).toThrow(RangeError);
  });
});
