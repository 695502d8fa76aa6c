import { z } from 'zod';
import { parseIsoDate } from '@/lib/calendar/months';

const idField = (message: string) =>
  z.coerce.number({ error: message }).int({ error: message }).positive({ error: message }).max(2_147_483_647, { error: message });

export const familyIdField = idField('Famille introuvable.');
export const guardianIdField = idField('Responsable introuvable.');
export const childIdField = idField('Enfant introuvable.');

const name = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, { error: missing })
    .max(100, { error: 'Saisissez au plus 100 caractères.' })
    .refine((value) => /\p{L}/u.test(value), { error: 'Saisissez un nom avec des lettres.' });

const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, { error: tooLong })
    .nullish()
    .transform((value) => (value ? value : null));

export const familyFields = z.object({
  name: name('Saisissez le nom de la famille.'),
  address: optionalText(300, 'L’adresse est trop longue (300 caractères au plus).'),
});
export type FamilyFields = z.input<typeof familyFields>;

export const guardianFields = z.object({
  firstName: name('Saisissez le prénom.'),
  lastName: name('Saisissez le nom.'),
  email: z
    .string()
    .trim()
    .max(254, { error: 'Adresse e-mail trop longue.' })
    .nullish()
    .transform((value) => (value ? value.toLowerCase() : null))
    .refine((value) => value === null || z.email().safeParse(value).success, { error: 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.' }),
  phone: optionalText(30, 'Numéro de téléphone trop long.').refine((value) => value === null || /^\+?[\d .()-]{6,30}$/.test(value), {
    error: 'Saisissez un numéro de téléphone, par exemple 05 56 00 00 00.',
  }),
});
export type GuardianFields = z.input<typeof guardianFields>;

export const childFields = z.object({
  firstName: name('Saisissez le prénom.'),
  lastName: name('Saisissez le nom.'),
  birthDate: z.string({ error: 'Saisissez la date de naissance.' }).refine((value) => parseIsoDate(value) !== null, {
    error: 'Saisissez une date de naissance valide.',
  }),
});
export type ChildFields = z.input<typeof childFields>;
