import { Button } from '@mui/material';
import { useState } from 'react';
import {
  Datagrid,
  List,
  TextField,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { api } from '../../api';
import { CountdownField, DateTimeField, StatusField } from '../common';

/** Hands the referral over to the special police unit's officer on duty now. */
function HandoverButton(_: { label?: string }) {
  const record = useRecordContext<{ id: string; status: string; handover?: { toOfficerId: string } }>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);
  if (!record) return null;
  if (record.handover)
    return <span>{translate('referral.handoverDone', { officer: record.handover.toOfficerId })}</span>;
  if (record.status !== 'reported') return null;
  const handOver = async () => {
    setBusy(true);
    try {
      const duty = await api<{ officerId: string }>('/api/referral/v1/duty-roster/current');
      await api(`/api/referral/v1/referrals/${record.id}/handover`, {
        method: 'POST',
        body: { toOrg: 'MIA-SPU', toOfficerId: duty.officerId },
      });
      notify(translate('referral.handoverDone', { officer: duty.officerId }), { type: 'success' });
      refresh();
    } catch (err) {
      notify(err instanceof Error ? err.message : String(err), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      size="small"
      variant="contained"
      disabled={busy}
      onClick={(e) => {
        e.stopPropagation();
        void handOver();
      }}
    >
      {translate('referral.handover')}
    </Button>
  );
}

/** The agency's own referrals (only those it sent) with their status and deadline. */
export function MyReferrals() {
  const translate = useTranslate();
  return (
    <List
      title={translate('menu.myReferrals')}
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
      exporter={false}
      disableSyncWithLocation
    >
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <TextField source="caseNumber" label="referral.caseNumber" />
        <StatusField source="status" label="referral.status" />
        <DateTimeField source="identifiedAt" label="referral.identifiedAt" />
        <CountdownField label="referral.countdown" />
        <TextField source="region" label="referral.region" />
        <HandoverButton label="referral.handover" />
      </Datagrid>
    </List>
  );
}
