import { useId, type ReactNode } from 'react';

/** Labelled form controls shared by the inspector panels; each has a visible label and optional help. */

interface FieldProps<T> {
  label: string;
  value: T;
  onChange: (value: T) => void;
  help?: string | undefined;
}

function Help({ id, text }: { id: string; text: string | undefined }) {
  return text ? (
    <span id={id} className="field-help">
      {text}
    </span>
  ) : null;
}

export function TextField({
  label,
  value,
  onChange,
  help,
  placeholder,
}: FieldProps<string> & { placeholder?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={help ? `${id}-help` : undefined}
      />
      <Help id={`${id}-help`} text={help} />
    </div>
  );
}

export function TextAreaField({
  label,
  value,
  onChange,
  help,
  rows = 3,
}: FieldProps<string> & { rows?: number }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={rows}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={help ? `${id}-help` : undefined}
      />
      <Help id={`${id}-help`} text={help} />
    </div>
  );
}

export function CheckboxField({ label, value, onChange, help }: FieldProps<boolean>) {
  const id = useId();
  return (
    <div className="field field-checkbox">
      <input
        id={id}
        type="checkbox"
        checked={value}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={help ? `${id}-help` : undefined}
      />
      <label htmlFor={id}>{label}</label>
      <Help id={`${id}-help`} text={help} />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({
  label,
  value,
  onChange,
  help,
  options,
}: FieldProps<string> & { options: readonly Option[] }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={help ? `${id}-help` : undefined}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Help id={`${id}-help`} text={help} />
    </div>
  );
}

export function Fieldset({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="fieldset">
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}

/** "public-web" → "public web": enum values read as words in select boxes. */
export const humanise = (value: string): string => value.replace(/[-_]/g, ' ');
export const optionsOf = (values: readonly string[]): Option[] =>
  values.map((v) => ({ value: v, label: humanise(v) }));
