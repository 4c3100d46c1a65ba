import { Button } from '@mui/material';
import { useQueries } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { api } from '../../api';
import { DataTable, ErrorAlert, Money, Page, When } from '../common';
import { usePayouts } from './Payouts';

interface Batch {
  id: string;
  messageId: string;
  payoutCount: number;
  controlSumMinor: number;
  createdBy: string;
  createdAt: string;
}

const BATCHES = '/api/compensation/v1/payout-batches';

/** Bank batches (found through their payouts) and their ISO 20022 pain.001 files. */
export function BatchesPage() {
  const translate = useTranslate();
  const payouts = usePayouts();
  const ids = [
    ...new Set(
      (payouts.data ?? []).map((p) => p.batchId).filter((id): id is string => typeof id === 'string'),
    ),
  ];
  const batches = useQueries({
    queries: ids.map((id) => ({
      queryKey: ['batch', id],
      queryFn: () => api<Batch>(`${BATCHES}/${id}`),
    })),
  });
  const rows = batches
    .map((b) => b.data)
    .filter((b): b is Batch => b !== undefined)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <Page title={translate('menu.batches')}>
      <ErrorAlert error={payouts.error} />
      <DataTable
        label={translate('menu.batches')}
        rows={rows}
        rowKey={(b) => b.id}
        rowProps={(b) => ({ 'data-testid': 'batch-row', 'data-batch': b.id })}
        columns={[
          { label: translate('fund.createdAt'), render: (b) => <When at={b.createdAt} /> },
          { label: translate('fund.batch'), render: (b) => b.messageId },
          { label: translate('fund.payoutCount'), render: (b) => b.payoutCount },
          { label: translate('fund.controlSum'), render: (b) => <Money minor={b.controlSumMinor} /> },
          {
            label: 'pain.001',
            render: (b) => (
              <Button size="small" variant="outlined" href={`${BATCHES}/${b.id}/pain001`} download>
                {translate('fund.pain001')}
              </Button>
            ),
          },
        ]}
      />
    </Page>
  );
}
