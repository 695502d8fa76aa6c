// The three measuring parts the rush calls: the parent's HTTP client (parent.ts), the validation
// service level (service.ts) and the pages' throughput (pages-load.ts). Each is loaded when first
// needed, by a path the compiler does not follow, so that this harness builds and runs whichever of
// them is present; the shapes below are the ones they export.

export type RequestKind = 'login' | 'page' | 'click' | 'recap' | 'validation';
export interface Sample {
  kind: RequestKind;
  ms: number;
  status: number;
  at: number;
}
export interface ParentClick {
  childId: number;
  activityId: number;
  activityDayId: number;
  month: string;
}
export interface ParentPlan {
  login: string;
  password: string;
  clicks: ParentClick[];
  thinkMs: () => number;
}
export interface ParentRun {
  samples: Sample[];
  serverErrors: number;
  lostRequests: number;
  busyAnswers: number;
  validated: boolean;
  validationId: number | null;
  error: string | null;
  /** Reported by the parent client when it knows: clicks the server accepted, refused, or the calendar did not offer. */
  acceptedClicks?: number;
  refusedClicks?: number;
  unclickableDays?: number;
}
export type RunParent = (baseUrl: string | (() => string), plan: ParentPlan, options?: { timeoutMs?: number; signal?: AbortSignal }) => Promise<ParentRun>;

export interface ServiceLevel {
  validationsPerSecond: number;
  p95ValidationServiceMs: number;
  pgbenchTps: number;
  ratio: number;
  overbookedDays: number;
}
export type MeasureServiceLevel = (options: { adminUrl: string; clients: number; seconds: number; families?: number }) => Promise<ServiceLevel>;

export interface PagesLoad {
  loginRps: number;
  calendarRps: number;
  pageRatio: number;
  p95CalendarMs: number;
  pages: unknown;
}
export type MeasurePages = (options: { baseUrl: string; cookie: string; calendarPath: string; connections?: number; seconds?: number }) => Promise<PagesLoad>;

async function load<T>(file: string, name: string): Promise<T | null> {
  const specifier = `./${file}`;
  try {
    const exported = (await import(specifier)) as Record<string, unknown>;
    return (exported[name] as T | undefined) ?? null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes(file)) return null;
    throw error;
  }
}

export const loadRunParent = () => load<RunParent>('parent.ts', 'runParent');
/** Closes the parent client's shared connection pool, when it has one, so that the process can exit. */
export const loadCloseParentClient = () => load<() => Promise<void>>('parent.ts', 'closeSharedAgent');
export const loadMeasureServiceLevel = () => load<MeasureServiceLevel>('service.ts', 'measureServiceLevel');
export const loadMeasurePages = () => load<MeasurePages>('pages-load.ts', 'measurePages');
