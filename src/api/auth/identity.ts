/**
 * Who is calling, as established by a credential, before any role is considered. The domain never sees
 * this: it sees an Actor (user, acting role, unit, province), resolved from the user's dated roles.
 */
export interface Principal {
  /** users.id */
  userId: string;
  /** The session (refresh-token family) the access token belongs to; logout ends it. */
  sessionId?: string;
}

/**
 * Verifies a bearer token. The local verifier checks the access tokens this API issues; a provincial single
 * sign-on adds an OIDC verifier (the IdP's JWKS, issuer and audience, `iss|sub` mapped to
 * users.external_subject) to the list in AuthModule, and nothing past the guard changes.
 */
export interface AccessTokenVerifier {
  /** Undefined when the token is not of this verifier's kind (e.g. another issuer); throws when it is but is invalid. */
  verify(token: string): Promise<Principal | undefined>;
}

export const ACCESS_TOKEN_VERIFIERS = Symbol('ACCESS_TOKEN_VERIFIERS');
