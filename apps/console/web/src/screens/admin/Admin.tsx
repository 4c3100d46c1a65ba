import { Box, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Datagrid, List, TextField, Title, useRefresh, useTranslate } from 'react-admin';
import { api } from '../../api';
import { DateTimeField, ErrorAlert, FormCard, When } from '../common';
import { FormBox, FormGrid, requiredErrors, useForm, type FieldSpec } from '../forms';

/** A react-admin list of one resource (read whole, sorted by `sort`) and the form that adds to it. */
function ListWithForm({
  title,
  sort,
  children,
  form,
}: {
  title: string;
  sort: string;
  children: ReactNode;
  form: ReactNode;
}) {
  return (
    <>
      <List
        title={title}
        perPage={50}
        exporter={false}
        disableSyncWithLocation
        sort={{ field: sort, order: 'ASC' }}
      >
        <Datagrid bulkActionButtons={false} rowClick={false}>
          {children}
        </Datagrid>
      </List>
      {form}
    </>
  );
}

/** A form card that posts its values (as `body(values)`) and refreshes the list above it. */
function CreateForm<V extends Record<string, unknown>>({
  initial,
  required,
  fields,
  url,
  body,
  idPrefix,
}: {
  initial: V;
  required: (keyof V & string)[];
  fields: FieldSpec<V>[];
  url: string;
  body: (values: V) => unknown;
  idPrefix: string;
}) {
  const translate = useTranslate();
  const refresh = useRefresh();
  const form = useForm(initial);
  const send = () =>
    form.submit(
      () => requiredErrors(form.values, required, translate('ra.validation.required')),
      async () => {
        await api(url, { method: 'POST', body: body(form.values) });
        refresh();
      },
    );
  return (
    <FormCard title={translate('admin.create')}>
      <FormBox form={form} onSubmit={send} submitLabel={translate('admin.create')}>
        <FormGrid form={form} fields={fields} idPrefix={idPrefix} />
      </FormBox>
    </FormCard>
  );
}

/** Who is on duty now, and replacing the roster with a shift. */
export function RosterPage() {
  const translate = useTranslate();
  const client = useQueryClient();
  const current = useQuery({
    queryKey: ['duty-now'],
    queryFn: () =>
      api<{ officerId: string; startsAt: string; endsAt: string }>('/api/referral/v1/duty-roster/current'),
  });
  const form = useForm({ officerId: '', startsAt: '', endsAt: '' });
  const v = form.values;
  const send = () =>
    form.submit(
      () => requiredErrors(v, ['officerId', 'startsAt', 'endsAt'], translate('ra.validation.required')),
      async () => {
        await api('/api/referral/v1/duty-roster', {
          method: 'PUT',
          body: {
            shifts: [
              {
                officerId: v.officerId.trim(),
                startsAt: new Date(v.startsAt).toISOString(),
                endsAt: new Date(v.endsAt).toISOString(),
              },
            ],
          },
        });
        await client.invalidateQueries({ queryKey: ['duty-now'] });
      },
    );
  return (
    <Box sx={{ p: { xs: 1, sm: 2 } }}>
      <Title title={translate('menu.roster')} />
      <FormCard title={translate('menu.roster')}>
        {current.data && (
          <Typography sx={{ mb: 2 }} data-testid="on-duty">
            {translate('admin.currentDuty', { officer: current.data.officerId })} (
            <When at={current.data.startsAt} /> – <When at={current.data.endsAt} />)
          </Typography>
        )}
        <ErrorAlert error={current.error} />
        <FormBox form={form} onSubmit={send} submitLabel={translate('admin.saveRoster')}>
          <FormGrid
            form={form}
            fields={[
              { key: 'officerId', label: translate('admin.officerId'), required: true, md: 4 },
              {
                key: 'startsAt',
                label: translate('admin.startsAt'),
                type: 'datetime-local',
                required: true,
                md: 4,
              },
              {
                key: 'endsAt',
                label: translate('admin.endsAt'),
                type: 'datetime-local',
                required: true,
                md: 4,
              },
            ]}
          />
        </FormBox>
      </FormCard>
    </Box>
  );
}

