import { Box, Button, Card, CardContent, Grid, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Datagrid, List, TextField, Title, useRefresh, useTranslate } from 'react-admin';
import { api } from '../../api';
import { Choice, DateTimeField, ErrorAlert, When } from '../common';
import { Field, useForm, type FieldErrors } from '../forms';

function FormCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card sx={{ m: 1 }}>
      <CardContent>
        <Typography component="h2" variant="h6" sx={{ mb: 1 }}>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

const required = (values: Record<string, unknown>, names: string[], message: string): FieldErrors =>
  Object.fromEntries(names.filter((n) => (typeof values[n] === 'string' ? (values[n]).trim() : values[n]) === '' || values[n] === undefined).map((n) => [n, message]));

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
      () => required(v, ['officerId', 'startsAt', 'endsAt'], translate('ra.validation.required')),
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
        <Box
          component="form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, sm: 4 }}>
              <Field
                name="officerId"
                label={translate('admin.officerId')}
                errors={form.errors}
                value={v.officerId}
                onChange={(e) => form.set('officerId', e.target.value)}
                required
              />
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
              <Field
                name="startsAt"
                type="datetime-local"
                label={translate('admin.startsAt')}
                errors={form.errors}
                value={v.startsAt}
                onChange={(e) => form.set('startsAt', e.target.value)}
                slotProps={{ inputLabel: { shrink: true } }}
                required
              />
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
              <Field
                name="endsAt"
                type="datetime-local"
                label={translate('admin.endsAt')}
                errors={form.errors}
                value={v.endsAt}
                onChange={(e) => form.set('endsAt', e.target.value)}
                slotProps={{ inputLabel: { shrink: true } }}
                required
              />
            </Grid>
          </Grid>
          {Object.keys(form.errors).length === 0 && <ErrorAlert error={form.formError} />}
          <Button type="submit" variant="contained" sx={{ mt: 2 }} disabled={form.busy}>
            {translate('admin.saveRoster')}
          </Button>
        </Box>
      </FormCard>
    </Box>
  );
}

function NewFacility() {
  const translate = useTranslate();
  const refresh = useRefresh();
  const form = useForm({
    code: '',
    name: '',
    kind: 'shelter',
    region: '',
    operator: 'state',
    capacity: '10',
    children: 'true',
    languages: 'az, ru',
  });
  const v = form.values;
  const send = () =>
    form.submit(
      () => required(v, ['code', 'name', 'region', 'capacity'], translate('ra.validation.required')),
      async () => {
        await api('/api/shelter/v1/facilities', {
          method: 'POST',
          body: {
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
          },
        });
        refresh();
      },
    );
  return (
    <FormCard title={translate('admin.create')}>
      <Box
        component="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <Grid container spacing={2}>
          {(['code', 'name', 'region', 'capacity', 'languages'] as const).map((n) => (
            <Grid key={n} size={{ xs: 12, sm: 6, md: 4 }}>
              <Field
                name={n}
                label={translate(`admin.${n}`)}
                errors={form.errors}
                value={v[n]}
                onChange={(e) => form.set(n, e.target.value)}
              />
            </Grid>
          ))}
          <Grid size={{ xs: 12, sm: 6, md: 4 }}>
            <Choice
              id="facility-kind"
              label={translate('admin.kind')}
              value={v.kind}
              onChange={(x) => form.set('kind', x)}
              options={[
                ['shelter', translate('admin.kinds.shelter')],
                ['assistance_centre', translate('admin.kinds.assistance_centre')],
              ]}
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 4 }}>
            <Choice
              id="facility-operator"
              label={translate('admin.operator')}
              value={v.operator}
              onChange={(x) => form.set('operator', x)}
              options={[
                ['state', translate('admin.operators.state')],
                ['ngo', translate('admin.operators.ngo')],
              ]}
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 4 }}>
            <Choice
              id="facility-children"
              label={translate('admin.children')}
              value={v.children}
              onChange={(x) => form.set('children', x)}
              options={[
                ['true', translate('app.yes')],
                ['false', translate('app.no')],
              ]}
            />
          </Grid>
        </Grid>
        {Object.keys(form.errors).length === 0 && <ErrorAlert error={form.formError} />}
        <Button type="submit" variant="contained" sx={{ mt: 2 }} disabled={form.busy}>
          {translate('admin.create')}
        </Button>
      </Box>
    </FormCard>
  );
}

export function FacilitiesPage() {
  const translate = useTranslate();
  return (
    <>
      <List
        title={translate('menu.facilities')}
        perPage={50}
        exporter={false}
        disableSyncWithLocation
        sort={{ field: 'code', order: 'ASC' }}
      >
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <TextField source="code" label="admin.code" />
          <TextField source="name" label="admin.name" />
          <TextField source="kind" label="admin.kind" />
          <TextField source="region" label="report.region" />
          <TextField source="capacity" label="admin.capacity" />
        </Datagrid>
      </List>
      <NewFacility />
    </>
  );
}

