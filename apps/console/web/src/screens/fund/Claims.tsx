import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Checkbox,
  FormControlLabel,
  Grid,
  Stack,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, usePermissions, useTranslate } from 'react-admin';
import { api, newIdempotencyKey } from '../../api';
import { toMinor } from '../../format';
import { Choice, ErrorAlert, Facts, Money, Section, StatusChip, When } from '../common';
import { Field, useForm, type FieldErrors } from '../forms';

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
  courtDecisions: {
    id: string;
    court: string;
    decisionNumber: string;
    decidedAt: string;
    awardedMinor: number;
    fundPaymentOrdered: boolean;
  }[];
  createdAt: string;
}

function useAmountCheck() {
  const translate = useTranslate();
  return (e: FieldErrors, field: string, text: string) => {
    if (Number.isNaN(toMinor(text))) e[field] = translate('fund.amountInvalid');
  };
}

function NewClaim({ onCreated }: { onCreated: (c: Claim) => void }) {
  const translate = useTranslate();
  const amount = useAmountCheck();
  const form = useForm({ caseNumber: '', victimRef: '', material: '', moral: '0' });
  const v = form.values;
  const send = () =>
    form.submit(
      () => {
        const e: FieldErrors = {};
        if (!v.caseNumber.trim()) e.caseNumber = translate('ra.validation.required');
        if (!v.victimRef.trim()) e.victimRef = translate('ra.validation.required');
        amount(e, 'claimedMaterialMinor', v.material);
        amount(e, 'claimedMoralMinor', v.moral);
        return e;
      },
      async () => {
        const claim = await api<Claim>('/api/compensation/v1/claims', {
          method: 'POST',
          body: {
            caseNumber: v.caseNumber.trim(),
            victimRef: v.victimRef.trim(),
            claimedMaterialMinor: toMinor(v.material),
            claimedMoralMinor: toMinor(v.moral),
          },
        });
        onCreated(claim);
      },
    );
  return (
    <Section title={translate('fund.newClaim')}>
      <Box
        component="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, sm: 6, md: 3 }}>
            <Field
              name="caseNumber"
              label={translate('fund.caseNumber')}
              errors={form.errors}
              value={v.caseNumber}
              onChange={(e) => form.set('caseNumber', e.target.value)}
              required
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 3 }}>
            <Field
              name="victimRef"
              label={translate('fund.victimRef')}
              errors={form.errors}
              value={v.victimRef}
              onChange={(e) => form.set('victimRef', e.target.value)}
              required
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 3 }}>
            <Field
              name="claimedMaterialMinor"
              label={translate('fund.claimedMaterial')}
              errors={form.errors}
              value={v.material}
              onChange={(e) => form.set('material', e.target.value)}
              inputMode="decimal"
              required
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 3 }}>
            <Field
              name="claimedMoralMinor"
              label={translate('fund.claimedMoral')}
              errors={form.errors}
              value={v.moral}
              onChange={(e) => form.set('moral', e.target.value)}
              inputMode="decimal"
              required
            />
          </Grid>
        </Grid>
        {Object.keys(form.errors).length === 0 && <ErrorAlert error={form.formError} />}
        <Button type="submit" variant="contained" sx={{ mt: 2 }} disabled={form.busy}>
          {translate('fund.newClaim')}
        </Button>
      </Box>
    </Section>
  );
}

