import { Alert, Box, Button, Card, CardContent, Grid, Typography } from '@mui/material';
import { useState } from 'react';
import { Title, useLocaleState, useTranslate } from 'react-admin';
import { api, newIdempotencyKey } from '../../api';
import { formatDateTime } from '../../format';
import { Choice, ErrorAlert, Section } from '../common';
import { Checkboxes, Field, localNow, useForm, type FieldErrors } from '../forms';

const EXPLOITATION = [
  'sexual',
  'labour',
  'forced_begging',
  'domestic_servitude',
  'forced_marriage',
  'organ_removal',
  'criminal_activity',
  'child_exploitation',
  'other',
];
const NEEDS = [
  'medical',
  'shelter',
  'psychological',
  'interpreter',
  'legal',
  'child_care',
  'safety',
  'food_clothing',
  'accessibility',
];
const SEXES = ['female', 'male', 'other', 'unknown'];

const initial = {
  kind: 'presumed_victim',
  identifiedAt: localNow(),
  givenName: '',
  familyName: '',
  dateOfBirth: '',
  ageEstimate: '',
  sex: 'female',
  citizenship: 'AZ',
  languages: 'az',
  contact: '',
  exploitation: [] as string[],
  circumstances: '',
  region: '',
  urgentNeeds: [] as string[],
};

interface Created {
  id: string;
  caseNumber: string;
  handoverDueAt: string;
}

/**
 * The agency's report of a presumed victim or a detected crime. Every field is checked here and by the
 * API (its problems appear next to the field); one Idempotency-Key per form, so a double submit
 * or a retry after a lost answer creates one referral.
 */
