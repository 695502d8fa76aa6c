/** The guide's three buttons under the calendar and the recap: "Abandonner X", "Retour", "Valider ✓". */
export const buttonStyles = {
  abandon:
    'inline-flex items-center gap-1.5 rounded-md border-2 border-red-700 bg-white px-4 py-2 font-semibold text-red-800 hover:bg-red-50 disabled:opacity-60',
  back: 'inline-flex items-center gap-1.5 rounded-md border-2 border-slate-500 bg-white px-4 py-2 font-semibold text-slate-800 hover:bg-slate-100',
  validate:
    'inline-flex items-center gap-1.5 rounded-md border-2 border-brand-800 bg-brand-800 px-4 py-2 font-semibold text-white hover:bg-brand-900 disabled:opacity-60',
};
