import type { FormAction } from '@/lib/actions';
import { formatDateTime } from '@/lib/format';
import type { SecondFactorStatus } from '@/lib/second-factor/enrolment';
import { Notice } from '../notice';
import { ConfirmEnrolmentForm, DisableSecondFactorForm, RegenerateRecoveryCodesForm, StartEnrolmentForm } from './forms';
import { TotpQrCode } from './totp-qr-code';

export interface SecondFactorActions {
  start: FormAction;
  confirm: FormAction;
  regenerate: FormAction;
  /** Families may turn it off; staff may not. */
  disable?: FormAction;
}

/** "Vérification en deux étapes": enrol an authenticator app, then manage the recovery codes. */
export function SecuritySettings({
  status,
  actions,
  doneHref,
  required,
}: {
  status: SecondFactorStatus;
  actions: SecondFactorActions;
  doneHref: string;
  required: boolean;
}) {
  return (
    <div className="max-w-2xl space-y-6">
      <h1 className="text-2xl font-bold">Vérification en deux étapes</h1>
      <p className="text-slate-700">
        À chaque connexion, après le mot de passe, un code à 6 chiffres affiché par une application de votre téléphone vous est demandé.
        Quelqu’un qui connaîtrait votre mot de passe ne pourrait pas se connecter sans votre téléphone.
      </p>
      {required && status.state !== 'on' && (
        <Notice tone="info">
          Le personnel de la mairie a accès aux données des familles : activez la vérification en deux étapes pour accéder à l’espace mairie.
        </Notice>
      )}
      {status.state === 'off' && <StartEnrolmentForm action={actions.start} />}
      {status.state === 'pending' && (
        <ol className="list-decimal space-y-5 pl-5">
          <li className="space-y-1">
            <p className="font-medium">Installez une application d’authentification sur votre téléphone</p>
            <p className="text-sm text-slate-700">Par exemple Aegis, FreeOTP, Google Authenticator ou Microsoft Authenticator.</p>
          </li>
          <li className="space-y-3">
            <p className="font-medium">Dans l’application, ajoutez un compte en scannant ce QR code</p>
            <TotpQrCode uri={status.uri} secret={status.secret} />
          </li>
          <li className="space-y-3">
            <p className="font-medium">Saisissez le code que l’application affiche</p>
            <ConfirmEnrolmentForm action={actions.confirm} doneHref={doneHref} />
          </li>
        </ol>
      )}
      {status.state === 'on' && (
        <>
          <Notice tone="success">
            La vérification en deux étapes est activée depuis le {formatDateTime(status.since)}. Codes de secours restants :{' '}
            {status.recoveryCodesLeft} sur 10.
          </Notice>
          <RegenerateRecoveryCodesForm action={actions.regenerate} doneHref={doneHref} />
          {actions.disable && <DisableSecondFactorForm action={actions.disable} />}
        </>
      )}
    </div>
  );
}
