// Access tokens for the benchmark's bulk users, minted with the local stack's own signing key
// (.data/keys/jwt-private.pem, written by ./run). They carry exactly what auth-service puts in the tokens
// it issues (AccessTokens.java): RS256 with kid = RFC 7638 thumbprint, iss, aud, sub, upn, groups, jti,
// sid, iat, exp, 15 minutes. Only for the local stack: bulk users never sign up, so bcrypt does not run
// for them (see bench/README.md).
import { createHash, createPrivateKey, createPublicKey, randomUUID, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { repoRoot } from './paths.mjs';

const ISSUER = 'https://therapyms.local/auth';
const AUDIENCE = 'therapyms';
const LIFETIME_SECONDS = 15 * 60;
/** A cached token is replaced this long before it expires. */
const RENEW_MARGIN_SECONDS = 60;

const base64url = (data) => Buffer.from(data).toString('base64url');

export class TokenMinter {
    constructor(privateKeyFile = join(repoRoot, '.data', 'keys', 'jwt-private.pem')) {
        this.key = createPrivateKey(readFileSync(privateKeyFile));
        const jwk = createPublicKey(this.key).export({ format: 'jwk' });
        const canonical = `{"e":"${jwk.e}","kty":"RSA","n":"${jwk.n}"}`;
        this.keyId = createHash('sha256').update(canonical).digest('base64url');
        this.cache = new Map();
    }

    /** A fresh token for {@code userId} in {@code role} ('client' | 'therapist' | 'admin'). */
    mint(userId, role, email = `${userId}@bench.example.com`) {
        const now = Math.floor(Date.now() / 1000);
        const header = { alg: 'RS256', typ: 'JWT', kid: this.keyId };
        const claims = {
            iss: ISSUER, aud: AUDIENCE, sub: userId, upn: email, groups: [role],
            jti: randomUUID(), sid: randomUUID(), iat: now, exp: now + LIFETIME_SECONDS,
        };
        const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
        const signature = sign('sha256', Buffer.from(signingInput), this.key).toString('base64url');
        return { token: `${signingInput}.${signature}`, exp: claims.exp };
    }

    /** A token for {@code userId}, reused until shortly before it expires (long loads outlive one token). */
    tokenFor(userId, role) {
        const cached = this.cache.get(userId);
        if (cached && cached.exp - Date.now() / 1000 > RENEW_MARGIN_SECONDS) {
            return cached.token;
        }
        const fresh = this.mint(userId, role);
        this.cache.set(userId, fresh);
        return fresh.token;
    }
}
