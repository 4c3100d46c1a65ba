import {
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
import { Title, useNotify, useTranslate } from 'react-admin';
import { useParams } from 'react-router-dom';
import { api } from '../../api';
import { currentUser } from '../../authProvider';
import { Choice, Countdown, ErrorAlert, Facts, Section, StatusChip, When } from '../common';
import { Consents, ServiceRequests } from './Consents';

export interface Referral {
  id: string;
  caseNumber: string;
  kind: string;
  status: string;
  reportingOrg: string;
  region: string;
  exploitation: string[];
  urgentNeeds: string[];
  identifiedAt: string;
  handoverDueAt: string;
  overdue: boolean;
  victimRef?: string;
  likelyDuplicate?: boolean;
  handover?: {
    toOrg: string;
    toOfficerId: string;
    requestedAt: string;
    handedOverAt?: string;
    late?: boolean;
  };
  decidedAt?: string;
}

const PURPOSES = [
  'identification',
  'handover',
  'safety_assessment',
  'shelter_admission',
  'service_provision',
  'legal_aid',
  'criminal_investigation',
];

/** Personal data on an explicit "show", with a purpose; the read lands in the access log below. */
export function PersonalData({
  victimRef,
  defaultPurpose = 'identification',
}: {
  victimRef: string;
  defaultPurpose?: string;
}) {
  const translate = useTranslate();
  const client = useQueryClient();
  const [purpose, setPurpose] = useState(defaultPurpose);
  const [data, setData] = useState<Record<string, unknown> | undefined>();
  const [error, setError] = useState<unknown>();
  const show = async () => {
    setError(undefined);
    try {
      setData(
        await api(
          `/api/referral/v1/victims/${encodeURIComponent(victimRef)}?purpose=${encodeURIComponent(purpose)}`,
        ),
      );
      await client.invalidateQueries({ queryKey: ['access-log', victimRef] });
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Section title={translate('victim.title')}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' } }}>
        <Choice
          id="purpose"
          label={translate('victim.purpose')}
          value={purpose}
          onChange={setPurpose}
          options={PURPOSES.map((p) => [p, translate(`victim.purposes.${p}`)])}
          minWidth={240}
        />
        {data ? (
          <Button variant="outlined" onClick={() => setData(undefined)}>
            {translate('victim.hide')}
          </Button>
        ) : (
          <Button variant="contained" onClick={() => void show()}>
            {translate('victim.show')}
          </Button>
        )}
      </Stack>
      <ErrorAlert error={error} />
      {data ? (
        <Box data-testid="personal-data" sx={{ mt: 2 }}>
          <Facts
            items={Object.entries(data)
              .filter(([k]) => k !== 'victimRef')
              .map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])}
          />
        </Box>
      ) : (
        <Typography variant="body2" sx={{ mt: 1, color: '#555' }}>
          {translate('victim.hiddenNote')}
        </Typography>
      )}
    </Section>
  );
}

interface AccessLogEntry {
  at: string;
  actorSub: string;
  actorRole: string;
  actorOrg: string;
  fields: string[];
  purpose: string;
  outcome: string;
}

