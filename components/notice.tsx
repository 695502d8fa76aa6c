/** A polite French message about the request (an ignored URL parameter, for instance). */
export function Notice({ children }: { children: React.ReactNode }) {
  return (
    <p role="status" className="no-print rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950">
      <span className="font-semibold">Information : </span>
      {children}
    </p>
  );
}
