import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

/**
 * A form control with its label tied by id (not by wrapping), so the accessible name is exactly the
 * label text and never picks up a select's options.
 */
export function Field({
  label,
  children,
  className,
}: {
  label: string;
  children: (id: string) => ReactNode;
  className?: string;
}) {
  const id = useId();
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

/** A labelled text input (a {@link Field}) whose new value goes to `onValue`. */
export function TextField({
  label,
  value,
  onValue,
  ...input
}: {
  label: string;
  value: string;
  onValue: (value: string) => void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'>) {
  return (
    <Field label={label}>
      {(id) => <input id={id} value={value} onChange={(e) => onValue(e.target.value)} {...input} />}
    </Field>
  );
}
