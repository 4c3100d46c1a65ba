import { Button, Stack } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { api } from '../../api';
import { Choice, DataTable, ErrorAlert, Page, StatusChip, When, useAction } from '../common';

interface ServiceRequest {
  id: string;
  victimRef: string;
  caseNumber: string;
  service: string;
  status: string;
  region: string;
  requestedAt: string;
  requestedByOrg: string;
  declineReason?: string;
}

const REQUESTS = '/api/referral/v1/service-requests';
const DECLINE_REASONS = [
  'no_capacity',
  'not_competent',
  'not_in_region',
  'language',
  'victim_declined',
  'other',
];
const OUTCOMES = ['provided', 'referred_on', 'victim_declined'];

/** What a provider may answer on one request: accept or decline it, then report it given. */
function Answer({ request: r, onDone }: { request: ServiceRequest; onDone: () => void }) {
  const translate = useTranslate();
  const action = useAction(onDone);
  const [reason, setReason] = useState('no_capacity');
  const [outcome, setOutcome] = useState('provided');
  const post = (step: string, body?: unknown) =>
    action.run(() => api(`${REQUESTS}/${r.id}/${step}`, { method: 'POST', body }));
  return (
    <Stack direction={{ xs: 'column', md: 'row' }} spacing={1} sx={{ alignItems: { md: 'center' } }}>
      {r.status === 'requested' && (
        <>
          <Button size="small" variant="contained" disabled={action.busy} onClick={() => void post('accept')}>
            {translate('requests.accept')}
          </Button>
          <Choice
            id={`decline-${r.id}`}
            label={translate('shelter.reason')}
            value={reason}
            onChange={setReason}
            minWidth={160}
            options={DECLINE_REASONS.map((x) => [x, translate(`requests.reasons.${x}`)])}
          />
          <Button
            size="small"
            variant="outlined"
            disabled={action.busy}
            onClick={() => void post('decline', { reason })}
          >
            {translate('shelter.decline')}
          </Button>
        </>
      )}
      {r.status === 'accepted' && (
        <>
          <Choice
            id={`outcome-${r.id}`}
            label={translate('requests.outcome')}
            value={outcome}
            onChange={setOutcome}
            minWidth={160}
            options={OUTCOMES.map((x) => [x, translate(`requests.outcomes.${x}`)])}
          />
          <Button
            size="small"
            variant="contained"
            disabled={action.busy}
            onClick={() => void post('complete', { outcome })}
          >
            {translate('requests.complete')}
          </Button>
        </>
      )}
      <ErrorAlert error={action.error} />
    </Stack>
  );
}

/**
 * A service provider (medical, psychological, legal aid: MOH, an NGO) sees the service requests
 * addressed to its organisation, with no personal data, and answers them (R-3.3, R-3.4).
 */
export function ServiceRequestsPage() {
  const translate = useTranslate();
  const client = useQueryClient();
  const [status, setStatus] = useState('requested');
  const requests = useQuery({
    queryKey: ['service-requests', status],
    queryFn: () =>
      api<{ items: ServiceRequest[] }>(`${REQUESTS}?limit=100${status ? `&status=${status}` : ''}`),
    refetchInterval: 15_000,
  });
  const reload = () => void client.invalidateQueries({ queryKey: ['service-requests'] });
  return (
    <Page title={translate('menu.serviceRequests')}>
      <Choice
        id="request-status"
        label={translate('referral.status')}
        value={status}
        onChange={setStatus}
        options={['requested', 'accepted', 'completed', 'declined'].map((s) => [s, translate(`status.${s}`)])}
      />
      <ErrorAlert error={requests.error} />
      <DataTable
        label={translate('menu.serviceRequests')}
        rows={requests.data?.items ?? []}
        rowKey={(r) => r.id}
        rowProps={(r) => ({ 'data-testid': 'service-request', 'data-status': r.status })}
        columns={[
          { label: translate('referral.caseNumber'), render: (r) => r.caseNumber },
          {
            label: translate('victim.service'),
            render: (r) => translate(`victim.services.${r.service}`, { _: r.service }),
          },
          { label: translate('referral.region'), render: (r) => r.region },
          { label: translate('requests.requestedBy'), render: (r) => r.requestedByOrg },
          { label: translate('requests.requestedAt'), render: (r) => <When at={r.requestedAt} /> },
          { label: translate('referral.status'), render: (r) => <StatusChip status={r.status} /> },
          { label: translate('shelter.actions'), render: (r) => <Answer request={r} onDone={reload} /> },
        ]}
      />
    </Page>
  );
}
