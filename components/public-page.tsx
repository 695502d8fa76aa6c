/** The frame of the pages one reaches without being logged in (login, forgotten password, links). */
export function PublicPage({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <main id="contenu" className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className="w-full max-w-md space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <p className="text-sm font-semibold text-brand-800">Compte Famille</p>
        <h1 className="text-2xl font-bold">{title}</h1>
        {children}
      </div>
    </main>
  );
}
