import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@/lib/auth/password-length';
import { FormField } from './form-field';

/** "Nouveau mot de passe" and its confirmation, with the rule said up front. */
export function NewPasswordFields({ errors }: { errors: Record<string, string> }) {
  return (
    <>
      <FormField
        name="newPassword"
        label="Nouveau mot de passe"
        type="password"
        autoComplete="new-password"
        hint={`De ${PASSWORD_MIN_LENGTH} à ${PASSWORD_MAX_LENGTH} caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.`}
        error={errors.newPassword}
      />
      <FormField name="confirmPassword" label="Confirmez le nouveau mot de passe" type="password" autoComplete="new-password" error={errors.confirmPassword} />
    </>
  );
}
