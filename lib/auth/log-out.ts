'use server';

import { auth, signOut } from '@/auth';
import { getDb } from '@/db';
import { appClock } from '@/lib/clock';
import { endSession } from './sessions';

/** "Se déconnecter": ends the session on the server first, so a copied cookie opens nothing afterwards. */
export async function logOut() {
  const session = await auth();
  if (session?.user?.sessionId) await endSession(await getDb(), appClock(), session.user.sessionId);
  await signOut({ redirectTo: '/connexion' });
}