export function FacilitiesPage() {
  const translate = useTranslate();
  return (
    <ListWithForm
      title={translate('menu.facilities')}
      sort="code"
      form={
        <CreateForm
          idPrefix="facility-"
          url="/api/shelter/v1/facilities"
          initial={{
            code: '',
            name: '',
            kind: 'shelter',
            region: '',
            operator: 'state',
            capacity: '10',
            children: 'true',
            languages: 'az, ru',
          }}
          required={['code', 'name', 'region', 'capacity']}
          fields={[
            { key: 'code', label: translate('admin.code'), md: 4 },
            { key: 'name', label: translate('admin.name'), md: 4 },
            { key: 'region', label: translate('admin.region'), md: 4 },
            { key: 'capacity', label: translate('admin.capacity'), type: 'integer', md: 4 },
            { key: 'languages', label: translate('admin.languages'), md: 4 },
            {
              key: 'kind',
              label: translate('admin.kind'),
              md: 4,
              options: [
                ['shelter', translate('admin.kinds.shelter')],
                ['assistance_centre', translate('admin.kinds.assistance_centre')],
              ],
            },
            {
              key: 'operator',
              label: translate('admin.operator'),
              md: 4,
              options: [
                ['state', translate('admin.operators.state')],
                ['ngo', translate('admin.operators.ngo')],
              ],
            },
            {
              key: 'children',
              label: translate('admin.children'),
              md: 4,
              options: [
                ['true', translate('app.yes')],
                ['false', translate('app.no')],
              ],
            },
          ]}
          body={(v) => ({
            code: v.code.trim(),
            name: v.name.trim(),
            kind: v.kind,
            region: v.region.trim(),
            operator: v.operator,
            capacity: Number(v.capacity),
            accepts: { sexes: ['female', 'male', 'other', 'unknown'], children: v.children === 'true' },
            languages: v.languages
              .split(',')
              .map((l) => l.trim())
              .filter(Boolean),
          })}
        />
      }
    >
      <TextField source="code" label="admin.code" />
      <TextField source="name" label="admin.name" />
      <TextField source="kind" label="admin.kind" />
      <TextField source="region" label="report.region" />
      <TextField source="capacity" label="admin.capacity" />
    </ListWithForm>
  );
}

export function RecipientsPage() {
  const translate = useTranslate();
  return (
    <ListWithForm
      title={translate('menu.recipients')}
      sort="org"
      form={
        <CreateForm
          idPrefix="recipient-"
          url="/api/notification/v1/recipients"
          initial={{ org: '', channel: 'email', address: '', language: 'az' }}
          required={['org', 'address']}
          fields={[
            { key: 'org', label: translate('admin.org'), required: true },
            {
              key: 'channel',
              label: translate('admin.channel'),
              options: ['email', 'webhook', 'sms'].map((c) => [c, c]),
            },
            { key: 'address', label: translate('admin.address'), required: true, md: 4 },
            {
              key: 'language',
              label: translate('admin.language'),
              options: ['az', 'en', 'ru'].map((l) => [l, l]),
              md: 2,
            },
          ]}
          body={(v) => ({
            org: v.org.trim(),
            channel: v.channel,
            address: v.address.trim(),
            language: v.language,
          })}
        />
      }
    >
      <TextField source="org" label="admin.org" />
      <TextField source="channel" label="admin.channel" />
      <TextField source="address" label="admin.address" />
      <TextField source="language" label="admin.language" />
    </ListWithForm>
  );
}

export function OrganisationsPage() {
  const translate = useTranslate();
  return (
    <ListWithForm
      title={translate('menu.organisations')}
      sort="code"
      form={
        <CreateForm
          idPrefix="org-"
          url="/api/referral/v1/organisations"
          initial={{ code: '', name: '', kind: 'ngo' }}
          required={['code', 'name']}
          fields={[
            { key: 'code', label: translate('admin.code'), required: true, md: 4 },
            { key: 'name', label: translate('admin.name'), required: true, md: 5 },
            {
              key: 'kind',
              label: translate('admin.kind'),
              md: 3,
              options: [
                ['ngo', 'NGO'],
                ['international', translate('admin.international')],
              ],
            },
          ]}
          body={(v) => ({ code: v.code.trim(), name: v.name.trim(), kind: v.kind })}
        />
      }
    >
      <TextField source="code" label="admin.code" />
      <TextField source="name" label="admin.name" />
      <TextField source="kind" label="admin.kind" />
      <DateTimeField source="createdAt" label="fund.createdAt" />
    </ListWithForm>
  );
}
