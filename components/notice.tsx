/** A status message: an icon and words, with colour as a second signal. Not printed. */
export function Notice({ tone = 'info', children }: { tone?: 'success' | 'error' | 'info'; children: React.ReactNode }) {
  const styles = {
    success: 'border-green-300 bg-green-50 text-green-900',
    error: 'border-red-300 bg-red-50 text-red-900',
    info: 'border-sky-300 bg-sky-50 text-sky-950',
  }[tone];
  const icon = { success: '✓', error: '⚠', info: 'ℹ' }[tone];
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={`no-print flex gap-2 rounded-md border px-3 py-2 text-sm ${styles}`}>
      <span aria-hidden="true">{icon}</span>
      <div>{children}</div>
    </div>
  );
}
