import { z } from 'zod';
import { parseEurosToCents } from '@/lib/money';

// Form fields as staff type them, each refused with a French message beside it.

/** A whole number from `min` to `max`, typed in a text or number field. */
export const wholeNumber = (label: string, min: number, max: number) =>
  z
    .string({ error: `${label} est obligatoire.` })
    .trim()
    .min(1, `${label} est obligatoire.`)
    .regex(/^\d+$/, `${label} doit être un nombre entier.`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${label} doit être compris entre ${min} et ${max}.`);

/** 'HH:MM' */
export const clockTime = (label: string) =>
  z
    .string({ error: `${label} est obligatoire.` })
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, `${label} doit être une heure (HH:MM).`);

export const isoDate = (label: string) => z.iso.date({ error: `${label} : saisissez une date valide.` });

/** An optional date: an empty field is null. */
export const optionalIsoDate = (label: string) => z.union([z.literal('').transform(() => null), isoDate(label)]).nullable().default(null);

/** An amount in euros with a comma ("6,65") → integer cents. */
export const euros = (label: string) =>
  z
    .string({ error: `${label} est obligatoire.` })
    .transform((text, context) => {
      const cents = parseEurosToCents(text);
      if (cents === null || cents < 0 || cents > 100_000_00) {
        context.addIssue({ code: 'custom', message: `${label} doit être un montant en euros, par exemple 6,65.` });
        return z.NEVER;
      }
      return cents;
    });

/** A checkbox: present ('on') or absent. */
export const checkbox = z.union([z.literal('on'), z.literal('true'), z.literal('')]).optional().transform((value) => value === 'on' || value === 'true');

/** An id in a hidden field or a select. */
export const rowId = (message: string) => z.coerce.number({ error: message }).int({ error: message }).positive({ error: message }).max(2_147_483_647, { error: message });