function NewRecipient() {
  const translate = useTranslate();
  const refresh = useRefresh();
  const form = useForm({ org: '', channel: 'email', address: '', language: 'az' });
  const v = form.values;
  const send = () =>
    form.submit(
      () => required(v, ['org', 'address'], translate('ra.validation.required')),
      async () => {
        await api('/api/notification/v1/recipients', {
          method: 'POST',
          body: { org: v.org.trim(), channel: v.channel, address: v.address.trim(), language: v.language },
        });
        refresh();
      },
    );
  return (
    <FormCard title={translate('admin.create')}>
      <Box
        component="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, sm: 6, md: 3 }}>
            <Field
              name="org"
              label={translate('admin.org')}
              errors={form.errors}
              value={v.org}
              onChange={(e) => form.set('org', e.target.value)}
              required
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 3 }}>
            <Choice
              id="recipient-channel"
              label={translate('admin.channel')}
              value={v.channel}
              onChange={(x) => form.set('channel', x)}
              minWidth={140}
              options={['email', 'webhook', 'sms'].map((c) => [c, c])}
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 4 }}>
            <Field
              name="address"
              label={translate('admin.address')}
              errors={form.errors}
              value={v.address}
              onChange={(e) => form.set('address', e.target.value)}
              required
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 2 }}>
            <Choice
              id="recipient-language"
              label={translate('admin.language')}
              value={v.language}
              onChange={(x) => form.set('language', x)}
              minWidth={100}
              options={['az', 'en', 'ru'].map((l) => [l, l])}
            />
          </Grid>
        </Grid>
        {Object.keys(form.errors).length === 0 && <ErrorAlert error={form.formError} />}
        <Button type="submit" variant="contained" sx={{ mt: 2 }} disabled={form.busy}>
          {translate('admin.create')}
        </Button>
      </Box>
    </FormCard>
  );
}

export function RecipientsPage() {
  const translate = useTranslate();
  return (
    <>
      <List
        title={translate('menu.recipients')}
        perPage={50}
        exporter={false}
        disableSyncWithLocation
        sort={{ field: 'org', order: 'ASC' }}
      >
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <TextField source="org" label="admin.org" />
          <TextField source="channel" label="admin.channel" />
          <TextField source="address" label="admin.address" />
          <TextField source="language" label="admin.language" />
        </Datagrid>
      </List>
      <NewRecipient />
    </>
  );
}

function NewOrganisation() {
  const translate = useTranslate();
  const refresh = useRefresh();
  const form = useForm({ code: '', name: '', kind: 'ngo' });
  const v = form.values;
  const send = () =>
    form.submit(
      () => required(v, ['code', 'name'], translate('ra.validation.required')),
      async () => {
        await api('/api/referral/v1/organisations', {
          method: 'POST',
          body: { code: v.code.trim(), name: v.name.trim(), kind: v.kind },
        });
        refresh();
      },
    );
  return (
    <FormCard title={translate('admin.create')}>
      <Box
        component="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, sm: 4 }}>
            <Field
              name="code"
              label={translate('admin.code')}
              errors={form.errors}
              value={v.code}
              onChange={(e) => form.set('code', e.target.value)}
              required
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 5 }}>
            <Field
              name="name"
              label={translate('admin.name')}
              errors={form.errors}
              value={v.name}
              onChange={(e) => form.set('name', e.target.value)}
              required
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 3 }}>
            <Choice
              id="org-kind"
              label={translate('admin.kind')}
              value={v.kind}
              onChange={(x) => form.set('kind', x)}
              minWidth={160}
              options={[
                ['ngo', 'NGO'],
                ['international', translate('admin.international')],
              ]}
            />
          </Grid>
        </Grid>
        {Object.keys(form.errors).length === 0 && <ErrorAlert error={form.formError} />}
        <Button type="submit" variant="contained" sx={{ mt: 2 }} disabled={form.busy}>
          {translate('admin.create')}
        </Button>
      </Box>
    </FormCard>
  );
}

export function OrganisationsPage() {
  const translate = useTranslate();
  return (
    <>
      <List
        title={translate('menu.organisations')}
        perPage={50}
        exporter={false}
        disableSyncWithLocation
        sort={{ field: 'code', order: 'ASC' }}
      >
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <TextField source="code" label="admin.code" />
          <TextField source="name" label="admin.name" />
          <TextField source="kind" label="admin.kind" />
          <DateTimeField source="createdAt" label="fund.createdAt" />
        </Datagrid>
      </List>
      <NewOrganisation />
    </>
  );
}
