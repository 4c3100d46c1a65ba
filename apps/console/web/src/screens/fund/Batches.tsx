import {
  Box,
  Button,
  Card,
  CardContent,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useQueries } from '@tanstack/react-query';
import { Title, useTranslate } from 'react-admin';
import { api } from '../../api';
import { ErrorAlert, Money, When } from '../common';
import { usePayouts } from './Payouts';

interface Batch {
  id: string;
  messageId: string;
  payoutCount: number;
  controlSumMinor: number;
  createdBy: string;
  createdAt: string;
}

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
      queryFn: () => api<Batch>(`/api/compensation/v1/payout-batches/${id}`),
    })),
  });
  const rows = batches
    .map((b) => b.data)
    .filter((b): b is Batch => b !== undefined)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <Box sx={{ p: { xs: 1, sm: 2 } }}>
      <Title title={translate('menu.batches')} />
      <Card>
        <CardContent>
          <Typography component="h1" variant="h5" sx={{ mb: 1 }}>
            {translate('menu.batches')}
          </Typography>
          <ErrorAlert error={payouts.error} />
          {rows.length === 0 && <Typography>{translate('app.none')}</Typography>}
          <Box sx={{ overflowX: 'auto' }}>
            <Table size="small" aria-label={translate('menu.batches')}>
              <TableHead>
                <TableRow>
                  <TableCell>{translate('fund.createdAt')}</TableCell>
                  <TableCell>{translate('fund.batch')}</TableCell>
                  <TableCell>{translate('fund.payoutCount')}</TableCell>
                  <TableCell>{translate('fund.controlSum')}</TableCell>
                  <TableCell>pain.001</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((b) => (
                  <TableRow key={b.id}>
                    <TableCell>
                      <When at={b.createdAt} />
                    </TableCell>
                    <TableCell>{b.messageId}</TableCell>
                    <TableCell>{b.payoutCount}</TableCell>
                    <TableCell>
                      <Money minor={b.controlSumMinor} />
                    </TableCell>
                    <TableCell>
                      <Button
                        size="small"
                        variant="outlined"
                        href={`/api/compensation/v1/payout-batches/${b.id}/pain001`}
                        download
                      >
                        {translate('fund.pain001')}
                      </Button>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
        </CardContent>
      </Card>
    </Box>
  );
}
