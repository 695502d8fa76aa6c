import Link from 'next/link';

/** The frame of the legal and information pages, readable logged in or not. */
export function InformationPage({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <main id="contenu" className="mx-auto max-w-3xl px-4 py-8">
      <Link href="/" className="text-sm font-semibold text-brand-800 underline">
        Compte Famille
      </Link>
      <h1 className="mt-2 text-2xl font-bold">{title}</h1>
      <div className="mt-6 space-y-6 leading-relaxed [&_h2]:text-xl [&_h2]:font-semibold [&_li]:ml-5 [&_li]:list-disc [&_section]:space-y-3">{children}</div>
    </main>
  );
}
