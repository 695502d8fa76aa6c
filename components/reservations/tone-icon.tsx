import type { Tone } from './day-look';

const paths: Record<Tone, React.ReactNode> = {
  closed: <path d="M5 10h10" />,
  full: (
    <>
      <circle cx="10" cy="10" r="6.5" />
      <path d="M5.5 14.5l9-9" />
    </>
  ),
  available: <circle cx="10" cy="10" r="6" />,
  waitlistOpen: <path d="M6 3.5h8M6 16.5h8M7 3.5c0 4 6 4.5 6 6.5s-6 2.5-6 6.5M13 3.5c0 4-6 4.5-6 6.5s6 2.5 6 6.5" />,
  booked: <path d="M4 10.5l4 4 8-9" />,
  locked: (
    <>
      <rect x="4.5" y="9" width="11" height="8" rx="1.5" />
      <path d="M7 9V6.5a3 3 0 0 1 6 0V9" />
    </>
  ),
  waitlisted: (
    <>
      <circle cx="10" cy="10" r="6.5" />
      <path d="M10 6.5V10l2.5 2" />
    </>
  ),
  elsewhere: (
    <>
      <rect x="3.5" y="5" width="13" height="11" rx="1.5" />
      <path d="M3.5 9h13M7 3v3.5M13 3v3.5" />
    </>
  ),
  requestedAdd: (
    <>
      <circle cx="10" cy="10" r="6.5" />
      <path d="M10 6.5v7M6.5 10h7" />
    </>
  ),
  requestedWaitlist: (
    <>
      <circle cx="10" cy="10" r="6.5" />
      <path d="M10 6.5V10l2.5 2M14.5 3.5v4M12.5 5.5h4" />
    </>
  ),
  requestedRemove: (
    <>
      <circle cx="10" cy="10" r="6.5" />
      <path d="M7.5 7.5l5 5M12.5 7.5l-5 5" />
    </>
  ),
};

/** The icon that says a day's state without colour. */
export function ToneIcon({ tone, className = 'h-4 w-4' }: { tone: Tone; className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" className={className}>
      {paths[tone]}
    </svg>
  );
}
