import {
  Checkbox,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  FormLabel,
  TextField,
  type TextFieldProps,
} from '@mui/material';
import { useState } from 'react';
import { ApiError } from '../api';

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