function CourtDecision({ claim, onDone }: { claim: Claim; onDone: () => void }) {
  const translate = useTranslate();
  const amount = useAmountCheck();
  const form = useForm({ court: '', decisionNumber: '', decidedAt: '', awarded: '', ordered: true });
  const v = form.values;
  const send = () =>
    form.submit(
      () => {
        const e: FieldErrors = {};
        if (!v.court.trim()) e.court = translate('ra.validation.required');
        if (!v.decisionNumber.trim()) e.decisionNumber = translate('ra.validation.required');
        if (!v.decidedAt) e.decidedAt = translate('ra.validation.required');
        amount(e, 'awardedMinor', v.awarded);
        return e;
      },
      async () => {
        await api(`/api/compensation/v1/claims/${claim.id}/court-decisions`, {
          method: 'POST',
          body: {
            court: v.court.trim(),
            decisionNumber: v.decisionNumber.trim(),
            decidedAt: v.decidedAt,
            awardedMinor: toMinor(v.awarded),
            fundPaymentOrdered: v.ordered,
          },
        });
        form.setValues({ court: '', decisionNumber: '', decidedAt: '', awarded: '', ordered: true });
        onDone();
      },
    );
  return (
    <Section title={translate('fund.decision')}>
      <Box
        component="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, sm: 6, md: 3 }}>
            <Field
              name="court"
              label={translate('fund.court')}
              errors={form.errors}
              value={v.court}
              onChange={(e) => form.set('court', e.target.value)}
              required
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 3 }}>
            <Field
              name="decisionNumber"
              label={translate('fund.decisionNumber')}
              errors={form.errors}
              value={v.decisionNumber}
              onChange={(e) => form.set('decisionNumber', e.target.value)}
              required
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 2 }}>
            <Field
              name="decidedAt"
              label={translate('fund.decidedAt')}
              type="date"
              errors={form.errors}
              value={v.decidedAt}
              onChange={(e) => form.set('decidedAt', e.target.value)}
              slotProps={{ inputLabel: { shrink: true } }}
              required
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 2 }}>
            <Field
              name="awardedMinor"
              label={translate('fund.awardedAmount')}
              errors={form.errors}
              value={v.awarded}
              onChange={(e) => form.set('awarded', e.target.value)}
              inputMode="decimal"
              required
            />
          </Grid>
          <Grid size={{ xs: 12, md: 2 }}>
            <FormControlLabel
              control={
                <Checkbox checked={v.ordered} onChange={(e) => form.set('ordered', e.target.checked)} />
              }
              label={translate('fund.fundPaymentOrdered')}
            />
          </Grid>
        </Grid>
        {Object.keys(form.errors).length === 0 && <ErrorAlert error={form.formError} />}
        <Button type="submit" variant="outlined" sx={{ mt: 1 }} disabled={form.busy}>
          {translate('fund.decision')}
        </Button>
      </Box>
    </Section>
  );
}

/** The maker's payout form: one Idempotency-Key per form, so a retry never pays twice. */
function NewPayout({ claim, onDone }: { claim: Claim; onDone: () => void }) {
  const translate = useTranslate();
  const amount = useAmountCheck();
  const form = useForm({ amount: '', method: 'bank_transfer', beneficiaryName: '', iban: '' });
  const [key, setKey] = useState(newIdempotencyKey);
  const [created, setCreated] = useState<string | undefined>();
  const v = form.values;
  const send = () =>
    form.submit(
      () => {
        const e: FieldErrors = {};
        amount(e, 'amountMinor', v.amount);
        if (!v.beneficiaryName.trim()) e.beneficiaryName = translate('ra.validation.required');
        if (v.method === 'bank_transfer' && !v.iban.trim()) e.iban = translate('ra.validation.required');
        return e;
      },
      async () => {
        const payout = await api<{ id: string; status: string }>('/api/compensation/v1/payouts', {
          method: 'POST',
          headers: { 'Idempotency-Key': key },
          body: {
            claimId: claim.id,
            amountMinor: toMinor(v.amount),
            method: v.method,
            beneficiaryName: v.beneficiaryName.trim(),
            ...(v.method === 'bank_transfer' ? { iban: v.iban.replace(/\s/g, '').toUpperCase() } : {}),
          },
        });
        setCreated(payout.status);
        setKey(newIdempotencyKey());
        form.setValues({ amount: '', method: 'bank_transfer', beneficiaryName: '', iban: '' });
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
      <Box
        component="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, sm: 6, md: 2 }}>
            <Field
              name="amountMinor"
              label={translate('fund.amount')}
              errors={form.errors}
              value={v.amount}
              onChange={(e) => form.set('amount', e.target.value)}
              inputMode="decimal"
              required
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 2 }}>
            <Choice
              id="method"
              label={translate('fund.method')}
              value={v.method}
              onChange={(x) => form.set('method', x)}
              minWidth={160}
              options={['bank_transfer', 'cash'].map((m) => [m, translate(`fund.methods.${m}`)])}
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 4 }}>
            <Field
              name="beneficiaryName"
              label={translate('fund.beneficiaryName')}
              errors={form.errors}
              value={v.beneficiaryName}
              onChange={(e) => form.set('beneficiaryName', e.target.value)}
              autoComplete="off"
              required
            />
          </Grid>
          {v.method === 'bank_transfer' && (
            <Grid size={{ xs: 12, sm: 6, md: 4 }}>
              <Field
                name="iban"
                label={translate('fund.iban')}
                errors={form.errors}
                value={v.iban}
                onChange={(e) => form.set('iban', e.target.value)}
                autoComplete="off"
                required
              />
            </Grid>
          )}
        </Grid>
        {Object.keys(form.errors).length === 0 && <ErrorAlert error={form.formError} />}
        <Button type="submit" variant="contained" sx={{ mt: 1 }} disabled={form.busy}>
          {translate('fund.createPayout')}
        </Button>
      </Box>
    </Section>
  );
}

