/** The guide's warning, next to every "Valider". */
export function ImportantNotice() {
  return (
    <p id="important" className="rounded-md border-l-4 border-amber-600 bg-amber-50 px-3 py-2 text-sm text-amber-950">
      <strong>IMPORTANT</strong>
      {" : tant que vous n'avez pas cliqué sur le bouton « Valider », vos réservations ne sont pas prises en compte."}
    </p>
  );
}
