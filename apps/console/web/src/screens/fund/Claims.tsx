import { Alert, Box, Button, Card, CardContent, Stack, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { usePermissions, useTranslate } from 'react-admin';
import { api, newIdempotencyKey } from '../../api';
import { currentUser } from '../../authProvider';
import { toMinor } from '../../format';
import { DataTable, ErrorAlert, Facts, Money, Page, Section, StatusChip, useAction } from '../common';
import { Field, FormBox, FormGrid, requiredErrors, useForm, type FieldErrors } from '../forms';

interface CourtDecision {
  id: string;
  court: string;
  decisionNumber: string;
  decidedAt: string;
  awardedMinor: number;
  fundPaymentOrdered: boolean;
  recordedBy: string;
  status: 'pending_confirmation' | 'confirmed';
  confirmedBy?: string;
  inForce: boolean;
  duplicateOf?: string;
}

export interface Claim {
  id: string;
  victimRef: string;
  caseNumber: string;
  status: string;
  claimedMaterialMinor: number;
  claimedMoralMinor: number;
  awardedMinor: number;
  recoveredMinor: number;
  paidByFundMinor: number;
  pendingByFundMinor: number;
  outstandingMinor: number;
  fundPayableMinor: number;
  fundPaymentOrdered: boolean;
  courtDecisions: CourtDecision[];
  recoveries: { id: string; amountMinor: number; reference: string; recordedAt: string }[];
  createdAt: string;
}

const CLAIM = (id: string) => `/api/compensation/v1/claims/${id}`;

/** Field errors for amounts typed in AZN ("1250.50"), keyed by the API's field names. */
function useAmountErrors() {
  const translate = useTranslate();
  return (amounts: [field: string, text: string][]): FieldErrors =>
    Object.fromEntries(
      amounts
        .filter(([, text]) => Number.isNaN(toMinor(text)))
        .map(([f]) => [f, translate('fund.amountInvalid')]),
    );
}

function NewClaim({ onCreated }: { onCreated: (c: Claim) => void }) {
  const translate = useTranslate();
  const amounts = useAmountErrors();
  const form = useForm({ caseNumber: '', victimRef: '', material: '', moral: '0' });
  const v = form.values;
  const send = () =>
    form.submit(
      () => ({
        ...requiredErrors(v, ['caseNumber', 'victimRef'], translate('ra.validation.required')),
        ...amounts([
          ['claimedMaterialMinor', v.material],
          ['claimedMoralMinor', v.moral],
        ]),
      }),
      async () => {
        onCreated(
          await api<Claim>('/api/compensation/v1/claims', {
            method: 'POST',
            body: {
              caseNumber: v.caseNumber.trim(),
              victimRef: v.victimRef.trim(),
              claimedMaterialMinor: toMinor(v.material),
              claimedMoralMinor: toMinor(v.moral),
            },
          }),
        );
      },
    );
  return (
    <Section title={translate('fund.newClaim')}>
      <FormBox form={form} onSubmit={send} submitLabel={translate('fund.newClaim')}>
        <FormGrid
          form={form}
          fields={[
            { key: 'caseNumber', label: translate('fund.caseNumber'), required: true },
            { key: 'victimRef', label: translate('fund.victimRef'), required: true },
            {
              key: 'material',
              name: 'claimedMaterialMinor',
              label: translate('fund.claimedMaterial'),
              type: 'decimal',
              required: true,
            },
            {
              key: 'moral',
              name: 'claimedMoralMinor',
              label: translate('fund.claimedMoral'),
              type: 'decimal',
              required: true,
            },
          ]}
        />
      </FormBox>
    </Section>
  );
}

const NO_DECISION = { court: '', decisionNumber: '', decidedAt: '', awarded: '', ordered: true };

/** The maker records a court decision; it counts once an approver confirms it. */
function NewCourtDecision({ claim, onDone }: { claim: Claim; onDone: () => void }) {
  const translate = useTranslate();
  const amounts = useAmountErrors();
  const form = useForm(NO_DECISION);
  const v = form.values;
  const send = () =>
    form.submit(
      () => ({
        ...requiredErrors(v, ['court', 'decisionNumber', 'decidedAt'], translate('ra.validation.required')),
        ...amounts([['awardedMinor', v.awarded]]),
      }),
      async () => {
        await api(`${CLAIM(claim.id)}/court-decisions`, {
          method: 'POST',
          body: {
            court: v.court.trim(),
            decisionNumber: v.decisionNumber.trim(),
            decidedAt: v.decidedAt,
            awardedMinor: toMinor(v.awarded),
            fundPaymentOrdered: v.ordered,
          },
        });
        form.setValues(NO_DECISION);
        onDone();
      },
    );
  return (
    <Section title={translate('fund.decision')}>
      <FormBox form={form} onSubmit={send} submitLabel={translate('fund.decision')} variant="outlined">
        <FormGrid
          form={form}
          fields={[
            { key: 'court', label: translate('fund.court'), required: true },
            { key: 'decisionNumber', label: translate('fund.decisionNumber'), required: true },
            { key: 'decidedAt', label: translate('fund.decidedAt'), type: 'date', required: true, md: 2 },
            {
              key: 'awarded',
              name: 'awardedMinor',
              label: translate('fund.awardedAmount'),
              type: 'decimal',
              required: true,
              md: 2,
            },
            {
              key: 'ordered',
              name: 'fundPaymentOrdered',
              label: translate('fund.fundPaymentOrdered'),
              checkbox: true,
              md: 2,
            },
          ]}
        />
      </FormBox>
    </Section>
  );
}

/** Money recovered from the traffickers' property: the Fund pays only what it leaves (R-3.8). */
function NewRecovery({ claim, onDone }: { claim: Claim; onDone: () => void }) {
  const translate = useTranslate();
  const amounts = useAmountErrors();
  const form = useForm({ amount: '', reference: '' });
  const v = form.values;
  const send = () =>
    form.submit(
      () => ({
        ...requiredErrors(v, ['reference'], translate('ra.validation.required')),
        ...amounts([['amountMinor', v.amount]]),
      }),
      async () => {
        await api(`${CLAIM(claim.id)}/recoveries`, {
          method: 'POST',
          body: { amountMinor: toMinor(v.amount), reference: v.reference.trim() },
        });
        form.setValues({ amount: '', reference: '' });
        onDone();
      },
    );
  return (
    <Section title={translate('fund.recovery')}>
      <FormBox form={form} onSubmit={send} submitLabel={translate('fund.recordRecovery')} variant="outlined">
        <FormGrid
          form={form}
          idPrefix="recovery-"
          fields={[
            {
              key: 'amount',
              name: 'amountMinor',
              label: translate('fund.amount'),
              type: 'decimal',
              required: true,
            },
            { key: 'reference', label: translate('fund.reference'), required: true },
          ]}
        />
      </FormBox>
    </Section>
  );
}

const NO_PAYOUT = {
  amount: '',
  method: 'bank_transfer',
  beneficiaryName: '',
  iban: '',
  bic: '',
  victimChose: false,
};

/** The maker's payout form: one Idempotency-Key per form, so a retry never pays twice. */
function NewPayout({ claim, onDone }: { claim: Claim; onDone: () => void }) {
  const translate = useTranslate();
  const amounts = useAmountErrors();
  const form = useForm(NO_PAYOUT);
  const [key, setKey] = useState(newIdempotencyKey);
  const [created, setCreated] = useState<string | undefined>();
  const v = form.values;
  const bank = v.method === 'bank_transfer';
  const send = () =>
    form.submit(
      () => ({
        ...requiredErrors(
          v,
          ['beneficiaryName', ...(bank ? ['iban'] : [])],
          translate('ra.validation.required'),
        ),
        ...amounts([['amountMinor', v.amount]]),
        ...(v.victimChose ? {} : { methodChosenBy: translate('fund.victimChoiceRequired') }),
      }),
      async () => {
        const payout = await api<{ id: string; status: string }>('/api/compensation/v1/payouts', {
          method: 'POST',
          headers: { 'Idempotency-Key': key },
          body: {
            claimId: claim.id,
            amountMinor: toMinor(v.amount),
            method: v.method,
            beneficiaryName: v.beneficiaryName.trim(),
            // The service refuses any other value; the officer confirms the victim chose above.
            methodChosenBy: 'victim',
            ...(bank ? { iban: v.iban.replace(/\s/g, '').toUpperCase() } : {}),
            ...(bank && v.bic.trim() ? { bic: v.bic.trim().toUpperCase() } : {}),
          },
        });
        setCreated(payout.status);
        setKey(newIdempotencyKey());
        form.setValues(NO_PAYOUT);
        onDone();
      },
    );
  return (
    <Section title={translate('fund.newPayout')}>
      {created && (
        <Alert severity="success" role="status" sx={{ mb: 1 }}>
          {translate('fund.payoutCreated', { status: translate(`status.${created}`) })}
        </Alert>
      )}
      <FormBox form={form} onSubmit={send} submitLabel={translate('fund.createPayout')}>
        <FormGrid
          form={form}
          idPrefix="payout-"
          fields={[
            {
              key: 'amount',
              name: 'amountMinor',
              label: translate('fund.amount'),
              type: 'decimal',
              required: true,
              md: 2,
            },
            {
              key: 'method',
              label: translate('fund.method'),
              options: ['bank_transfer', 'cash'].map((m) => [m, translate(`fund.methods.${m}`)]),
              md: 2,
            },
            {
              key: 'beneficiaryName',
              label: translate('fund.beneficiaryName'),
              required: true,
              autoComplete: 'off',
              md: 4,
            },
            ...(bank
              ? [
                  {
                    key: 'iban' as const,
                    label: translate('fund.iban'),
                    required: true,
                    autoComplete: 'off',
                    md: 4,
                  },
                  { key: 'bic' as const, label: translate('fund.bic'), autoComplete: 'off', md: 3 },
                ]
              : []),
            {
              key: 'victimChose',
              name: 'methodChosenBy',
              label: translate('fund.victimChose'),
              checkbox: true,
              md: 9,
            },
          ]}
        />
      </FormBox>
    </Section>
  );
}

/** The court decisions of a claim; an approver confirms one recorded by someone else. */
function CourtDecisions({ claim, onDone }: { claim: Claim; onDone: () => void }) {
  const translate = useTranslate();
  const { permissions } = usePermissions<string>();
  const me = currentUser();
  const action = useAction(onDone);
  const rows = claim.courtDecisions.filter((d) => !d.duplicateOf);
  if (rows.length === 0) return null;
  return (
    <Section title={translate('fund.decisions')}>
      <ErrorAlert error={action.error} />
      <DataTable
        label={translate('fund.decisions')}
        rows={rows}
        rowKey={(d) => d.id}
        rowProps={(d) => ({ 'data-testid': 'court-decision', 'data-status': d.status })}
        columns={[
          { label: translate('fund.court'), render: (d) => d.court },
          { label: translate('fund.decisionNumber'), render: (d) => d.decisionNumber },
          { label: translate('fund.decidedAt'), render: (d) => d.decidedAt },
          { label: translate('fund.awarded'), render: (d) => <Money minor={d.awardedMinor} /> },
          {
            label: translate('fund.fundPaymentOrdered'),
            render: (d) => translate(d.fundPaymentOrdered ? 'app.yes' : 'app.no'),
          },
          { label: translate('fund.recordedBy'), render: (d) => d.recordedBy },
          {
            label: translate('referral.status'),
            render: (d) => (
              <>
                <StatusChip status={d.status} /> {d.confirmedBy ?? ''}
              </>
            ),
          },
          {
            label: translate('shelter.actions'),
            render: (d) =>
              d.status === 'pending_confirmation' &&
              (permissions === 'fund_approver' && d.recordedBy !== me?.sub ? (
                <Button
                  size="small"
                  variant="contained"
                  disabled={action.busy}
                  onClick={() =>
                    void action.run(() =>
                      api(`${CLAIM(claim.id)}/court-decisions/${d.id}/confirm`, { method: 'POST' }),
                    )
                  }
                >
                  {translate('fund.confirmDecision')}
                </Button>
              ) : (
                <Typography variant="body2">{translate('fund.awaitingConfirmation')}</Typography>
              )),
          },
        ]}
      />
    </Section>
  );
}

function ClaimCard({ id }: { id: string }) {
  const translate = useTranslate();
  const { permissions } = usePermissions<string>();
  const client = useQueryClient();
  const claim = useQuery({ queryKey: ['claim', id], queryFn: () => api<Claim>(CLAIM(id)) });
  const c = claim.data;
  const reload = () => void client.invalidateQueries({ queryKey: ['claim', id] });
  return (
    <Card sx={{ mt: 2 }} data-testid="claim">
      <CardContent>
        <ErrorAlert error={claim.error} />
        {c && (
          <>
            <Typography component="h2" variant="h6">
              {translate('fund.claim')} {c.caseNumber} <StatusChip status={c.status} />
            </Typography>
            <Box data-testid="claim-figures">
              <Facts
                items={[
                  [translate('fund.victimRef'), c.victimRef],
                  [translate('fund.awarded'), <Money key="a" minor={c.awardedMinor} />],
                  [translate('fund.recovered'), <Money key="r" minor={c.recoveredMinor} />],
                  [translate('fund.paid'), <Money key="p" minor={c.paidByFundMinor} />],
                  [translate('fund.pending'), <Money key="n" minor={c.pendingByFundMinor} />],
                  [translate('fund.outstanding'), <Money key="o" minor={c.outstandingMinor} />],
                  [translate('fund.payable'), <Money key="f" minor={c.fundPayableMinor} />],
                ]}
              />
            </Box>
            <CourtDecisions claim={c} onDone={reload} />
            {permissions === 'fund_officer' && (
              <>
                <NewCourtDecision claim={c} onDone={reload} />
                <NewRecovery claim={c} onDone={reload} />
                <NewPayout claim={c} onDone={reload} />
              </>
            )}
          </>
        )}
      </CardContent>
    </Card>
  );
}

/** Claims: find by case number or victim reference, open a new one, decisions and payouts (maker). */
export function ClaimsPage() {
  const translate = useTranslate();
  const { permissions } = usePermissions<string>();
  const [query, setQuery] = useState('');
  const [ids, setIds] = useState<string[]>([]);
  const client = useQueryClient();
  const search = useAction();
  const find = () =>
    search.run(async () => {
      // Searching again shows the claims as they are now (another person may have confirmed a decision).
      await client.invalidateQueries({ queryKey: ['claim'] });
      const q = query.trim();
      const param =
        /^[A-Za-z0-9_-]{8,64}$/.test(q) && !/^NRM-/i.test(q)
          ? `victimRef=${encodeURIComponent(q)}`
          : `caseNumber=${encodeURIComponent(q)}`;
      setIds((await api<Claim[]>(`/api/compensation/v1/claims?${param}`)).map((c) => c.id));
    });
  return (
    <Page
      title={translate('menu.claims')}
      after={ids.map((id) => (
        <ClaimCard key={id} id={id} />
      ))}
    >
      <Stack
        component="form"
        direction={{ xs: 'column', sm: 'row' }}
        spacing={2}
        onSubmit={(e) => {
          e.preventDefault();
          void find();
        }}
      >
        <Field
          name="q"
          label={translate('fund.search')}
          errors={{}}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          sx={{ maxWidth: 420 }}
        />
        <Button type="submit" variant="outlined">
          {translate('ra.action.search')}
        </Button>
      </Stack>
      <ErrorAlert error={search.error} />
      {permissions === 'fund_officer' && (
        <NewClaim onCreated={(c) => setIds((x) => [c.id, ...x.filter((i) => i !== c.id)])} />
      )}
    </Page>
  );
}