function ClaimCard({ id }: { id: string }) {
  const translate = useTranslate();
  const { permissions } = usePermissions<string>();
  const client = useQueryClient();
  const claim = useQuery({
    queryKey: ['claim', id],
    queryFn: () => api<Claim>(`/api/compensation/v1/claims/${id}`),
  });
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
            <Facts
              items={[
                [translate('fund.victimRef'), c.victimRef],
                [translate('fund.awarded'), <Money key="a" minor={c.awardedMinor} />],
                [translate('fund.recovered'), <Money key="r" minor={c.recoveredMinor} />],
                [translate('fund.paid'), <Money key="p" minor={c.paidByFundMinor} />],
                [translate('fund.outstanding'), <Money key="o" minor={c.outstandingMinor} />],
                [translate('fund.payable'), <Money key="f" minor={c.fundPayableMinor} />],
              ]}
            />
            {c.courtDecisions.map((d) => (
              <Typography key={d.id} variant="body2" sx={{ mt: 1 }}>
                {d.court}, {d.decisionNumber}, <When at={d.decidedAt} />: <Money minor={d.awardedMinor} />
                {d.fundPaymentOrdered ? ` — ${translate('fund.fundPaymentOrdered')}` : ''}
              </Typography>
            ))}
            {permissions === 'fund_officer' && (
              <>
                <CourtDecision claim={c} onDone={reload} />
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
  const [error, setError] = useState<unknown>();
  const search = async () => {
    setError(undefined);
    const q = query.trim();
    const param =
      /^[A-Za-z0-9_-]{8,64}$/.test(q) && !/^NRM-/i.test(q)
        ? `victimRef=${encodeURIComponent(q)}`
        : `caseNumber=${encodeURIComponent(q)}`;
    try {
      setIds((await api<Claim[]>(`/api/compensation/v1/claims?${param}`)).map((c) => c.id));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Box sx={{ p: { xs: 1, sm: 2 } }}>
      <Title title={translate('menu.claims')} />
      <Card>
        <CardContent>
          <Typography component="h1" variant="h5">
            {translate('menu.claims')}
          </Typography>
          <Stack
            component="form"
            direction={{ xs: 'column', sm: 'row' }}
            spacing={2}
            sx={{ mt: 2 }}
            onSubmit={(e) => {
              e.preventDefault();
              void search();
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
          <ErrorAlert error={error} />
          {permissions === 'fund_officer' && (
            <NewClaim onCreated={(c) => setIds((x) => [c.id, ...x.filter((i) => i !== c.id)])} />
          )}
        </CardContent>
      </Card>
      {ids.map((id) => (
        <ClaimCard key={id} id={id} />
      ))}
    </Box>
  );
}
