import { z } from 'zod';

export const currentPasswordField = z.string().min(1, 'Saisissez votre mot de passe actuel.').max(200);

const newPasswordFields = {
  newPassword: z.string().min(1, 'Saisissez le nouveau mot de passe.').max(500),
  confirmPassword: z.string().max(500),
};

/** A form with a new password typed twice, plus `fields`; the strength rules are checked by the service. */
export function newPasswordSchema<T extends z.ZodRawShape>(fields: T) {
  return z.object({ ...fields, ...newPasswordFields }).superRefine((form, context) => {
    const { newPassword, confirmPassword } = form as { newPassword: string; confirmPassword: string };
    if (newPassword !== confirmPassword) {
      context.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'Les deux saisies du nouveau mot de passe sont différentes.' });
    }
  });
}
