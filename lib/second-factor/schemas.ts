import { z } from 'zod';

export const enrolmentCodeSchema = z.object({
  code: z.string().trim().min(1, 'Saisissez le code affiché par l’application.').max(20, 'Saisissez le code à 6 chiffres affiché par l’application.'),
});
