/** The client's address as seen by the reverse proxy in front of the app, else "local". */
export function requestIp(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return (forwarded || headers.get('x-real-ip') || 'local').slice(0, 64);
}
