import Link from 'next/link';
import type { ReactNode } from 'react';

// Links never prefetch, as in the tabs (see components/tab-nav.tsx): no request in flight at logout.

const shapes = {
  /** A choice among the page's own (a child, an activity, a period): the current one is filled. */
  button: {
    base: 'inline-block rounded-md border-2',
    current: '',
    other: 'hover:border-brand-800',
  },
  /** A view of the same page (Historiques): the current one is also underlined. */
  pill: {
    base: 'block rounded-full border',
    current: 'underline decoration-2 underline-offset-4',
    other: 'hover:bg-brand-50',
  },
};

/** One link of a set of exclusive choices, the current one filled and marked for screen readers. */
export function ChoiceLink({
  href,
  current,
  currentMeans = 'true',
  shape = 'button',
  children,
}: {
  href: string;
  current: boolean;
  /** `aria-current`: 'page' when the choices lead to separate pages, 'true' for choices within one. */
  currentMeans?: 'page' | 'true';
  shape?: keyof typeof shapes;
  children: ReactNode;
}) {
  const look = shapes[shape];
  const state = current ? `border-brand-800 bg-brand-800 text-white ${look.current}` : `border-slate-300 bg-white text-brand-800 ${look.other}`;
  return (
    <Link
      href={href}
      prefetch={false}
      aria-current={current ? currentMeans : undefined}
      className={`${look.base} px-3 py-1.5 text-sm font-medium ${state}`.trim()}
    >
      {children}
    </Link>
  );
}
