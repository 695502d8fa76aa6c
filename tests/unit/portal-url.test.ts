import { describe, expect, it } from 'vitest';
import { configuredPortalUrl, developmentPortalUrl } from '@/lib/town';

describe('the portal address in e-mail links', () => {
  it('is PORTAL_URL when set, without a trailing slash', () => {
    expect(configuredPortalUrl({ PORTAL_URL: 'https://famille.mairie.example.fr/', AUTH_URL: 'https://autre.example.fr', NODE_ENV: 'production' })).toBe(
      'https://famille.mairie.example.fr',
    );
  });

  it('falls back to AUTH_URL', () => {
    expect(configuredPortalUrl({ AUTH_URL: 'https://famille.mairie.example.fr', NODE_ENV: 'production' })).toBe('https://famille.mairie.example.fr');
  });

  it('has no default in production, so npm start can refuse to start', () => {
    expect(configuredPortalUrl({ NODE_ENV: 'production' })).toBeNull();
    expect(configuredPortalUrl({ NODE_ENV: 'production', PORTAL_URL: '', AUTH_URL: '' })).toBeNull();
  });

  it('defaults to localhost:3000 in development', () => {
    expect(configuredPortalUrl({ NODE_ENV: 'development' })).toBe('http://localhost:3000');
  });

  it('is the address of the development server npm run dev starts', () => {
    expect(developmentPortalUrl([], {})).toBe('http://localhost:3000');
    expect(developmentPortalUrl([], { PORT: '4000' })).toBe('http://localhost:4000');
    expect(developmentPortalUrl(['-p', '3005'], { PORT: '4000' })).toBe('http://localhost:3005');
    expect(developmentPortalUrl(['--port=3006', '-H', '127.0.0.1'], {})).toBe('http://127.0.0.1:3006');
    expect(developmentPortalUrl(['--hostname', '0.0.0.0', '--port', '3007'], {})).toBe('http://localhost:3007');
  });
});
