// What a browser reads and writes on the wire, without the network: cookies, the server-action
// forms of the server-rendered HTML, the router state Next puts in the page, the body React sends
// for a server action, and the Flight answer it gets back. Pure functions, unit-tested on pages
// captured from the app (tests/unit/rush-browser-wire.test.ts); bench/rush/parent.ts does the I/O.

/** The cookies of one site: what Set-Cookie gave, sent back on every request. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Applies Set-Cookie header values; an empty value, `Max-Age=0` or a past `Expires` deletes the cookie. */
  store(setCookies: readonly string[], now = Date.now()): void {
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';');
      const equals = pair.indexOf('=');
      if (equals <= 0) continue;
      const name = pair.slice(0, equals).trim();
      const value = pair.slice(equals + 1).trim();
      let expired = value === '';
      for (const attribute of attributes) {
        const [key = '', ...rest] = attribute.split('=');
        const attributeValue = rest.join('=').trim();
        const lower = key.trim().toLowerCase();
        if (lower === 'max-age' && Number(attributeValue) <= 0) expired = true;
        if (lower === 'expires' && Date.parse(attributeValue) <= now) expired = true;
      }
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** The Cookie request header, or null when the jar is empty. */
  header(): string | null {
    if (this.cookies.size === 0) return null;
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === '#') {
      const point = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return Number.isFinite(point) ? String.fromCodePoint(point) : whole;
    }
    return ENTITIES[code.toLowerCase()] ?? whole;
  });
}

