#!/usr/bin/env python3
"""Writes the labelled corpus the precision/recall test reads.

    python3 scan/tests/corpus/generate.py

Every secret here is random, made by this script with a fixed seed, and
matches only the *shape* of a real credential. The benign half is written out
by hand below plus generated look-alikes (UUIDs, digests, integrity hashes).
Each line of secrets.tsv / benign.tsv is `context<TAB>value`, where context is
`plain`, `binding:NAME`, `call:PATH` or `fallback:VAR`.
"""

import base64
import hashlib
import os
import random
import string
import uuid

rng = random.Random(20261125)
ALNUM = string.ascii_letters + string.digits
UPPER_DIGITS = string.ascii_uppercase + string.digits
B64 = ALNUM + "+/"


def pick(alphabet, n):
    return "".join(rng.choice(alphabet) for _ in range(n))


def b64bytes(n, urlsafe=False):
    raw = bytes(rng.getrandbits(8) for _ in range(n))
    enc = base64.urlsafe_b64encode(raw) if urlsafe else base64.b64encode(raw)
    return enc.decode()


def jwt():
    header = base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').decode().rstrip("=")
    payload = base64.urlsafe_b64encode(
        ('{"sub":"%d","iat":%d}' % (rng.randrange(10**6), rng.randrange(10**9))).encode()
    ).decode().rstrip("=")
    return f"{header}.{payload}.{b64bytes(32, urlsafe=True).rstrip('=')}"


def secrets():
    out = []
    for _ in range(12):
        out.append(("plain", rng.choice(["AKIA", "ASIA"]) + pick(UPPER_DIGITS, 16)))
    for _ in range(8):
        out.append(("plain", pick(ALNUM, 20) + "/" + pick(ALNUM, 9) + "+" + pick(ALNUM, 9)))
    for prefix in ["ghp_", "gho_", "ghs_", "ghr_", "ghu_"]:
        for _ in range(3):
            out.append(("plain", prefix + pick(ALNUM, 36)))
    for _ in range(3):
        out.append(("plain", "github_pat_" + pick(ALNUM, 22) + "_" + pick(ALNUM, 59)))
    for kind in "bpoa":
        for _ in range(2):
            out.append(("plain", f"xox{kind}-{rng.randrange(10**11, 10**12)}-{rng.randrange(10**11, 10**12)}-{pick(ALNUM, 24)}"))
    for prefix in ["sk_live_", "rk_live_", "sk_test_"]:
        for _ in range(3):
            out.append(("plain", prefix + pick(ALNUM, 24)))
    for _ in range(6):
        out.append(("plain", "AIza" + pick(ALNUM + "-_", 35)))
    for _ in range(6):
        out.append(("plain", "sk-proj-" + pick(ALNUM + "-_", 48)))
    for _ in range(8):
        out.append(("plain", jwt()))
    for _ in range(3):
        body = "\\n".join(b64bytes(48) for _ in range(4))
        out.append(("plain", f"-----BEGIN PRIVATE KEY-----\\n{body}\\n-----END PRIVATE KEY-----"))
    for scheme in ["postgres", "mysql", "redis", "amqp", "mongodb+srv", "https"]:
        out.append(("plain", f"{scheme}://app:{pick(ALNUM, 14)}@db.internal:5432/app"))
    for n in [20, 24, 28, 32, 40, 48, 64]:
        for _ in range(4):
            out.append(("plain", b64bytes(n)))
    for _ in range(6):
        out.append(("plain", b64bytes(32, urlsafe=True).rstrip("=")))
    names = ["db_password", "DB_PASSWORD", "apiKey", "api_key", "client_secret", "signing_key",
             "jwt_secret", "GITHUB_TOKEN", "refresh_token", "smtp_pass", "privateKey", "passwd",
             "auth_token", "SECRET_KEY", "encryption_key", "stripeSecretKey"]
    weak = ["hunter22", "changeme", "P@ssw0rd!", "letmein123", "admin1234", "supersecret",
            "dev-secret-key", "correct-horse-battery", "s3cr3t", "qwerty123", "Summer2026!",
            "my-api-key-v2", "root", "password1", "t0ps3cret", "abc123xyz"]
    for name, value in zip(names, weak):
        out.append((f"binding:{name}", value))
    for name in names[:8]:
        out.append((f"binding:{name}", hashlib.sha256(name.encode()).hexdigest()))
    for callee in ["EncodingKey::from_secret", "DecodingKey::from_secret", "Hmac::new_from_slice",
                   "Key::from_slice", "jsonwebtoken::EncodingKey::from_secret"]:
        for value in ["secret", "dev", rng.choice(weak)]:
            out.append((f"call:{callee}", value))
    for var in ["JWT_SECRET", "API_KEY", "DATABASE_PASSWORD", "SESSION_SECRET", "GITHUB_TOKEN"]:
        out.append((f"fallback:{var}", rng.choice(weak)))
    out.append(("fallback:SIGNING_SALT", b64bytes(32)))
    # known misses, kept so the numbers stay honest: below the 20-character
    # floor a random token is indistinguishable from an identifier or an id
    for _ in range(4):
        out.append(("plain", pick(ALNUM, 16)))
    return out


