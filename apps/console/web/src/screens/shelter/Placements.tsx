import { Box, Button, Card, CardContent, Stack, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  Datagrid,
  FunctionField,
  List,
  TextField,
  useListContext,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { api } from '../../api';
import { Choice, DateTimeField, ErrorAlert, Facts, StatusField } from '../common';

interface Placement {
  id: string;
  facilityId: string;
  status: string;
  offerExpiresAt: string;
}
interface Occupancy {
  capacity: number;
  occupied: number;
  held: number;
  free: number;
}
const DECLINE_REASONS = ['no_capacity', 'safety', 'unsuitable', 'victim_declined', 'other'];

/** Beds of the staff's facility (from its placements' facility id). */
function OccupancyCard() {
  const translate = useTranslate();
  const { data } = useListContext<Placement>();
  const facilityId = data?.[0]?.facilityId;
  const occupancy = useQuery({
    queryKey: ['occupancy', facilityId],
    enabled: facilityId !== undefined,
    queryFn: () => api<Occupancy>(`/api/shelter/v1/facilities/${facilityId}/occupancy`),
    refetchInterval: 10_000,
  });
  if (!occupancy.data) return null;
  const o = occupancy.data;
  return (
    <Card sx={{ m: 1 }} aria-label={translate('shelter.occupancy')}>
      <CardContent>
        <Typography component="h2" variant="h6">
          {translate('shelter.occupancy')}
        </Typography>
        <Box data-testid="occupancy">
          <Facts
            items={[
              [translate('shelter.capacity'), String(o.capacity)],
              [translate('shelter.occupied'), String(o.occupied)],
              [translate('shelter.held'), String(o.held)],
              [translate('shelter.free'), String(o.free)],
            ]}
          />
        </Box>
      </CardContent>
    </Card>
  );
}

function PlacementActions(_: { label?: string }) {
  const record = useRecordContext<Placement>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const client = useQueryClient();
  const [reason, setReason] = useState('no_capacity');
  const [error, setError] = useState<unknown>();
  if (!record) return null;
  const act = async (action: string, body?: unknown) => {
    setError(undefined);
    try {
      await api(`/api/shelter/v1/placements/${record.id}/${action}`, { method: 'POST', body });
      notify(translate('app.saved'), { type: 'success' });
      refresh();
      // The beds change with an admission or a discharge: show them now, not at the next poll.
      void client.invalidateQueries({ queryKey: ['occupancy'] });
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Box onClick={(e) => e.stopPropagation()}>
      {record.status === 'offered' && (
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={1} sx={{ alignItems: { md: 'center' } }}>
          <Button size="small" variant="contained" onClick={() => void act('admit')}>
            {translate('shelter.admit')}
          </Button>
          <Choice
            id={`reason-${record.id}`}
            label={translate('shelter.reason')}
            value={reason}
            onChange={setReason}
            minWidth={160}
            options={DECLINE_REASONS.map((r) => [r, translate(`shelter.reasons.${r}`)])}
          />
          <Button size="small" variant="outlined" onClick={() => void act('decline', { reason })}>
            {translate('shelter.decline')}
          </Button>
        </Stack>
      )}
      {record.status === 'admitted' && (
        <Button size="small" variant="outlined" onClick={() => void act('discharge')}>
          {translate('shelter.discharge')}
        </Button>
      )}
      <ErrorAlert error={error} />
    </Box>
  );
}

/** Facility staff: admission requests (offers) with their deadline, admit / decline / discharge, beds. */
export function Placements() {
  const translate = useTranslate();
  return (
    <List
      title={translate('menu.placements')}
      sort={{ field: 'offeredAt', order: 'DESC' }}
      perPage={25}
      exporter={false}
      disableSyncWithLocation
      aside={<OccupancyCard />}
    >
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <TextField source="caseNumber" label="referral.caseNumber" />
        <StatusField source="status" label="referral.status" />
        <FunctionField
          label="shelter.profile"
          render={(p: { profile: { sex: string; ageBand: string; languages: string[] } }) =>
            `${translate(`report.sexes.${p.profile.sex}`, { _: p.profile.sex })}, ${p.profile.ageBand}, ${p.profile.languages.join(', ')}`
          }
        />
        <DateTimeField source="offerExpiresAt" label="shelter.offerExpiresAt" />
        <PlacementActions label="shelter.actions" />
      </Datagrid>
    </List>
  );
}