export function AccessLog({ victimRef }: { victimRef: string }) {
  const translate = useTranslate();
  const log = useQuery({
    queryKey: ['access-log', victimRef],
    queryFn: () =>
      api<AccessLogEntry[]>(`/api/referral/v1/victims/${encodeURIComponent(victimRef)}/access-log`),
  });
  return (
    <Section title={translate('victim.accessLog')}>
      <ErrorAlert error={log.error} />
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small" aria-label={translate('victim.accessLog')} data-testid="access-log">
          <TableHead>
            <TableRow>
              <TableCell>{translate('victim.at')}</TableCell>
              <TableCell>{translate('victim.who')}</TableCell>
              <TableCell>{translate('victim.purpose')}</TableCell>
              <TableCell>{translate('victim.fields')}</TableCell>
              <TableCell>{translate('victim.outcome')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {(log.data ?? []).map((e, i) => (
              <TableRow key={i}>
                <TableCell>
                  <When at={e.at} />
                </TableCell>
                <TableCell>
                  {e.actorSub} ({translate(`roles.${e.actorRole}`, { _: e.actorRole })}, {e.actorOrg})
                </TableCell>
                <TableCell>{translate(`victim.purposes.${e.purpose}`, { _: e.purpose })}</TableCell>
                <TableCell>{e.fields.join(', ')}</TableCell>
                <TableCell>{e.outcome}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </Section>
  );
}

/** One referral for the duty officer: deadline, handover acceptance, decision, personal data. */
export function ReferralCase() {
  const { id } = useParams();
  const translate = useTranslate();
  const notify = useNotify();
  const client = useQueryClient();
  const [error, setError] = useState<unknown>();
  const referral = useQuery({
    queryKey: ['referral', id],
    queryFn: () => api<Referral>(`/api/referral/v1/referrals/${id}`),
  });
  const act = async (path: string, body: unknown, done: string) => {
    setError(undefined);
    try {
      await api(`/api/referral/v1/referrals/${id}/${path}`, { method: 'POST', body });
      notify(done, { type: 'success' });
      await client.invalidateQueries({ queryKey: ['referral', id] });
    } catch (err) {
      setError(err);
    }
  };
  const r = referral.data;
  const me = currentUser();
  return (
    <Box sx={{ p: { xs: 1, sm: 2 } }}>
      <Title title={r ? `${translate('referral.caseNumber')} ${r.caseNumber}` : translate('app.loading')} />
      <ErrorAlert error={referral.error ?? error} />
      {r && (
        <Card>
          <CardContent>
            <Typography component="h1" variant="h5" sx={{ mb: 1 }}>
              {r.caseNumber} <StatusChip status={r.status} />
            </Typography>
            <Facts
              items={[
                [translate('referral.kind'), translate(`referral.kinds.${r.kind}`, { _: r.kind })],
                [translate('referral.reportingOrg'), r.reportingOrg],
                [translate('referral.region'), r.region],
                [translate('referral.identifiedAt'), <When key="i" at={r.identifiedAt} />],
                [translate('referral.handoverDueAt'), <When key="d" at={r.handoverDueAt} />],
                [
                  translate('referral.countdown'),
                  <Countdown
                    key="c"
                    due={r.handoverDueAt}
                    done={!['reported', 'handover_pending'].includes(r.status)}
                  />,
                ],
                [translate('referral.exploitation'), r.exploitation.join(', ')],
                [translate('referral.urgentNeeds'), r.urgentNeeds.join(', ')],
                [
                  translate('referral.duplicate'),
                  r.likelyDuplicate ? `⚠ ${translate('app.yes')}` : translate('app.no'),
                ],
                [translate('referral.victimRef'), r.victimRef ?? ''],
              ]}
            />
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mt: 2 }}>
              {r.status === 'handover_pending' && r.handover?.toOfficerId === me?.sub && (
                <Button
                  variant="contained"
                  onClick={() => void act('handover/accept', undefined, translate('referral.accepted'))}
                >
                  {translate('referral.accept')}
                </Button>
              )}
              {r.status === 'handed_over' && (
                <>
                  <Button
                    variant="contained"
                    color="success"
                    onClick={() =>
                      void act('decision', { outcome: 'identified_victim' }, translate('app.saved'))
                    }
                  >
                    {translate('referral.identified')}
                  </Button>
                  <Button
                    variant="outlined"
                    onClick={() => void act('decision', { outcome: 'not_a_victim' }, translate('app.saved'))}
                  >
                    {translate('referral.notVictim')}
                  </Button>
                </>
              )}
            </Stack>
          </CardContent>
        </Card>
      )}
      {r?.victimRef && r.kind === 'presumed_victim' && (
        <Card sx={{ mt: 2 }}>
          <CardContent>
            <PersonalData victimRef={r.victimRef} />
            <AccessLog victimRef={r.victimRef} />
            <Consents victimRef={r.victimRef} />
            <ServiceRequests victimRef={r.victimRef} />
          </CardContent>
        </Card>
      )}
    </Box>
  );
}
