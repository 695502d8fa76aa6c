/**
 * A wide table scrolls sideways inside this box on a phone, never the page. The box can take
 * the keyboard focus so that people who do not use a mouse can scroll it too.
 */
export function TableRegion({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      // `relative`: a visually hidden label (position: absolute) in a wide cell stays inside the
      // scrolling box instead of widening the page.
      className="table-region relative overflow-x-auto rounded-lg border border-slate-200 bg-white"
    >
      {children}
    </div>
  );
}
