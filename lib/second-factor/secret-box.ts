import crypto from 'node:crypto';

// Server-side secrets at rest (TOTP secrets) are sealed with AES-256-GCM under a key derived from
// AUTH_SECRET with HKDF, so a copy of the table alone gives no working codes. The same derivation
// gives each other use of AUTH_SECRET its own key (the login ticket's HMAC).

function authSecret(): string {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error('AUTH_SECRET is not set: it is needed to protect the second-factor secrets.');
  return secret;
}

/** A 256-bit key for one purpose, derived from AUTH_SECRET (HKDF-SHA256). */
export function keyFromAuthSecret(purpose: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', authSecret(), Buffer.alloc(0), `compte-famille ${purpose}`, 32));
}

const VERSION = 'v1';
const sealingKey = () => keyFromAuthSecret('sealed secrets v1');

/** Encrypts `plaintext`; `context` (e.g. the owner's id) must be given again to open it, so a sealed value cannot be moved to another row. */
export function seal(plaintext: string, context: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', sealingKey(), iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
}

/** Decrypts a value made by `seal` with the same context; throws when it was altered, moved, or sealed under another AUTH_SECRET. */
export function open(sealed: string, context: string): string {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error('Not a sealed value.');
  const decipher = crypto.createDecipheriv('aes-256-gcm', sealingKey(), Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}
