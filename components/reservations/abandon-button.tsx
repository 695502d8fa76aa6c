'use client';

import { buttonStyles } from './buttons';

const question = 'Effacer toutes vos demandes non validées ? Vos réservations déjà validées ne changent pas.';

/**
 * "Abandonner": asks first, since it clears every request of the basket (all children and
 * activities). `formAction` lets it sit in another form, next to that form's "Valider".
 */
export function AbandonButton({ formAction, disabled }: { formAction?: (form: FormData) => Promise<void>; disabled?: boolean }) {
  return (
    <button
      type="submit"
      formAction={formAction}
      disabled={disabled}
      onClick={(event) => {
        if (!window.confirm(question)) event.preventDefault();
      }}
      className={buttonStyles.abandon}
    >
      Abandonner <span aria-hidden="true">✕</span>
    </button>
  );
}
