import { useEffect } from 'react';
import { Datagrid, FunctionField, List, TextField, useListContext, useTranslate } from 'react-admin';
import { CountdownField, DateTimeField, StatusField } from '../common';

/** New referrals appear without a reload. */
function Poll() {
  const { refetch } = useListContext();
  useEffect(() => {
    const t = setInterval(() => void refetch(), 10_000);
    return () => clearInterval(t);
  }, [refetch]);
  return null;
}

/** The duty officer's queue: the nearest handover deadline first, with a live countdown. */
export function DutyQueue() {
  const translate = useTranslate();
  return (
    <List
      title={translate('menu.queue')}
      sort={{ field: 'handoverDueAt', order: 'ASC' }}
      perPage={50}
      exporter={false}
      disableSyncWithLocation
    >
      <Poll />
      <Datagrid rowClick="show" bulkActionButtons={false} aria-label={translate('menu.queue')}>
        <TextField source="caseNumber" label="referral.caseNumber" sortable={false} />
        <StatusField source="status" label="referral.status" />
        <DateTimeField source="handoverDueAt" label="referral.handoverDueAt" />
        <CountdownField label="referral.countdown" />
        <TextField source="region" label="referral.region" sortable={false} />
        <TextField source="reportingOrg" label="referral.reportingOrg" sortable={false} />
        <FunctionField
          label="referral.duplicate"
          render={(r: { likelyDuplicate?: boolean }) =>
            r.likelyDuplicate ? `⚠ ${translate('referral.duplicate')}` : ''
          }
        />
      </Datagrid>
    </List>
  );
}
