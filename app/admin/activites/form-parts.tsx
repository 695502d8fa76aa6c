import { FieldError } from '@/components/field-error';
import type { ActionState } from '@/lib/action-state';

// Small pieces shared by the forms of the Activités pages (client and server components alike).

export const inputClass = 'w-full max-w-md rounded-md border border-slate-400 px-3 py-2';

/** What a field shows: what was typed before a refusal, else the stored value. */
export const valueOf = (state: ActionState, defaults: Record<string, string>, name: string) => state.values?.[name] ?? defaults[name] ?? '';

export function describedBy(state: ActionState, name: string, hint?: boolean) {
  return [hint ? `${name}-hint` : null, state.fieldErrors?.[name] ? `${name}-error` : null].filter(Boolean).join(' ') || undefined;
}

export function SelectField({
  name,
  label,
  state,
  value,
  options,
}: {
  name: string;
  label: string;
  state: ActionState;
  value: string;
  options: { value: string; label: string }[];
}) {
  const error = state.fieldErrors?.[name];
  return (
    <div>
      <label htmlFor={name} className="mb-1 block font-medium">
        {label}
      </label>
      <select id={name} name={name} defaultValue={value} aria-invalid={error ? true : undefined} aria-describedby={describedBy(state, name)} className={inputClass}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError id={`${name}-error`} message={error} />
    </div>
  );
}

/** The outcome of a form: the message in words (with an icon), colour as a second signal. */
export function FormStatus({ state }: { state: ActionState }) {
  const text = state.error ?? state.message;
  return (
    <p role="status" className={state.error ? 'whitespace-pre-line text-sm text-red-800' : 'whitespace-pre-line text-sm text-green-800'}>
      {text ? `${state.error ? '⚠ ' : '✓ '}${text}` : ''}
    </p>
  );
}