/** The attributes of one start tag (`<input type="hidden" name="x" value="y"/>`), entities decoded. */
export function tagAttributes(tag: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of tag.matchAll(/([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    const name = match[1]!.toLowerCase();
    if (name.startsWith('<')) continue;
    attributes[name] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attributes;
}

/** A `<form>` of the page that calls a server action, as the server rendered it for browsers without JavaScript. */
export interface ActionForm {
  /** The server action's id: what the browser sends in the Next-Action header. */
  actionId: string;
  /** Bound arguments of the no-JS form (`$ACTION_<n>:1`), e.g. `[{}]` for a `useActionState` form. */
  bound: unknown[];
  /** The form's own fields, in document order: hidden inputs with their value, others with their default (''). */
  fields: Array<[string, string]>;
  /**
   * The fields with the form's no-JS action inputs (`$ACTION_REF_1`, `$ACTION_1:0`, `$ACTION_1:1`,
   * `$ACTION_KEY`) where they are: hydration leaves them in the page, so a browser that loaded the
   * page by its address sends them too (one that reached it by a link renders the form without them).
   */
  loadedFields: Array<[string, string]>;
  /** The names of its submit buttons, with their values (the calendar's days: `activityDayId`). */
  buttons: Array<{ name: string; value: string; html: string }>;
  /** The form's inner HTML. */
  html: string;
}

/**
 * The forms of a server-rendered page that call a server action. React renders each such form with
 * hidden `$ACTION_REF_<n>` and `$ACTION_<n>:0` inputs (`{"id": <action id>, "bound": …}`) for the
 * browser without JavaScript; with JavaScript the browser sends the same id in the Next-Action
 * header. A form of an unbound action carries `$ACTION_ID_<id>` instead.
 */
export function actionForms(html: string): ActionForm[] {
  const forms: ActionForm[] = [];
  for (const match of html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/gi)) {
    const inner = match[1]!;
    let actionId: string | null = null;
    // The form's own reference comes first; a button's formAction (« Abandonner ») carries its own after it.
    let reference: string | null = null;
    let bound: unknown[] = [];
    const fields: Array<[string, string]> = [];
    const loadedFields: Array<[string, string]> = [];
    const buttons: ActionForm['buttons'] = [];
    for (const tagMatch of inner.matchAll(/<(input|textarea|select|button)\b[^>]*>/gi)) {
      const tag = tagMatch[0];
      const kind = tagMatch[1]!.toLowerCase();
      const attributes = tagAttributes(tag.slice(kind.length + 1));
      const name = attributes.name;
      if (!name) continue;
      const own = kind === 'input' && actionId === null && reference === null;
      if (own && name.startsWith('$ACTION_ID_')) {
        actionId = name.slice('$ACTION_ID_'.length);
        loadedFields.push([name, attributes.value ?? '']);
        continue;
      }
      if (own && name.startsWith('$ACTION_REF_')) {
        reference = name.slice('$ACTION_REF_'.length);
        loadedFields.push([name, attributes.value ?? '']);
        continue;
      }
      const part = /^\$ACTION_(\d+):(\d+)$/.exec(name);
      if (part && part[1] === reference && kind === 'input') {
        if (part[2] === '0') actionId = (JSON.parse(attributes.value ?? '{}') as { id?: string }).id ?? null;
        if (part[2] === '1') bound = JSON.parse(attributes.value ?? '[]') as unknown[];
        loadedFields.push([name, attributes.value ?? '']);
        continue;
      }
      if (name === '$ACTION_KEY' && kind === 'input' && reference !== null && loadedFields.length > 0) {
        loadedFields.push([name, attributes.value ?? '']);
        continue;
      }
      if (name.startsWith('$ACTION_')) continue;
      const type = (attributes.type ?? (kind === 'button' ? 'submit' : 'text')).toLowerCase();
      if (kind === 'button' || type === 'submit') {
        const end = inner.indexOf('</button>', tagMatch.index);
        buttons.push({ name, value: attributes.value ?? '', html: end < 0 ? tag : inner.slice(tagMatch.index, end) });
        continue;
      }
      if (kind === 'textarea') {
        const end = inner.indexOf('</textarea>', tagMatch.index);
        const text = decodeEntities(end < 0 ? '' : inner.slice(tagMatch.index! + tag.length, end));
        fields.push([name, text]);
        loadedFields.push([name, text]);
        continue;
      }
      if ((type === 'checkbox' || type === 'radio') && !('checked' in attributes)) continue;
      fields.push([name, attributes.value ?? '']);
      loadedFields.push([name, attributes.value ?? '']);
    }
    if (actionId) forms.push({ actionId, bound, fields, loadedFields, buttons, html: inner });
  }
  return forms;
}

/** The value of a form's field, or null. */
export function fieldValue(form: ActionForm, name: string): string | null {
  return form.fields.find(([field]) => field === name)?.[1] ?? null;
}

/** The text of the Flight payload the server streamed into the page (`self.__next_f.push([1, "…"])`). */
export function inlineFlight(html: string): string {
  let flight = '';
  for (const match of html.matchAll(/self\.__next_f\.push\((\[[\s\S]*?\])\)<\/script>/g)) {
    try {
      const chunk = JSON.parse(match[1]!) as unknown[];
      if (chunk[0] === 1 && typeof chunk[1] === 'string') flight += chunk[1];
    } catch {
      // A chunk that is not plain JSON (binary chunks are base64 in another shape): not needed here.
    }
  }
  return flight;
}

/** The JSON rows of a Flight payload, by row id (`0:{…}` → '0' → '{…}'). */
export function flightRows(flight: string): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of flight.split('\n')) {
    const match = /^([0-9a-f]+):(.*)$/.exec(line);
    if (match && /^[[{"]|^(null|true|false|-?\d)/.test(match[2]!)) rows.set(match[1]!, match[2]!);
  }
  return rows;
}

type TransportNode = { s: string | { n: string; t: string; k: string | null; s: unknown }; h?: number; c?: unknown };
type RouterState = [unknown, Record<string, RouterState>, ...unknown[]];

/**
 * The Next-Router-State-Tree header the browser sends with a server action from this page: the
 * router tree of the page's initial payload (`0:{…"t":{"t":…}}`, children as `$Q` references to Map
 * rows), without what only the client uses, URI-encoded (as Next's
 * prepareFlightRouterStateForRequest does; checked against Chromium's requests). Null when the page carries no such payload.
 */
export function routerStateTree(html: string): string | null {
  const rows = flightRows(inlineFlight(html));
  const root = rows.get('0');
  if (!root) return null;
  let initial: { t?: { t?: TransportNode } };
  try {
    initial = JSON.parse(root) as { t?: { t?: TransportNode } };
  } catch {
    return null;
  }
  const tree = initial.t?.t;
  if (!tree || typeof tree !== 'object') return null;
  const resolve = (node: TransportNode): RouterState => {
    const children: Record<string, RouterState> = {};
    let entries: unknown = node.c;
    if (typeof entries === 'string' && entries.startsWith('$Q')) entries = JSON.parse(rows.get(entries.slice(2)) ?? '[]');
    if (Array.isArray(entries)) for (const [key, child] of entries as Array<[string, TransportNode]>) children[key] = resolve(child);
    const segment = typeof node.s === 'string' ? node.s : [node.s.n, node.s.k ?? '', node.s.t, null];
    // As the client keeps it: no refresh state, no refresh marker, the prefetch hints (0 when none).
    return [segment, children, null, null, node.h ?? 0];
  };
  return encodeURIComponent(JSON.stringify(resolve(tree)));
}

/**
 * The body React sends for a server action called with these arguments (`encodeReply`): a form
 * argument's entries become parts prefixed `_<n>_`, referenced as `$K<n>` in the JSON of part `0`.
 * `args` may hold one form, given as its entries.
 */
export function actionReplyParts(args: Array<unknown | { form: Array<[string, string]> }>): Array<[string, string]> {
  const parts: Array<[string, string]> = [];
  let nextPart = 1;
  const model = args.map((arg) => {
    if (arg && typeof arg === 'object' && 'form' in arg && Array.isArray((arg as { form: unknown }).form)) {
      const id = nextPart++;
      for (const [name, value] of (arg as { form: Array<[string, string]> }).form) parts.push([`_${id}_${name}`, value]);
      return `$K${id.toString(16)}`;
    }
    return arg;
  });
  parts.push(['0', JSON.stringify(model)]);
  return parts;
}

/** A multipart/form-data body, as a browser encodes FormData of text fields. */
export function multipartBody(parts: Array<[string, string]>, boundary: string): string {
  const escape = (name: string) => name.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
  let body = '';
  for (const [name, value] of parts) {
    body += `--${boundary}\r\nContent-Disposition: form-data; name="${escape(name)}"\r\n\r\n${value.replace(/\r?\n/g, '\r\n')}\r\n`;
  }
  return `${body}--${boundary}--\r\n`;
}

/**
 * The value a server action returned, from its Flight answer: row 0 is `{"a": <result>, …}`,
 * the result inline or a `$@<row>` reference. Undefined when the answer carries none (a redirect).
 */
export function actionResult(flight: string): unknown {
  const rows = flightRows(flight);
  const root = rows.get('0');
  if (!root) return undefined;
  let result: unknown;
  try {
    result = (JSON.parse(root) as { a?: unknown }).a;
  } catch {
    return undefined;
  }
  if (typeof result === 'string' && /^\$@[0-9a-f]+$/.test(result)) {
    const row = rows.get(result.slice(2));
    // Flight writes undefined as "$undefined"; the client reads it back as undefined.
    return row === undefined ? undefined : JSON.parse(row, (_key, value: unknown) => (value === '$undefined' ? undefined : value));
  }
  return result;
}

/**
 * Where a server action sent the browser: the `x-action-redirect` header of an action called with
 * JavaScript (`/path;push`), or the Location of a 303 (a form posted without JavaScript). The path
 * only, or null.
 */
export function actionRedirect(status: number, headers: Record<string, string | string[] | undefined>): string | null {
  const header = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const redirect = header('x-action-redirect');
  if (redirect) return redirect.split(';')[0]!;
  const location = header('location');
  if (status >= 300 && status < 400 && location) return location;
  return null;
}

/** The path and query of a URL that may be absolute (`http://host/a?b`) or a path (`/a?b`). */
export function pathOf(url: string): string {
  if (url.startsWith('/')) return url;
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}
