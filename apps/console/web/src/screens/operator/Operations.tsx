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
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Title, useTranslate } from 'react-admin';
import { api, ApiError } from '../../api';
import { Choice, ErrorAlert, StatusChip, When } from '../common';

export const SERVICES = ['referral', 'shelter', 'compensation', 'notification', 'reporting'];

function Page({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box sx={{ p: { xs: 1, sm: 2 } }}>
      <Title title={title} />
      <Card>
        <CardContent>
          <Typography component="h1" variant="h5" sx={{ mb: 2 }}>
            {title}
          </Typography>
          {children}
        </CardContent>
      </Card>
    </Box>
  );
}

/** Readiness of every service (Postgres, RabbitMQ, outbox), polled. */
export function HealthPage() {
  const translate = useTranslate();
  const checks = useQueries({
    queries: SERVICES.map((s) => ({
      queryKey: ['health', s],
      refetchInterval: 5000,
      queryFn: async () => {
        try {
          return { ok: true, body: await api<Record<string, unknown>>(`/api/${s}/health/ready`) };
        } catch (err) {
          return {
            ok: false,
            body:
              err instanceof ApiError
                ? { status: err.status, detail: err.detail ?? err.title }
                : { error: String(err) },
          };
        }
      },
    })),
  });
  return (
    <Page title={translate('menu.health')}>
      <Table size="small" aria-label={translate('menu.health')}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('ops.service')}</TableCell>
            <TableCell>{translate('ops.health')}</TableCell>
            <TableCell>{translate('ops.details')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {SERVICES.map((s, i) => {
            const c = checks[i]?.data;
            return (
              <TableRow key={s} data-testid={`health-${s}`} data-ok={c?.ok ? 'true' : 'false'}>
                <TableCell>{s}</TableCell>
                <TableCell sx={{ color: c?.ok ? '#1b5e20' : '#b71c1c', fontWeight: 700 }}>
                  {c ? (c.ok ? `✔ ${translate('ops.up')}` : `✖ ${translate('ops.down')}`) : '…'}
                </TableCell>
                <TableCell sx={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' }}>
                  {c ? JSON.stringify(c.body) : ''}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Page>
  );
}

interface Parked {
  id: string;
  type?: string;
  routingKey?: string;
  reason?: string;
  parkedAt?: string;
  [k: string]: unknown;
}

/** Messages parked after their retries, per service, with replay. */
export function ParkedPage() {
  const translate = useTranslate();
  const client = useQueryClient();
  const [service, setService] = useState('referral');
  const [error, setError] = useState<unknown>();
  const parked = useQuery({
    queryKey: ['parked', service],
    queryFn: async () => {
      const body = await api<Parked[] | { items: Parked[] }>(`/api/${service}/v1/parked-messages`);
      return Array.isArray(body) ? body : body.items;
    },
  });
  const replay = async (id: string) => {
    setError(undefined);
    try {
      await api(`/api/${service}/v1/parked-messages/${encodeURIComponent(id)}/replay`, { method: 'POST' });
      await client.invalidateQueries({ queryKey: ['parked', service] });
    } catch (err) {
      setError(err);
    }
  };
  const missing = parked.error instanceof ApiError && parked.error.status === 404;
  return (
    <Page title={translate('menu.parked')}>
      <Choice
        id="parked-service"
        label={translate('ops.service')}
        value={service}
        onChange={setService}
        options={SERVICES.map((s) => [s, s])}
      />
      {missing ? (
        <Typography sx={{ mt: 2 }}>{translate('ops.unavailable')}</Typography>
      ) : (
        <ErrorAlert error={parked.error ?? error} />
      )}
      <Table size="small" aria-label={translate('menu.parked')} sx={{ mt: 2 }}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('ops.type')}</TableCell>
            <TableCell>{translate('ops.reason')}</TableCell>
            <TableCell>{translate('victim.at')}</TableCell>
            <TableCell>{translate('shelter.actions')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {(parked.data ?? []).map((m) => (
            <TableRow key={m.id}>
              <TableCell>{m.type ?? m.routingKey ?? ''}</TableCell>
              <TableCell>{m.reason ?? ''}</TableCell>
              <TableCell>
                <When at={m.parkedAt} />
              </TableCell>
              <TableCell>
                <Button size="small" variant="outlined" onClick={() => void replay(m.id)}>
                  {translate('ops.replay')}
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Page>
  );
}

interface Delivery {
  id: string;
  eventType: string;
  org: string;
  channel: string | null;
  status: string;
  attemptCount: number;
  createdAt: string;
  lastError: string | null;
}

/** Deliveries of notifications with their attempts; a failed one can be re-driven. */
export function DeliveriesPage() {
  const translate = useTranslate();
  const client = useQueryClient();
  const [status, setStatus] = useState('failed');
  const [error, setError] = useState<unknown>();
  const deliveries = useQuery({
    queryKey: ['deliveries', status],
    queryFn: () =>
      api<{ items: Delivery[] }>(
        `/api/notification/v1/deliveries?limit=100${status ? `&status=${status}` : ''}`,
      ),
  });
  const redrive = async (id: string) => {
    setError(undefined);
    try {
      await api(`/api/notification/v1/deliveries/${id}/redrive`, { method: 'POST' });
      await client.invalidateQueries({ queryKey: ['deliveries'] });
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Page title={translate('menu.deliveries')}>
      <Choice
        id="delivery-status"
        label={translate('referral.status')}
        value={status}
        onChange={setStatus}
        options={['failed', 'pending', 'delivered', 'waiting', 'cancelled'].map((s) => [
          s,
          translate(`status.${s}`, { _: s }),
        ])}
      />
      <ErrorAlert error={deliveries.error ?? error} />
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small" aria-label={translate('menu.deliveries')} sx={{ mt: 2 }}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('victim.at')}</TableCell>
              <TableCell>{translate('ops.type')}</TableCell>
              <TableCell>{translate('admin.org')}</TableCell>
              <TableCell>{translate('ops.channel')}</TableCell>
              <TableCell>{translate('referral.status')}</TableCell>
              <TableCell>{translate('ops.attempts')}</TableCell>
              <TableCell>{translate('shelter.actions')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {(deliveries.data?.items ?? []).map((d) => (
              <TableRow key={d.id}>
                <TableCell>
                  <When at={d.createdAt} />
                </TableCell>
                <TableCell>{d.eventType}</TableCell>
                <TableCell>{d.org}</TableCell>
                <TableCell>{d.channel ?? ''}</TableCell>
                <TableCell>
                  <StatusChip status={d.status} />
                </TableCell>
                <TableCell>
                  {d.attemptCount} {d.lastError ? `— ${d.lastError}` : ''}
                </TableCell>
                <TableCell>
                  {d.status === 'failed' && (
                    <Button size="small" variant="outlined" onClick={() => void redrive(d.id)}>
                      {translate('ops.redrive')}
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </Page>
  );
}
