import { Alert, Button, Stack, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { usePermissions, useTranslate } from 'react-admin';
import { api } from '../../api';
import { currentUser } from '../../authProvider';
import { DataTable, ErrorAlert, Money, Page, StatusChip, When, useAction } from '../common';
import { FormBox, FormGrid, requiredErrors, useForm } from '../forms';

export interface Payout {
  id: string;
  claimId: string;
  amountMinor: number;
  method: 'bank_transfer' | 'cash';
  status: string;
  ibanMasked?: string;
  createdBy: string;
  createdAt: string;
  approvedBy?: string;
  batchId?: string;
  receiptNumber?: string;
}
interface Balance {
  availableMinor: number;
  reservedMinor: number;
}

export const PAYOUTS = '/api/compensation/v1/payouts';

export function usePayouts() {
  return useQuery({
    queryKey: ['payouts'],
    queryFn: () => api<Payout[]>(PAYOUTS),
    refetchInterval: 10_000,
  });
}

function FundBalance() {
  const translate = useTranslate();
  const balance = useQuery({
    queryKey: ['balance'],
    queryFn: () => api<Balance>('/api/compensation/v1/fund/balance'),
  });
  if (!balance.data) return null;
  return (
    <Typography sx={{ mb: 1 }} data-testid="balance">
      {translate('fund.balance')}: {translate('fund.available')} <Money minor={balance.data.availableMinor} />
      , {translate('fund.reserved')} <Money minor={balance.data.reservedMinor} />
    </Typography>
  );
}

/** Cash: the receipt number and the identity document checked, then the printable receipt. */
function CashDisbursement({ payout, onDone }: { payout: Payout; onDone: () => void }) {
  const translate = useTranslate();
  const form = useForm({ receiptNumber: '', identityDocument: '' });
  const v = form.values;
  const send = () =>
    form.submit(
      () => requiredErrors(v, ['receiptNumber', 'identityDocument'], translate('ra.validation.required')),
      async () => {
        await api(`${PAYOUTS}/${payout.id}/cash-disbursement`, {
          method: 'POST',
          body: { receiptNumber: v.receiptNumber.trim(), identityDocument: v.identityDocument.trim() },
        });
        onDone();
      },
    );
  return (
    <FormBox form={form} onSubmit={send} submitLabel={translate('fund.disburse')} variant="outlined">
      <FormGrid
        form={form}
        idPrefix={`cash-${payout.id.slice(0, 8)}-`}
        fields={[
          { key: 'receiptNumber', label: translate('fund.receiptNumber'), required: true, md: 6 },
          {
            key: 'identityDocument',
            label: translate('fund.identityDocument'),
            required: true,
            autoComplete: 'off',
            md: 6,
          },
        ]}
      />
    </FormBox>
  );
}

/** What a payout's row offers: approval (never to its maker), cash payment, the receipt. */
function PayoutActions({ payout: p, onDone }: { payout: Payout; onDone: () => void }) {
  const translate = useTranslate();
  const { permissions } = usePermissions<string>();
  const me = currentUser();
  const action = useAction(onDone);
  const maker = p.createdBy === me?.sub;
  return (
    <Stack spacing={1} sx={{ alignItems: 'flex-start' }}>
      {p.status === 'pending_approval' && permissions === 'fund_approver' && !maker && (
        <Button
          size="small"
          variant="contained"
          disabled={action.busy}
          onClick={() => void action.run(() => api(`${PAYOUTS}/${p.id}/approve`, { method: 'POST' }))}
        >
          {translate('fund.approve')}
        </Button>
      )}
      {p.status === 'pending_approval' && maker && (
        <Typography variant="body2">{translate('fund.makerNote')}</Typography>
      )}
      {p.status === 'approved' && p.method === 'cash' && permissions === 'fund_officer' && (
        <CashDisbursement payout={p} onDone={onDone} />
      )}
      {p.status === 'disbursed' && (
        <Button
          size="small"
          variant="outlined"
          href={`${PAYOUTS}/${p.id}/receipt`}
          target="_blank"
          rel="noopener"
        >
          {translate('fund.receipt')}
        </Button>
      )}
      <ErrorAlert error={action.error} />
    </Stack>
  );
}

/** Payouts for maker and checker: the approve button exists only for an approver who did not make it. */
export function PayoutsPage() {
  const translate = useTranslate();
  const client = useQueryClient();
  const payouts = usePayouts();
  const [batch, setBatch] = useState<string | undefined>();
  const reload = () => {
    void client.invalidateQueries({ queryKey: ['payouts'] });
    void client.invalidateQueries({ queryKey: ['balance'] });
  };
  const batching = useAction(reload);
  const batchable = (payouts.data ?? []).filter(
    (p) => p.method === 'bank_transfer' && p.status === 'approved' && !p.batchId,
  );
  return (
    <Page title={translate('menu.payouts')}>
      <FundBalance />
      <ErrorAlert error={payouts.error ?? batching.error} />
      {batch && (
        <Alert severity="success" role="status" sx={{ my: 1 }}>
          {translate('fund.batchCreated')} <a href="#/batches">{translate('menu.batches')}</a>
        </Alert>
      )}
      {batchable.length > 0 && (
        <Button
          variant="contained"
          sx={{ my: 1 }}
          disabled={batching.busy}
          onClick={() =>
            void batching.run(async () => {
              const b = await api<{ id: string }>('/api/compensation/v1/payout-batches', {
                method: 'POST',
                body: { payoutIds: batchable.map((p) => p.id) },
              });
              setBatch(b.id);
            })
          }
        >
          {translate('fund.createBatch')} ({batchable.length})
        </Button>
      )}
      <DataTable
        label={translate('menu.payouts')}
        rows={[...(payouts.data ?? [])].reverse()}
        rowKey={(p) => p.id}
        rowProps={(p) => ({ 'data-testid': 'payout-row', 'data-status': p.status, 'data-payout': p.id })}
        columns={[
          { label: translate('fund.createdAt'), render: (p) => <When at={p.createdAt} /> },
          { label: translate('fund.amount'), render: (p) => <Money minor={p.amountMinor} /> },
          {
            label: translate('fund.method'),
            render: (p) => `${translate(`fund.methods.${p.method}`)} ${p.ibanMasked ?? ''}`,
          },
          { label: translate('referral.status'), render: (p) => <StatusChip status={p.status} /> },
          { label: translate('fund.createdBy'), render: (p) => p.createdBy },
          {
            label: translate('shelter.actions'),
            render: (p) => <PayoutActions payout={p} onDone={reload} />,
          },
        ]}
      />
    </Page>
  );
}
