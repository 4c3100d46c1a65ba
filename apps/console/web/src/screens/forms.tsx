import {
  Box,
  Button,
  Checkbox,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  FormLabel,
  Grid,
  TextField,
  type TextFieldProps,
} from '@mui/material';
import { useState, type ReactNode } from 'react';
import { ApiError } from '../api';
import { Choice, ErrorAlert } from './common';

/** Field problems by path (`person.givenName`), from the client's checks or the API's 400. */
export type FieldErrors = Record<string, string>;

/** The API's `errors: [{ field, message }]` as a map; nested paths are kept as they come. */
export function fieldErrorsOf(err: unknown): FieldErrors {
  if (!(err instanceof ApiError)) return {};
  const out: FieldErrors = {};
  for (const e of err.errors) out[e.field] ??= e.message;
  return out;
}

/** A form's state: values, field errors, the error of the whole form, a submitting flag. */
export function useForm<V extends Record<string, unknown>>(initial: V) {
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof V>(key: K, value: V[K]) => setValues((v) => ({ ...v, [key]: value }));
  /** Runs `send`; a failure's field problems go next to the fields, the rest above the form. */
  const submit = async (check: () => FieldErrors, send: () => Promise<void>) => {
    const problems = check();
    setErrors(problems);
    setFormError(undefined);
    if (Object.keys(problems).length > 0) return false;
    setBusy(true);
    try {
      await send();
      return true;
    } catch (err) {
      const fields = fieldErrorsOf(err);
      setErrors(fields);
      setFormError(err);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { values, set, setValues, errors, formError, busy, submit };
}

/** What `useForm` gives a form. */
export type FormState<V extends Record<string, unknown>> = ReturnType<typeof useForm<V>>;

/** `message` for each of `names` whose value is empty (blank text or undefined). */
export function requiredErrors(
  values: Record<string, unknown>,
  names: string[],
  message: string,
): FieldErrors {
  const empty = (v: unknown) => v === undefined || (typeof v === 'string' && v.trim() === '');
  return Object.fromEntries(names.filter((n) => empty(values[n])).map((n) => [n, message]));
}

/**
 * One input of a form grid: a text field (also date, datetime-local, a decimal amount), a select when
 * `options` are given, or a checkbox for a boolean value. `name` is the API's field, whose errors are
 * shown under it (default: the value's key).
 */
export interface FieldSpec<V> {
  key: keyof V & string;
  label: string;
  name?: string;
  type?: 'text' | 'date' | 'datetime-local' | 'decimal' | 'integer';
  options?: [string, string][];
  checkbox?: boolean;
  required?: boolean;
  autoComplete?: string;
  /** Grid columns of 12 on a medium screen (full width on a phone). */
  md?: number;
}

/** Inputs laid out on a grid that stacks on a phone; every input labelled, its error under it. */
export function FormGrid<V extends Record<string, unknown>>({
  form,
  fields,
  idPrefix = '',
}: {
  form: FormState<V>;
  fields: FieldSpec<V>[];
  idPrefix?: string;
}) {
  return (
    <Grid container spacing={2}>
      {fields.map((f) => {
        const name = f.name ?? f.key;
        const value = form.values[f.key];
        let input: ReactNode;
        if (f.checkbox) {
          input = (
            <FormControl error={form.errors[name] !== undefined}>
              <FormControlLabel
                control={
                  <Checkbox
                    name={name}
                    checked={value === true}
                    onChange={(e) => form.set(f.key, e.target.checked as V[typeof f.key])}
                  />
                }
                label={f.label}
              />
              {form.errors[name] && <FormHelperText>{form.errors[name]}</FormHelperText>}
            </FormControl>
          );
        } else if (f.options) {
          input = (
            <Choice
              id={`${idPrefix}${name}`}
              label={f.label}
              value={String(value)}
              onChange={(x) => form.set(f.key, x as V[typeof f.key])}
              options={f.options}
              minWidth={140}
            />
          );
        } else {
          const dated = f.type === 'date' || f.type === 'datetime-local';
          input = (
            <Field
              name={name}
              id={`f-${idPrefix}${name.replace(/\W/g, '-')}`}
              label={f.label}
              errors={form.errors}
              value={String(value ?? '')}
              onChange={(e) => form.set(f.key, e.target.value as V[typeof f.key])}
              type={dated ? f.type : 'text'}
              inputMode={f.type === 'decimal' ? 'decimal' : f.type === 'integer' ? 'numeric' : undefined}
              slotProps={dated ? { inputLabel: { shrink: true } } : undefined}
              autoComplete={f.autoComplete}
              required={f.required}
            />
          );
        }
        return (
          <Grid key={f.key} size={{ xs: 12, sm: 6, md: f.md ?? 3 }}>
            {input}
          </Grid>
        );
      })}
    </Grid>
  );
}

/**
 * A form (no browser validation: the console's and the API's messages are shown next to the fields),
 * the error of the whole form when no field is to blame, and its submit button.
 */
export function FormBox<V extends Record<string, unknown>>({
  form,
  onSubmit,
  submitLabel,
  variant = 'contained',
  children,
}: {
  form: FormState<V>;
  onSubmit: () => unknown;
  submitLabel: string;
  variant?: 'contained' | 'outlined';
  children: ReactNode;
}) {
  return (
    <Box
      component="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
    >
      {children}
      {Object.keys(form.errors).length === 0 && <ErrorAlert error={form.formError} />}
      <Button type="submit" variant={variant} sx={{ mt: 2 }} disabled={form.busy}>
        {submitLabel}
      </Button>
    </Box>
  );
}

/** A labelled text input whose error is shown under it and announced (aria-describedby). */
export function Field({ name, errors, ...props }: TextFieldProps & { name: string; errors: FieldErrors }) {
  const message = errors[name];
  return (
    <TextField
      id={`f-${name.replace(/\W/g, '-')}`}
      name={name}
      size="small"
      fullWidth
      error={message !== undefined}
      helperText={message ?? props.helperText}
      {...props}
    />
  );
}

/** Several choices as labelled checkboxes in a fieldset (keyboard: Tab and Space). */
export function Checkboxes({
  name,
  label,
  options,
  value,
  onChange,
  errors,
}: {
  name: string;
  label: string;
  options: [string, string][];
  value: string[];
  onChange: (v: string[]) => void;
  errors: FieldErrors;
}) {
  const message = errors[name];
  return (
    <FormControl component="fieldset" error={message !== undefined} sx={{ my: 1 }}>
      <FormLabel component="legend">{label}</FormLabel>
      <FormGroup row>
        {options.map(([v, text]) => (
          <FormControlLabel
            key={v}
            control={
              <Checkbox
                checked={value.includes(v)}
                onChange={(e) => onChange(e.target.checked ? [...value, v] : value.filter((x) => x !== v))}
                name={`${name}-${v}`}
              />
            }
            label={text}
          />
        ))}
      </FormGroup>
      {message && <FormHelperText>{message}</FormHelperText>}
    </FormControl>
  );
}

/** `datetime-local` value of now (local time), for defaults. */
export function localNow(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}
