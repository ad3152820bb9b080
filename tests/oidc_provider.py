"""A small OpenID Connect provider, built with Authlib, run as a process of its own on
loopback by the sign-in tests: `python tests/oidc_provider.py CONFIG.json` prints the
address it listens on, then serves until killed.

It is a real provider (discovery, JWKS, authorization code with PKCE, token, userinfo),
with two deliberate faults a client can be registered with, so that the platform's
refusals are tested against real tokens:
- "issuer": the ID token carries another `iss` than the discovery document;
- "expired": the ID token expired before it was issued to the client.

There is no login screen: the authorization endpoint signs in the person named by
`login_hint`, as a test needs.
"""

from __future__ import annotations

import json
import secrets
import sys
import time

from authlib.integrations.flask_oauth2 import AuthorizationServer, ResourceProtector
from authlib.oauth2.rfc6749 import grants
from authlib.oauth2.rfc6750 import BearerTokenValidator
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from flask import Flask, jsonify, request
from joserfc.jwk import RSAKey
from werkzeug.serving import make_server


class Client:
    def __init__(self, data: dict):
        self.client_id = data["client_id"]
        self.client_secret = data["client_secret"]
        self.redirect_prefix = data["redirect_prefix"]
        self.fault = data.get("fault", "")

    def get_client_id(self):
        return self.client_id

    def get_default_redirect_uri(self):
        return None

    def get_allowed_scope(self, scope):
        return " ".join(s for s in (scope or "").split() if s in {"openid", "profile", "email"})

    def check_redirect_uri(self, redirect_uri):
        return bool(redirect_uri) and redirect_uri.startswith(self.redirect_prefix)

    def check_client_secret(self, client_secret):
        return secrets.compare_digest(client_secret, self.client_secret)

    def check_endpoint_auth_method(self, method, endpoint):
        return method in {"client_secret_post", "client_secret_basic"}

    def check_response_type(self, response_type):
        return response_type == "code"

    def check_grant_type(self, grant_type):
        return grant_type == "authorization_code"


class AuthorizationCode:
    def __init__(self, **fields):
        self.__dict__.update(fields)

    def get_redirect_uri(self):
        return self.redirect_uri

    def get_scope(self):
        return self.scope

    def get_nonce(self):
        return self.nonce

    def get_auth_time(self):
        return self.auth_time

    def get_acr(self):
        return None

    def get_amr(self):
        return None

    def is_expired(self):
        return time.time() > self.auth_time + 300


class Token:
    def __init__(self, **fields):
        self.__dict__.update(fields)

    def check_client(self, client):
        return client.client_id == self.client_id

    def get_scope(self):
        return self.scope

    def get_expires_in(self):
        return 3600

    def is_expired(self):
        return time.time() > self.issued_at + 3600

    def is_revoked(self):
        return False


def create_app(config: dict, issuer: str) -> Flask:
    app = Flask(__name__)
    key = RSAKey.generate_key(2048, parameters={"kid": "test-key", "use": "sig"})
    clients = {c["client_id"]: Client(c) for c in config["clients"]}
    users = {u["email"]: u for u in config["users"]}
    codes: dict[str, AuthorizationCode] = {}
    tokens: dict[str, Token] = {}

    class CodeGrant(grants.AuthorizationCodeGrant):
        TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]

        def save_authorization_code(self, code, req):
            codes[code] = AuthorizationCode(
                code=code,
                client_id=req.client.client_id,
                redirect_uri=req.payload.redirect_uri,
                scope=req.payload.scope,
                user=req.user,
                nonce=req.payload.data.get("nonce"),
                auth_time=int(time.time()),
                code_challenge=req.payload.data.get("code_challenge"),
                code_challenge_method=req.payload.data.get("code_challenge_method"),
            )

        def query_authorization_code(self, code, client):
            found = codes.get(code)
            if found and found.client_id == client.client_id and not found.is_expired():
                return found
            return None

        def delete_authorization_code(self, authorization_code):
            codes.pop(authorization_code.code, None)

        def authenticate_user(self, authorization_code):
            return authorization_code.user

    class OpenID(OpenIDCode):
        def exists_nonce(self, nonce, req):
            return any(c.nonce == nonce for c in codes.values() if c.nonce)

        def resolve_client_private_key(self, client):
            return key

        def get_client_algorithm(self, client):
            return "RS256"

        def get_encode_header(self, client):
            return {"alg": "RS256", "kid": "test-key"}

        def get_client_claims(self, client):
            now = int(time.time())
            claims = {"iss": issuer, "aud": [client.client_id], "iat": now, "exp": now + 300}
            if client.fault == "issuer":
                claims["iss"] = "http://127.0.0.1:9/another-issuer"
            if client.fault == "expired":
                claims.update(iat=now - 7200, exp=now - 3600)
            return claims

        def generate_user_info(self, user, scope):
            return UserInfo(sub=user["sub"], name=user["name"], email=user["email"])

    def query_client(client_id):
        return clients.get(client_id)

    def save_token(token, req):
        tokens[token["access_token"]] = Token(
            client_id=req.client.client_id,
            user=req.user,
            scope=token.get("scope", ""),
            issued_at=int(time.time()),
        )

    server = AuthorizationServer(app, query_client=query_client, save_token=save_token)
    server.register_grant(CodeGrant, [OpenID(require_nonce=False), CodeChallenge(required=True)])

    class Validator(BearerTokenValidator):
        def authenticate_token(self, token_string):
            return tokens.get(token_string)

    protect = ResourceProtector()
    protect.register_token_validator(Validator())

    @app.get("/.well-known/openid-configuration")
    def discovery():
        return jsonify(
            issuer=issuer,
            authorization_endpoint=f"{issuer}/authorize",
            token_endpoint=f"{issuer}/token",
            userinfo_endpoint=f"{issuer}/userinfo",
            jwks_uri=f"{issuer}/jwks",
            response_types_supported=["code"],
            subject_types_supported=["public"],
            id_token_signing_alg_values_supported=["RS256"],
            token_endpoint_auth_methods_supported=["client_secret_post", "client_secret_basic"],
            code_challenge_methods_supported=["S256"],
            scopes_supported=["openid", "profile", "email"],
        )

    @app.get("/jwks")
    def jwks():
        return jsonify(keys=[key.as_dict(private=False)])

    @app.get("/authorize")
    def authorize():
        user = users.get((request.args.get("login_hint") or "").lower())
        return server.create_authorization_response(grant_user=user)

    @app.post("/token")
    def token():
        return server.create_token_response()

    @app.get("/userinfo")
    @protect("openid")
    def userinfo():
        from authlib.integrations.flask_oauth2 import current_token

        user = current_token.user
        return jsonify(sub=user["sub"], name=user["name"], email=user["email"])

    return app


def main() -> None:
    with open(sys.argv[1]) as handle:
        config = json.load(handle)
    server = make_server("127.0.0.1", 0, None)
    issuer = f"http://127.0.0.1:{server.server_port}"
    server.app = create_app(config, issuer)
    print(issuer, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
