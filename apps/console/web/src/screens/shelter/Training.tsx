import { Button, Stack } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { api } from '../../api';
import {
  Choice,
  DataTable,
  ErrorAlert,
  FormCard,
  Page,
  Section,
  StatusChip,
  When,
  useAction,
} from '../common';
import { FormBox, FormGrid, requiredErrors, useForm } from '../forms';

interface Programme {
  id: string;
  code: string;
  title: string;
  leadMinistry: string;
  region: string;
  startsOn: string;
  endsOn: string;
  seats: number;
  seatsFree: number;
}
interface Enrolment {
  id: string;
  victimRef: string;
  status: string;
  enrolledAt: string;
  completedAt: string | null;
}

const PROGRAMMES = '/api/shelter/v1/training-programmes';

/** The enrolments of one programme: enrol a person (with their consent, R-6.5), complete, withdraw. */
function Enrolments({ programme }: { programme: Programme }) {
  const translate = useTranslate();
  const client = useQueryClient();
  const key = ['enrolments', programme.id];
  const enrolments = useQuery({
    queryKey: key,
    queryFn: () => api<{ items: Enrolment[] } | Enrolment[]>(`${PROGRAMMES}/${programme.id}/enrolments`),
  });
  const reload = () => {
    void client.invalidateQueries({ queryKey: key });
    void client.invalidateQueries({ queryKey: ['programmes'] });
  };
  const action = useAction(reload);
  const form = useForm({ victimRef: '' });
  const send = () =>
    form.submit(
      () => requiredErrors(form.values, ['victimRef'], translate('ra.validation.required')),
      async () => {
        await api(`${PROGRAMMES}/${programme.id}/enrolments`, {
          method: 'POST',
          body: { victimRef: form.values.victimRef.trim() },
        });
        form.setValues({ victimRef: '' });
        reload();
      },
    );
  const rows = Array.isArray(enrolments.data) ? enrolments.data : (enrolments.data?.items ?? []);
  const to = (e: Enrolment, step: 'complete' | 'withdraw') =>
    action.run(() => api(`${PROGRAMMES}/${programme.id}/enrolments/${e.id}/${step}`, { method: 'POST' }));
  return (
    <Section title={`${translate('training.enrolments')}: ${programme.title}`}>
      <ErrorAlert error={enrolments.error ?? action.error} />
      <DataTable
        label={translate('training.enrolments')}
        rows={rows}
        rowKey={(e) => e.id}
        columns={[
          { label: translate('fund.victimRef'), render: (e) => e.victimRef },
          { label: translate('training.enrolledAt'), render: (e) => <When at={e.enrolledAt} /> },
          { label: translate('referral.status'), render: (e) => <StatusChip status={e.status} /> },
          {
            label: translate('shelter.actions'),
            render: (e) =>
              e.status === 'enrolled' && (
                <Stack direction="row" spacing={1}>
                  <Button size="small" variant="contained" onClick={() => void to(e, 'complete')}>
                    {translate('training.complete')}
                  </Button>
                  <Button size="small" variant="outlined" onClick={() => void to(e, 'withdraw')}>
                    {translate('training.withdraw')}
                  </Button>
                </Stack>
              ),
          },
        ]}
      />
      <FormBox form={form} onSubmit={send} submitLabel={translate('training.enrol')} variant="outlined">
        <FormGrid
          form={form}
          idPrefix="enrol-"
          fields={[{ key: 'victimRef', label: translate('fund.victimRef'), required: true, md: 6 }]}
        />
      </FormBox>
    </Section>
  );
}

/** Training programmes with their free seats, and enrolling the facility's residents. */
export function TrainingPage() {
  const translate = useTranslate();
  const programmes = useQuery({
    queryKey: ['programmes'],
    queryFn: () => api<{ items: Programme[] }>(PROGRAMMES),
  });
  const items = programmes.data?.items ?? [];
  const [chosen, setChosen] = useState<string>('');
  const programme = items.find((p) => p.id === chosen) ?? items[0];
  return (
    <Page
      title={translate('menu.training')}
      after={
        programme && (
          <FormCard title={translate('training.programme')}>
            <Choice
              id="programme"
              label={translate('training.programme')}
              value={programme.id}
              onChange={setChosen}
              minWidth={320}
              options={items.map((p) => [p.id, `${p.code} — ${p.title}`])}
            />
            <Enrolments key={programme.id} programme={programme} />
          </FormCard>
        )
      }
    >
      <ErrorAlert error={programmes.error} />
      <DataTable
        label={translate('menu.training')}
        rows={items}
        rowKey={(p) => p.id}
        columns={[
          { label: translate('admin.code'), render: (p) => p.code },
          { label: translate('training.title'), render: (p) => p.title },
          { label: translate('training.leadMinistry'), render: (p) => p.leadMinistry },
          { label: translate('admin.region'), render: (p) => p.region },
          { label: translate('training.dates'), render: (p) => `${p.startsOn} – ${p.endsOn}` },
          { label: translate('training.seatsFree'), render: (p) => `${p.seatsFree} / ${p.seats}` },
        ]}
      />
    </Page>
  );
}
