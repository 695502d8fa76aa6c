import { describe, expect, it } from 'vitest';
import { parseTrustedProxies, requestIp, UNKNOWN_ADDRESS } from '@/lib/auth/request-ip';

const forwardedFor = (value: string) => new Headers({ 'x-forwarded-for': value, 'x-real-ip': '192.0.2.99' });

describe('the client address behind TRUSTED_PROXIES', () => {
  it('ignores X-Forwarded-For and X-Real-IP entirely when no proxy is trusted', () => {
    for (const setting of [undefined, '', '0']) {
      expect(requestIp(forwardedFor('203.0.113.7'), parseTrustedProxies(setting))).toBe(UNKNOWN_ADDRESS);
      expect(requestIp(forwardedFor('198.18.0.1, 203.0.113.7'), parseTrustedProxies(setting))).toBe(UNKNOWN_ADDRESS);
    }
    expect(requestIp(new Headers(), parseTrustedProxies(undefined))).toBe(UNKNOWN_ADDRESS);
  });

  it('takes the right-most hop behind one proxy, the second from the right behind two', () => {
    expect(requestIp(forwardedFor('198.18.0.1, 203.0.113.7'), parseTrustedProxies('1'))).toBe('203.0.113.7');
    expect(requestIp(forwardedFor('198.18.0.1, 203.0.113.7, 10.0.0.2'), parseTrustedProxies('2'))).toBe('203.0.113.7');
  });

  it('takes the furthest hop when the header is shorter than the chain of proxies', () => {
    expect(requestIp(forwardedFor('203.0.113.7'), parseTrustedProxies('2'))).toBe('203.0.113.7');
  });

  it('with a list of proxy addresses, takes the right-most hop that is not one of them', () => {
    const trusted = parseTrustedProxies('10.0.0.2, 10.0.0.3');
    expect(requestIp(forwardedFor('198.18.0.1, 203.0.113.7, 10.0.0.2'), trusted)).toBe('203.0.113.7');
    expect(requestIp(forwardedFor('198.18.0.1, 203.0.113.7'), trusted)).toBe('203.0.113.7');
    expect(requestIp(forwardedFor('10.0.0.3, 10.0.0.2'), trusted)).toBe('10.0.0.3');
  });

  it('drops a port, and counts a hop that is not an address as unknown', () => {
    expect(requestIp(forwardedFor('203.0.113.7:4711'), parseTrustedProxies('1'))).toBe('203.0.113.7');
    expect(requestIp(forwardedFor('[2001:db8::1]:4711'), parseTrustedProxies('1'))).toBe('2001:db8::1');
    expect(requestIp(forwardedFor('203.0.113.7, pas-une-adresse'), parseTrustedProxies('1'))).toBe(UNKNOWN_ADDRESS);
  });

  it('refuses a setting that is neither a count nor a list of addresses', () => {
    expect(() => parseTrustedProxies('proxy.mairie.fr')).toThrow(/TRUSTED_PROXIES/);
  });
});
