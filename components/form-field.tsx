import { FieldError } from './field-error';

/** A labelled input with its hint and error message tied to it for screen readers. */
export function FormField({
  name,
  label,
  error,
  hint,
  id,
  ...input
}: { name: string; label: string; error?: string; hint?: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  const inputId = id ?? name;
  const described = [hint ? `${inputId}-hint` : null, error ? `${inputId}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div>
      <label htmlFor={inputId} className="mb-1 block font-medium">
        {label}
      </label>
      {hint && (
        <p id={`${inputId}-hint`} className="mb-1 text-sm text-slate-700">
          {hint}
        </p>
      )}
      <input
        {...input}
        id={inputId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        className="w-full max-w-md rounded-md border border-slate-400 px-3 py-2"
      />
      <FieldError id={`${inputId}-error`} message={error} />
    </div>
  );
}
