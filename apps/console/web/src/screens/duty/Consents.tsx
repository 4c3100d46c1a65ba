import { Button, Stack, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { api } from '../../api';
import { Choice, ErrorAlert, Section, When } from '../common';

const CONSENT_PURPOSES = [
  'medical_examination',
  'shelter_placement',
  'rehabilitation',
  'psychological_aid',
  'legal_aid',
  'data_sharing',
];
const SERVICES = ['shelter', 'medical', 'psychological', 'legal_aid', 'rehabilitation'];

interface Consent {
  id: string;
  purpose: string;
  granted: boolean;
  recordedBy: string;
  recordedAt: string;
}

/** The victim's consents in force, and recording a new one (a withdrawal is a new record). */
export function Consents({ victimRef }: { victimRef: string }) {
  const translate = useTranslate();
  const notify = useNotify();
  const client = useQueryClient();
  const [purpose, setPurpose] = useState('shelter_placement');
  const [granted, setGranted] = useState('true');
  const [error, setError] = useState<unknown>();
  const key = ['consents', victimRef];
  const consents = useQuery({
    queryKey: key,
    queryFn: () =>
      api<{ current: Consent[] }>(`/api/referral/v1/victims/${encodeURIComponent(victimRef)}/consents`),
  });
  const record = async () => {
    setError(undefined);
    try {
      await api(`/api/referral/v1/victims/${encodeURIComponent(victimRef)}/consents`, {
        method: 'POST',
        body: { purpose, granted: granted === 'true' },
      });
      notify(translate('app.saved'), { type: 'success' });
      await client.invalidateQueries({ queryKey: key });
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Section title={translate('victim.consents')}>
      <Table size="small" aria-label={translate('victim.consents')}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('victim.consentPurpose')}</TableCell>
            <TableCell>{translate('victim.granted')}</TableCell>
            <TableCell>{translate('victim.at')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {(consents.data?.current ?? []).map((c) => (
            <TableRow key={c.id}>
              <TableCell>{translate(`victim.consentPurposes.${c.purpose}`, { _: c.purpose })}</TableCell>
              <TableCell>{c.granted ? translate('app.yes') : translate('app.no')}</TableCell>
              <TableCell>
                <When at={c.recordedAt} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mt: 2, alignItems: { sm: 'center' } }}>
        <Choice
          id="consent-purpose"
          label={translate('victim.consentPurpose')}
          value={purpose}
          onChange={setPurpose}
          options={CONSENT_PURPOSES.map((p) => [p, translate(`victim.consentPurposes.${p}`)])}
        />
        <Choice
          id="consent-granted"
          label={translate('victim.granted')}
          value={granted}
          onChange={setGranted}
          minWidth={180}
          options={[
            ['true', translate('victim.grant')],
            ['false', translate('victim.withdraw')],
          ]}
        />
        <Button variant="outlined" onClick={() => void record()}>
          {translate('victim.record')}
        </Button>
      </Stack>
      <ErrorAlert error={consents.error ?? error} />
    </Section>
  );
}

/** Asking for a service for the victim (refused without the matching consent). */
export function ServiceRequests({ victimRef }: { victimRef: string }) {
  const translate = useTranslate();
  const notify = useNotify();
  const [service, setService] = useState('shelter');
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string[]>([]);
  const request = async () => {
    setError(undefined);
    try {
      await api(`/api/referral/v1/victims/${encodeURIComponent(victimRef)}/service-requests`, {
        method: 'POST',
        body: { service },
      });
      notify(translate('victim.requested'), { type: 'success' });
      setDone((d) => [...d, service]);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Section title={translate('victim.serviceRequests')}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' } }}>
        <Choice
          id="service"
          label={translate('victim.service')}
          value={service}
          onChange={setService}
          options={SERVICES.map((s) => [s, translate(`victim.services.${s}`)])}
        />
        <Button variant="outlined" onClick={() => void request()}>
          {translate('victim.request')}
        </Button>
      </Stack>
      {done.length > 0 && (
        <p role="status">
          {translate('victim.requested')}: {done.map((s) => translate(`victim.services.${s}`)).join(', ')}
        </p>
      )}
      <ErrorAlert error={error} />
    </Section>
  );
}