export function ReportForm() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const form = useForm(initial);
  const [key, setKey] = useState(newIdempotencyKey);
  const [created, setCreated] = useState<Created | undefined>();
  const v = form.values;
  const required = translate('ra.validation.required');
  const person = v.kind === 'presumed_victim' || v.givenName !== '' || v.familyName !== '';

  const check = (): FieldErrors => {
    const e: FieldErrors = {};
    if (!v.identifiedAt) e.identifiedAt = required;
    else if (new Date(v.identifiedAt).getTime() > Date.now()) e.identifiedAt = translate('report.notFuture');
    if (person) {
      if (!v.givenName.trim()) e['person.givenName'] = required;
      if (!v.familyName.trim()) e['person.familyName'] = required;
      if (v.ageEstimate !== '' && !/^\d{1,3}$/.test(v.ageEstimate))
        e['person.ageEstimate'] = translate('ra.validation.number');
      if (!/^[A-Za-z]{2}$/.test(v.citizenship)) e['person.citizenship'] = translate('report.isoCountry');
    }
    if (v.exploitation.length === 0) e.exploitation = required;
    if (!v.region.trim()) e.region = required;
    return e;
  };

  const body = () => ({
    kind: v.kind,
    identifiedAt: new Date(v.identifiedAt).toISOString(),
    ...(person
      ? {
          person: {
            givenName: v.givenName.trim(),
            familyName: v.familyName.trim(),
            ...(v.dateOfBirth ? { dateOfBirth: v.dateOfBirth } : {}),
            ...(v.ageEstimate !== '' ? { ageEstimate: Number(v.ageEstimate) } : {}),
            sex: v.sex,
            citizenship: v.citizenship.toUpperCase(),
            languages: v.languages
              .split(',')
              .map((l) => l.trim().toLowerCase())
              .filter(Boolean),
            ...(v.contact.trim() ? { contact: v.contact.trim() } : {}),
          },
        }
      : {}),
    exploitation: v.exploitation,
    ...(v.circumstances.trim() ? { circumstances: v.circumstances.trim() } : {}),
    region: v.region.trim(),
    urgentNeeds: v.urgentNeeds,
  });

  const send = () =>
    form.submit(check, async () => {
      const res = await api<Created>('/api/referral/v1/referrals', {
        method: 'POST',
        body: body(),
        headers: { 'Idempotency-Key': key },
      });
      setCreated(res);
    });

  const again = () => {
    setCreated(undefined);
    form.setValues({ ...initial, identifiedAt: localNow() });
    setKey(newIdempotencyKey());
  };

  const f = (name: string, label: string, extra: Record<string, unknown> = {}) => {
    const stateKey = (name.startsWith('person.') ? name.slice(7) : name) as keyof typeof initial;
    return (
      <Field
        name={name}
        label={label}
        errors={form.errors}
        value={v[stateKey]}
        onChange={(e) => form.set(stateKey, e.target.value)}
        {...extra}
      />
    );
  };

  return (
    <Box sx={{ p: { xs: 1, sm: 2 } }}>
      <Title title={translate('menu.report')} />
      <Card>
        <CardContent>
          <Typography component="h1" variant="h5" sx={{ mb: 2 }}>
            {translate('report.title')}
          </Typography>
          {created ? (
            <Box role="status">
              <Alert severity="success" sx={{ mb: 2 }} data-testid="report-created">
                {translate('report.sent', {
                  caseNumber: created.caseNumber,
                  due: formatDateTime(created.handoverDueAt, locale),
                })}
              </Alert>
              <Button variant="outlined" onClick={again}>
                {translate('report.another')}
              </Button>
            </Box>
          ) : (
            <Box
              component="form"
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                void send();
              }}
            >
              {form.formError !== undefined && Object.keys(form.errors).length > 0 && (
                <Alert severity="error" role="alert" sx={{ mb: 2 }}>
                  {translate('app.fieldsInvalid')}
                </Alert>
              )}
              {form.formError !== undefined && Object.keys(form.errors).length === 0 && (
                <ErrorAlert error={form.formError} />
              )}
              <Grid container spacing={2}>
                <Grid size={{ xs: 12, sm: 6 }}>
                  <Choice
                    id="kind"
                    label={translate('report.kind')}
                    value={v.kind}
                    onChange={(x) => form.set('kind', x)}
                    options={['presumed_victim', 'crime_detected'].map((k) => [
                      k,
                      translate(`referral.kinds.${k}`),
                    ])}
                    minWidth={260}
                  />
                </Grid>
                <Grid size={{ xs: 12, sm: 6 }}>
                  {f('identifiedAt', translate('report.identifiedAt'), {
                    type: 'datetime-local',
                    required: true,
                    slotProps: { inputLabel: { shrink: true } },
                  })}
                </Grid>
              </Grid>
              <Section title={translate('report.person')}>
                {v.kind === 'crime_detected' && (
                  <Typography variant="body2" sx={{ mb: 1 }}>
                    {translate('report.personOptional')}
                  </Typography>
                )}
                <Grid container spacing={2}>
                  <Grid size={{ xs: 12, sm: 6 }}>
                    {f('person.givenName', translate('report.givenName'), {
                      required: person,
                      autoComplete: 'off',
                    })}
                  </Grid>
                  <Grid size={{ xs: 12, sm: 6 }}>
                    {f('person.familyName', translate('report.familyName'), {
                      required: person,
                      autoComplete: 'off',
                    })}
                  </Grid>
                  <Grid size={{ xs: 12, sm: 4 }}>
                    {f('person.dateOfBirth', translate('report.dateOfBirth'), {
                      type: 'date',
                      slotProps: { inputLabel: { shrink: true } },
                    })}
                  </Grid>
                  <Grid size={{ xs: 12, sm: 4 }}>
                    {f('person.ageEstimate', translate('report.ageEstimate'), { inputMode: 'numeric' })}
                  </Grid>
                  <Grid size={{ xs: 12, sm: 4 }}>
                    <Choice
                      id="sex"
                      label={translate('report.sex')}
                      value={v.sex}
                      onChange={(x) => form.set('sex', x)}
                      options={SEXES.map((s) => [s, translate(`report.sexes.${s}`)])}
                      minWidth={160}
                    />
                  </Grid>
                  <Grid size={{ xs: 12, sm: 4 }}>
                    {f('person.citizenship', translate('report.citizenship'), { required: person })}
                  </Grid>
                  <Grid size={{ xs: 12, sm: 4 }}>{f('person.languages', translate('report.languages'))}</Grid>
                  <Grid size={{ xs: 12, sm: 4 }}>
                    {f('person.contact', translate('report.contact'), { autoComplete: 'off' })}
                  </Grid>
                </Grid>
              </Section>
              <Checkboxes
                name="exploitation"
                label={translate('report.exploitation')}
                options={EXPLOITATION.map((x) => [x, translate(`report.forms.${x}`)])}
                value={v.exploitation}
                onChange={(x) => form.set('exploitation', x)}
                errors={form.errors}
              />
              <Grid container spacing={2}>
                <Grid size={{ xs: 12, sm: 6 }}>
                  {f('region', translate('report.region'), { required: true })}
                </Grid>
                <Grid size={12}>
                  {f('circumstances', translate('report.circumstances'), { multiline: true, minRows: 3 })}
                </Grid>
              </Grid>
              <Checkboxes
                name="urgentNeeds"
                label={translate('report.urgentNeeds')}
                options={NEEDS.map((x) => [x, translate(`report.needs.${x}`)])}
                value={v.urgentNeeds}
                onChange={(x) => form.set('urgentNeeds', x)}
                errors={form.errors}
              />
              <Box sx={{ mt: 2 }}>
                <Button type="submit" variant="contained" disabled={form.busy}>
                  {translate('report.submit')}
                </Button>
              </Box>
            </Box>
          )}
        </CardContent>
      </Card>
    </Box>
  );
}