def benign():
    out = []
    names = ["JWT_SECRET", "DATABASE_PASSWORD", "AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN", "API_KEY",
             "OAUTH2_CLIENT_SECRET", "SLACK_BOT_TOKEN", "STRIPE_SECRET_KEY", "SESSION_SECRET"]
    for name in names:
        out.append(("plain", name))
        out.append((f"binding:{name.lower()}_env", name))
        out.append((f"binding:{name.lower()}", name))
    for path in ["secret/data/jwt#secret", "secret/db#password", "kv/data/prod/api#key",
                 "/run/secrets/jwt_signing_key", "/var/run/secrets/kubernetes.io/serviceaccount/token",
                 "./keys/dev.pem", "~/.aws/credentials", "config/secrets.toml"]:
        out.append(("plain", path))
        out.append(("binding:secret_path", path))
    for _ in range(12):
        out.append(("plain", str(uuid.UUID(int=rng.getrandbits(128)))))
    for _ in range(12):
        out.append(("plain", hashlib.sha1(pick(ALNUM, 12).encode()).hexdigest()))
    for _ in range(10):
        out.append(("plain", hashlib.sha256(pick(ALNUM, 12).encode()).hexdigest()))
    for _ in range(8):
        out.append(("plain", "sha512-" + base64.b64encode(hashlib.sha512(pick(ALNUM, 8).encode()).digest()).decode()))
    for _ in range(4):
        out.append(("plain", "sha256:" + hashlib.sha256(pick(ALNUM, 8).encode()).hexdigest()))
    for arn in ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/app/jwt-AbCdEf",
                "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                "arn:aws:iam::123456789012:role/service-role/app"]:
        out.append(("plain", arn))
        out.append(("binding:secret_arn", arn))
    for ident in ["getUserAccountSettingsById2", "AbstractSingletonProxyFactoryBean",
                  "InternalServerErrorResponse", "com.example.service.UserRepository",
                  "application/x-www-form-urlencoded", "X-Amz-Security-Token", "handleOAuth2Callback",
                  "validateRefreshTokenExpiry", "PasswordResetRequestedEvent", "serde_json::Value",
                  "text/html; charset=utf-8", "Content-Security-Policy"]:
        out.append(("plain", ident))
    for msg in ["invalid password for user {}", "Enter your password:", "token expired, refreshing",
                "failed to load secret from vault: {}", "password must be at least 12 characters",
                "API key rotated successfully", "missing JWT_SECRET; see README", "Bearer {}",
                "the secret is read at start-up"]:
        out.append(("plain", msg))
        out.append(("binding:password_error", msg))
        out.append(("binding:token_message", msg))
    for ph in ["<your-secret>", "${JWT_SECRET}", "{{ api_token }}", "xxxxxxxxxxxxxxxx", "****************",
               "REDACTED", "your_api_key_here", "changeme-example", "<INSERT_TOKEN>", "$DATABASE_PASSWORD"]:
        out.append(("plain", ph))
        out.append(("binding:api_key", ph))
        out.append(("binding:password", ph))
        out.append(("call:EncodingKey::from_secret", ph))
    for url in ["https://example.com/oauth/token", "postgres://app@db.internal:5432/app",
                "postgres://app:${DB_PASSWORD}@db/app", "https://vault.internal:8200"]:
        out.append(("plain", url))
        out.append(("binding:token_url", url))
    for value in ["Bearer", "access_token", "HS256", "", "id", "application/json"]:
        out.append(("binding:token_type", value))
        out.append(("binding:password_field", value))
    for var, value in [("PORT", "8080"), ("RUST_LOG", "info"), ("HOST", "127.0.0.1"),
                       ("DATABASE_URL", "postgres://localhost/dev"), ("LOG_FORMAT", "json")]:
        out.append((f"fallback:{var}", value))
    # known false alarm, kept for honesty: base64 data that is not a key
    out.append(("plain", base64.b64encode(bytes(rng.getrandbits(8) for _ in range(48))).decode()))
    for word in ["hello, world", "secretguard", "2026-11-25T17:11:54Z", "0.1.0", "en-US",
                 "user@example.com", "192.168.0.1", "GET", "/api/v1/users/{id}", "utf-8"]:
        out.append(("plain", word))
    return out


def write(name, rows):
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, name), "w") as f:
        for context, value in rows:
            assert "\t" not in value and "\n" not in value, value
            f.write(f"{context}\t{value}\n")


write("secrets.tsv", secrets())
write("benign.tsv", benign())
