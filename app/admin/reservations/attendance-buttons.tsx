'use client';

import { useActionState } from 'react';
import { initialActionState } from '@/lib/action-state';
import type { FormAction } from '@/lib/actions';
import type { Presence } from '@/lib/reservations/staff-decisions';

const CHOICES: { value: Presence; label: string; chosen: string }[] = [
  { value: 'present', label: 'Présent', chosen: 'border-green-800 bg-green-700 text-white' },
  { value: 'absent', label: 'Absent', chosen: 'border-red-800 bg-red-700 text-white' },
  { value: 'justified', label: 'Absent justifié', chosen: 'border-amber-800 bg-amber-600 text-black' },
];

/**
 * « Pointage » of one child: one tap on Présent, Absent or Absent justifié. The answer recorded is
 * pressed, marked ✓ and coloured; a tap on another corrects it.
 */
export function AttendanceButtons({ action, reservationId, childName, presence }: { action: FormAction; reservationId: number; childName: string; presence: Presence | null }) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  return (
    <form action={formAction} className="no-print">
      <input type="hidden" name="reservationId" value={reservationId} />
      <div role="group" aria-label={`Pointage de ${childName}`} className="grid grid-cols-3 gap-2">
        {CHOICES.map((choice) => {
          const chosen = presence === choice.value;
          return (
            <button
              key={choice.value}
              type="submit"
              name="presence"
              value={choice.value}
              disabled={pending}
              aria-pressed={chosen}
              className={`min-h-14 rounded-lg border-2 px-2 py-3 text-base font-semibold disabled:opacity-60 ${chosen ? choice.chosen : 'border-slate-400 bg-white text-slate-900 hover:bg-slate-50'}`}
            >
              {chosen && <span aria-hidden="true">✓ </span>}
              {choice.label}
            </button>
          );
        })}
      </div>
      {state.error && (
        <p role="alert" className="mt-1 text-sm text-red-800">
          ⚠ {state.error}
        </p>
      )}
    </form>
  );
}
