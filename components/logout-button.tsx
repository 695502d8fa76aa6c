import { logOut } from '@/lib/auth/log-out';

/** The guide's red button, left of the person's name. */
export function LogoutButton() {
  return (
    <form action={logOut}>
      <button
        type="submit"
        className="inline-flex items-center gap-1.5 rounded-md bg-red-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-red-800"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4 fill-current">
          <path d="M10 2a1 1 0 0 1 1 1v7a1 1 0 1 1-2 0V3a1 1 0 0 1 1-1Zm-4.24 3.17a1 1 0 0 1 .07 1.41 5.5 5.5 0 1 0 8.34 0 1 1 0 1 1 1.48-1.34 7.5 7.5 0 1 1-11.3 0 1 1 0 0 1 1.41-.07Z" />
        </svg>
        Se déconnecter
      </button>
    </form>
  );
}
