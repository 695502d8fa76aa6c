'use client';

import Form from 'next/form';
import { useEffect, useRef } from 'react';
import { parseIsoDate } from '@/lib/calendar/months';

const LABEL = "Calculez vos réservations jusqu'au";

/**
 * The date of the estimate. A plain GET form, so it works without JavaScript (the "Calculer"
 * button); with JavaScript, a complete date is applied as soon as it is chosen, without
 * reloading the page or moving the focus.
 */
export function EstimateDateForm({ until }: { until: string }) {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  return (
    <Form action="/soldes" replace scroll={false} className="no-print flex flex-wrap items-end gap-2">
      <div>
        <label htmlFor="jusquau" className="mb-1 block font-medium">
          {LABEL}
        </label>
        <input
          id="jusquau"
          name="jusquau"
          type="date"
          required
          defaultValue={until}
          onChange={(event) => {
            const form = event.currentTarget.form;
            clearTimeout(timer.current);
            // While a year is being typed the field passes through dates like 0002-12-31: wait for a real one.
            if (!form || !parseIsoDate(event.currentTarget.value)) return;
            timer.current = setTimeout(() => form.requestSubmit(), 300);
          }}
          className="rounded-md border border-slate-400 bg-white px-3 py-2"
        />
      </div>
      <button type="submit" className="rounded-md bg-brand-800 px-4 py-2 font-semibold text-white hover:bg-brand-700">
        Calculer
      </button>
    </Form>
  );
}
