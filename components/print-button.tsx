'use client';

/** The guide's "Imprimer": prints the page with the print stylesheet (no header, navigation or buttons). */
export function PrintButton() {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="no-print inline-flex items-center gap-1.5 rounded-md border border-brand-800 bg-white px-3 py-1.5 text-sm font-semibold text-brand-800 hover:bg-brand-50"
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4 fill-current">
        <path d="M5 2h10v4H5V2Zm-2 5h14a2 2 0 0 1 2 2v5h-3v4H4v-4H1V9a2 2 0 0 1 2-2Zm3 6v3h8v-3H6Zm9-4a1 1 0 1 0 0 2 1 1 0 0 0 0-2Z" />
      </svg>
      Imprimer
    </button>
  );
}
