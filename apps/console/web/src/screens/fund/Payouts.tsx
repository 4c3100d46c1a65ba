import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, usePermissions, useTranslate } from 'react-admin';
import { api } from '../../api';
import { currentUser } from '../../authProvider';
import { ErrorAlert, Money, Section, StatusChip, When } from '../common';
import { Field, useForm, type FieldErrors } from '../forms';

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

export function usePayouts() {
  return useQuery({
    queryKey: ['payouts'],
    queryFn: () => api<Payout[]>('/api/compensation/v1/payouts'),
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
      () => {
        const e: FieldErrors = {};
        if (!v.receiptNumber.trim()) e.receiptNumber = translate('ra.validation.required');
        if (!v.identityDocument.trim()) e.identityDocument = translate('ra.validation.required');
        return e;
      },
      async () => {
        await api(`/api/compensation/v1/payouts/${payout.id}/cash-disbursement`, {
          method: 'POST',
          body: { receiptNumber: v.receiptNumber.trim(), identityDocument: v.identityDocument.trim() },
        });
        onDone();
      },
    );
  return (
    <Stack
      component="form"
      noValidate
      direction={{ xs: 'column', md: 'row' }}
      spacing={1}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <Field
        name="receiptNumber"
        label={translate('fund.receiptNumber')}
        errors={form.errors}
        value={v.receiptNumber}
        onChange={(e) => form.set('receiptNumber', e.target.value)}
        required
      />
      <Field
        name="identityDocument"
        label={translate('fund.identityDocument')}
        errors={form.errors}
        value={v.identityDocument}
        onChange={(e) => form.set('identityDocument', e.target.value)}
        autoComplete="off"
        required
      />
      <Button type="submit" size="small" variant="outlined" disabled={form.busy}>
        {translate('fund.disburse')}
      </Button>
      {Object.keys(form.errors).length === 0 && <ErrorAlert error={form.formError} />}
    </Stack>
  );
}

/** Payouts for maker and checker: the approve button exists only for an approver who did not make it. */
export function PayoutsPage() {
  const translate = useTranslate();
  const { permissions } = usePermissions<string>();
  const me = currentUser();
  const client = useQueryClient();
  const payouts = usePayouts();
  const [error, setError] = useState<unknown>();
  const [batch, setBatch] = useState<string | undefined>();
  const reload = () => {
    void client.invalidateQueries({ queryKey: ['payouts'] });
    void client.invalidateQueries({ queryKey: ['balance'] });
  };
  const act = async (fn: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await fn();
      reload();
    } catch (err) {
      setError(err);
    }
  };
  const batchable = (payouts.data ?? []).filter(
    (p) => p.method === 'bank_transfer' && p.status === 'approved' && !p.batchId,
  );
  return (
    <Box sx={{ p: { xs: 1, sm: 2 } }}>
      <Title title={translate('menu.payouts')} />
      <Card>
        <CardContent>
          <Typography component="h1" variant="h5" sx={{ mb: 1 }}>
            {translate('menu.payouts')}
          </Typography>
          <FundBalance />
          <ErrorAlert error={payouts.error ?? error} />
          {batch && (
            <Alert severity="success" role="status" sx={{ my: 1 }}>
              {translate('fund.batchCreated')} <a href="#/batches">{translate('menu.batches')}</a>
            </Alert>
          )}
          {batchable.length > 0 && (
            <Button
              variant="contained"
              sx={{ my: 1 }}
              onClick={() =>
                void act(async () => {
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
          <Section title={translate('menu.payouts')}>
            <Box sx={{ overflowX: 'auto' }}>
              <Table size="small" aria-label={translate('menu.payouts')}>
                <TableHead>
                  <TableRow>
                    <TableCell>{translate('fund.createdAt')}</TableCell>
                    <TableCell>{translate('fund.amount')}</TableCell>
                    <TableCell>{translate('fund.method')}</TableCell>
                    <TableCell>{translate('referral.status')}</TableCell>
                    <TableCell>{translate('fund.createdBy')}</TableCell>
                    <TableCell>{translate('shelter.actions')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {[...(payouts.data ?? [])].reverse().map((p) => (
                    <TableRow key={p.id} data-testid="payout-row" data-status={p.status}>
                      <TableCell>
                        <When at={p.createdAt} />
                      </TableCell>
                      <TableCell>
                        <Money minor={p.amountMinor} />
                      </TableCell>
                      <TableCell>
                        {translate(`fund.methods.${p.method}`)} {p.ibanMasked ?? ''}
                      </TableCell>
                      <TableCell>
                        <StatusChip status={p.status} />
                      </TableCell>
                      <TableCell>{p.createdBy}</TableCell>
                      <TableCell>
                        {p.status === 'pending_approval' &&
                          permissions === 'fund_approver' &&
                          p.createdBy !== me?.sub && (
                            <Button
                              size="small"
                              variant="contained"
                              onClick={() =>
                                void act(() =>
                                  api(`/api/compensation/v1/payouts/${p.id}/approve`, { method: 'POST' }),
                                )
                              }
                            >
                              {translate('fund.approve')}
                            </Button>
                          )}
                        {p.status === 'pending_approval' && p.createdBy === me?.sub && (
                          <Typography variant="body2">{translate('fund.makerNote')}</Typography>
                        )}
                        {p.status === 'approved' && p.method === 'cash' && permissions === 'fund_officer' && (
                          <CashDisbursement payout={p} onDone={reload} />
                        )}
                        {p.status === 'disbursed' && (
                          <Button
                            size="small"
                            href={`/api/compensation/v1/payouts/${p.id}/receipt`}
                            target="_blank"
                            rel="noopener"
                          >
                            {translate('fund.receipt')}
                          </Button>
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
          </Section>
        </CardContent>
      </Card>
    </Box>
  );
}
