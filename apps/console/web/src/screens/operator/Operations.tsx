import { Box, Button, Typography } from '@mui/material';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { api, ApiError } from '../../api';
import { Choice, DataTable, ErrorAlert, Page, StatusChip, When, useAction } from '../common';

export const SERVICES = ['referral', 'shelter', 'compensation', 'notification', 'reporting'];

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
      <DataTable
        label={translate('menu.health')}
        rows={SERVICES.map((service, i) => ({ service, check: checks[i]?.data }))}
        rowKey={(r) => r.service}
        rowProps={(r) => ({
          'data-testid': `health-${r.service}`,
          'data-ok': r.check?.ok ? 'true' : 'false',
        })}
        columns={[
          { label: translate('ops.service'), render: (r) => r.service },
          {
            label: translate('ops.health'),
            render: (r) => (
              <Box component="span" sx={{ color: r.check?.ok ? '#1b5e20' : '#b71c1c', fontWeight: 700 }}>
                {r.check ? (r.check.ok ? `✔ ${translate('ops.up')}` : `✖ ${translate('ops.down')}`) : '…'}
              </Box>
            ),
          },
          {
            label: translate('ops.details'),
            render: (r) => (
              <Box component="span" sx={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' }}>
                {r.check ? JSON.stringify(r.check.body) : ''}
              </Box>
            ),
          },
        ]}
      />
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
  const parked = useQuery({
    queryKey: ['parked', service],
    queryFn: async () => {
      const body = await api<Parked[] | { items: Parked[] }>(`/api/${service}/v1/parked-messages`);
      return Array.isArray(body) ? body : body.items;
    },
  });
  const action = useAction(() => client.invalidateQueries({ queryKey: ['parked', service] }));
  const replay = (id: string) =>
    action.run(() =>
      api(`/api/${service}/v1/parked-messages/${encodeURIComponent(id)}/replay`, { method: 'POST' }),
    );
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
        <ErrorAlert error={parked.error ?? action.error} />
      )}
      <DataTable
        label={translate('menu.parked')}
        rows={parked.data ?? []}
        rowKey={(m) => m.id}
        columns={[
          { label: translate('ops.type'), render: (m) => m.type ?? m.routingKey ?? '' },
          { label: translate('ops.reason'), render: (m) => m.reason ?? '' },
          { label: translate('victim.at'), render: (m) => <When at={m.parkedAt} /> },
          {
            label: translate('shelter.actions'),
            render: (m) => (
              <Button size="small" variant="outlined" onClick={() => void replay(m.id)}>
                {translate('ops.replay')}
              </Button>
            ),
          },
        ]}
      />
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
  const deliveries = useQuery({
    queryKey: ['deliveries', status],
    queryFn: () =>
      api<{ items: Delivery[] }>(
        `/api/notification/v1/deliveries?limit=100${status ? `&status=${status}` : ''}`,
      ),
  });
  const action = useAction(() => client.invalidateQueries({ queryKey: ['deliveries'] }));
  const redrive = (id: string) =>
    action.run(() => api(`/api/notification/v1/deliveries/${id}/redrive`, { method: 'POST' }));
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
      <ErrorAlert error={deliveries.error ?? action.error} />
      <DataTable
        label={translate('menu.deliveries')}
        rows={deliveries.data?.items ?? []}
        rowKey={(d) => d.id}
        columns={[
          { label: translate('victim.at'), render: (d) => <When at={d.createdAt} /> },
          { label: translate('ops.type'), render: (d) => d.eventType },
          { label: translate('admin.org'), render: (d) => d.org },
          { label: translate('ops.channel'), render: (d) => d.channel ?? '' },
          { label: translate('referral.status'), render: (d) => <StatusChip status={d.status} /> },
          {
            label: translate('ops.attempts'),
            render: (d) => `${d.attemptCount} ${d.lastError ? `— ${d.lastError}` : ''}`,
          },
          {
            label: translate('shelter.actions'),
            render: (d) =>
              d.status === 'failed' && (
                <Button size="small" variant="outlined" onClick={() => void redrive(d.id)}>
                  {translate('ops.redrive')}
                </Button>
              ),
          },
        ]}
      />
    </Page>
  );
}
