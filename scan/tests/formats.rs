//! The credential formats real code carries beyond issuer prefixes: Slack
//! webhooks, connection strings, `Authorization` header values, hex keys
//! and TOTP seeds, the issuers added from ripsecrets' test set (age,
//! SendGrid, Mailchimp, Square, JWE) — and the placeholders that look like
//! them. Every value here is made up.

use secretguard_scan::{Context, Rule, check_reference, scan_known_format, scan_literal};

fn plain(s: &str) -> Option<Rule> {
    scan_literal(s, &Context::Plain).map(|f| f.rule)
}

fn bound(name: &str, s: &str) -> Option<Rule> {
    scan_literal(s, &Context::Binding(name)).map(|f| f.rule)
}

#[test]
fn slack_webhooks_are_found() {
    for url in [
        "https://hooks.slack.com/services/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",
        "https://hooks.slack.com/workflows/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",
        "https://hooks.slack.com/triggers/T024BE7LD/5678901234567/9f2c4e6a8b1d3f5a7c9e2b4d6f8a1c3e",
        "SLACK_URL=https://hooks.slack.com/services/T0ABCDEF12/B0GHIJKL34/Zx9Wv8Ut7Sr6Qp5On4Ml3Kj2",
    ] {
        assert_eq!(plain(url), Some(Rule::SlackWebhook), "{url}");
    }
    for not in [
        "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
        "https://hooks.slack.com/services/",
        "https://api.slack.com/messaging/webhooks",
        "https://hooks.slack.com/services/{team}/{bot}/{token}",
    ] {
        assert_eq!(plain(not), None, "{not}");
    }
}

#[test]
fn discord_webhooks_are_found() {
    for url in [
        "https://discord.com/api/webhooks/1391571332503830539/q8Zk3vPbW9mN2xRt5yLc7HdJ4fG6hK8mP0rT2wY5zB7cE9gJ1lN3qS5uW7yA0cE2gH4kL6",
        "https://discordapp.com/api/webhooks/112566029852348436/Zx9Wv8Ut7Sr6Qp5On4Ml3Kj2Ih1Gf0Ed-Cb_Aa9Zz8Yy7Xx6Ww5Vv4Uu3Tt2Ss1Rr0Qq",
        "DISCORD_URL=https://ptb.discord.com/api/webhooks/1470471750482530360/q8Zk3vPbW9mN2xRt5yLc7HdJ4fG6hK8mP0rT2wY5zB7cE9gJ1lN3qS5uW7yA0cE2gH4kL6",
    ] {
        assert_eq!(plain(url), Some(Rule::DiscordWebhook), "{url}");
    }
    for not in [
        "https://discord.com/api/webhooks/1/ok",
        "https://discord.com/api/webhooks/{id}/{token}",
        "https://discord.com/api/webhooks/123456789012345678/XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
        "https://discord.com/developers/docs/resources/webhook",
    ] {
        assert_eq!(plain(not), None, "{not}");
    }
}

#[test]
fn connection_strings_with_a_password_are_found_in_every_scheme() {
    for url in [
        "postgres://app:Xk2pQ9vLm4@db.internal:5432/app",
        "postgresql://app:Xk2pQ9vLm4@db.internal/app?sslmode=require",
        "mysql://root:Xk2pQ9vLm4@127.0.0.1:3306/shop",
        "mariadb://shop:Xk2pQ9vLm4@maria/shop",
        "redis://default:Xk2pQ9vLm4@cache:6379/0",
        "rediss://:Xk2pQ9vLm4@cache.internal:6380",
        "redis://:Xk2pQ9vLm4@localhost",
        "mongodb://admin:Xk2pQ9vLm4@mongo1,mongo2/app?replicaSet=rs0",
        "mongodb+srv://app:Xk2pQ9vLm4@cluster0.ab1cd.mongodb.net/app",
        "amqp://worker:Xk2pQ9vLm4@rabbit:5672/%2f",
        "amqps://worker:Xk2pQ9vLm4@rabbit.internal/vhost",
        "postgresql://db.internal/app?user=app&password=Xk2pQ9vLm4",
        "jdbc:mysql://db:3306/app?user=app&password=Xk2pQ9vLm4",
        "jdbc:sqlserver://db:1433;databaseName=app;user=sa;password=Xk2pQ9vLm4",
    ] {
        assert_eq!(plain(url), Some(Rule::UrlPassword), "{url}");
    }
    for ado in [
        "Server=tcp:db.internal,1433;Database=app;User Id=sa;Password=Xk2pQ9vLm4;",
        "Data Source=db;Initial Catalog=app;User ID=app;Password=Xk2pQ9vLm4",
        "Driver={PostgreSQL};Server=db;Port=5432;Uid=app;Pwd=Xk2pQ9vLm4;",
        "Host=db;Username=app;Password=Xk2pQ9vLm4;Database=app",
        // Azure Service Bus / Event Hubs / IoT Hub and Storage keys
        "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=q8Zk3vPbW9mN2xRt5yLc7HdJ4fG6hK8mP0rT2wY5zB7=",
        "HostName=hub.azure-devices.net;DeviceId=d1;SharedAccessKey=q8Zk3vPbW9mN2xRt5yLc7HdJ4fG6hK8mP0rT2wY5zB7=",
        "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=q8Zk3vPbW9mN2xRt5yLc7HdJ4fG6hK8mP0rT2wY5zB7=;EndpointSuffix=core.windows.net",
        // libpq keyword/value strings (tokio-postgres, postgres, sqlx)
        "host=localhost user=postgres password=Xk2pQ9vLm4 dbname=app",
        "host=db.internal port=5432 dbname=app user=app password='Xk2pQ9vLm4' sslmode=require",
        "dbname=app password=Xk2pQ9vLm4",
    ] {
        assert_eq!(plain(ado), Some(Rule::ConnectionStringPassword), "{ado}");
    }
}

#[test]
fn an_api_key_in_a_urls_query_is_found() {
    for s in [
        "https://api.openweathermap.org/data/2.5/weather?q=corvallis&appid=b98e3f089c86867862f28236d174368a&units=imperial",
        "https://api.example.io/v1/items?api_key=k3y8f2b6c1e9d4a7b0",
        "https://graph.example.io/me?fields=id&access_token=EAAGm0PX4ZCpsBA1b2c3d4e5f6",
        "see https://x.io/feed?apiKey=Zq3C8xN1vT6bW0pL4mK9 for the feed",
        // apilayer's (exchangerate.host, ipstack; set 31)
        "http://api.exchangerate.host/live?access_key=3f9c1a7e5b2d8046c9e1f3a5b7d90c2e",
        // a ThingsBoard device's token in its API's path (set 37; made up)
        "https://eu.thingsboard.cloud/api/v1/q7Rk2LmX9pTz4vWb8Nc3/telemetry",
        "http://192.168.1.20:8080/api/v1/A1b2C3d4E5f6G7h8J9k0/attributes?sharedKeys=fw",
    ] {
        assert_eq!(plain(s), Some(Rule::UrlApiKey), "{s}");
    }
    // a device path whose token is a placeholder or a template, or another API's path
    for s in [
        "https://eu.thingsboard.cloud/api/v1/YOUR_ACCESS_TOKEN_HERE/telemetry",
        "https://eu.thingsboard.cloud/api/v1/{token}/telemetry",
        "https://api.example.io/api/v1/q7Rk2LmX9pTz4vWb8Nc3/users",
        "https://api.example.io/api/v1/3f9c1a7e-5b2d-8046-c9e1-f3a5b7d90c2e/attributes",
    ] {
        assert_eq!(plain(s), None, "{s}");
    }
    // a placeholder, a template, a word, a short or non-key parameter
    for s in [
        "https://api.example.io/v1/items?api_key=YOUR_API_KEY_HERE_1",
        "https://api.example.io/v1/items?api_key={api_key}",
        "https://api.example.io/v1/items?api_key=${API_KEY}",
        "https://api.example.io/v1/items?token=abc123",
        "https://api.example.io/v1/items?key=development-environment",
        "https://api.example.io/v1/items?page=2&session_id=a1b2c3d4e5f6a7b8c9d0",
        "https://api.example.io/v1/items?api_key=xxxxxxxxxxxxxxxxxxxx",
    ] {
        assert_eq!(plain(s), None, "{s}");
    }
}

#[test]
fn a_json_web_keys_private_member_is_a_private_key() {
    // set 14's `test-utils` crate: a mock signing key as a JWK (made up here)
    for s in [
        "{\n  \"kty\": \"OKP\",\n  \"crv\": \"Ed25519\",\n  \"d\": \"q8Zt3Lm0XvB7nR2yK5wP9jF4hD6sA1cE8uG0iT3oVbN\",\n  \"x\": \"m3Kx7LQ2vR9bN4tZ8pW1yH6cF0jD5sA2gE7uT3oVbQk\"\n}",
        r#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","d":"jpsQnnGQmL-YBIffH1136cLV2rF3eXAFsCE2dV8Dux8"}"#,
    ] {
        assert_eq!(plain(s), Some(Rule::JwkPrivateKey), "{s}");
    }
    // the public half, a placeholder, a `d` that is no key
    for s in [
        r#"{"kty":"OKP","crv":"Ed25519","x":"m3Kx7LQ2vR9bN4tZ8pW1yH6cF0jD5sA2gE7uT3oVbQk"}"#,
        r#"{"kty":"EC","d":"<your-private-key-here-please>"}"#,
        r#"{"kty":"RSA","d":"short"}"#,
        r#"{"d":"jpsQnnGQmL-YBIffH1136cLV2rF3eXAFsCE2dV8Dux8"}"#,
    ] {
        assert_ne!(plain(s), Some(Rule::JwkPrivateKey), "{s}");
    }
}

#[test]
fn a_password_in_an_xml_element_or_a_sql_insert_is_found() {
    // an FTP client's default configuration (set 18), a seed query (set 18)
    for s in [
        "<Server>\n  <Host>127.0.0.1</Host>\n  <User>ftp</User>\n  <Pass>am01MjAxMzE0</Pass>\n</Server>",
        "<config><AdminPassword>Adm-2026-pw</AdminPassword></config>",
        "INSERT INTO users (username, password) VALUES ('test_username2', 'test_password2')",
        "insert into `app_user` (`email`, `passwd`, `role`) values ('a@b.c', 'Tr0ub4dor&3', 'admin')",
        "INSERT INTO users (name, password) VALUES ('a', 'x'), ('root', 'R00t-pw-2026')",
        "INSERT INTO t (id, pass) VALUES (1, 'it''s-s3cret')",
        // hashed by the database, from the password written here
        "INSERT INTO users (email, password) VALUES ('a@b.c', crypt('Tr0ub4dor&3', gen_salt('bf')))",
    ] {
        assert_eq!(plain(s), Some(Rule::DocumentPassword), "{s}");
    }
    // a hash stored, a statement's parameters, a placeholder, another column
    for s in [
        "<Password>${FTP_PASSWORD}</Password>",
        "<Password></Password><PasswordHint>the dog</PasswordHint>",
        "<password><![CDATA[x]]></password>",
        "INSERT INTO users (email, password) VALUES ($1, $2)",
        "INSERT INTO users (email, password) VALUES (?, ?)",
        "INSERT INTO users (email, password) VALUES ('a@b.c', '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW')",
        "INSERT INTO users (email, password_hash) VALUES ('a@b.c', 'Tr0ub4dor&3')",
        "INSERT INTO users (email, password) VALUES ('a@b.c', '<password>')",
        "SELECT * FROM users WHERE password = 'x' AND id IN (SELECT id FROM t) -- values",
    ] {
        assert_eq!(plain(s), None, "{s}");
    }
}

#[test]
fn a_nats_nkey_seed_is_found_and_its_public_key_is_not() {
    assert_eq!(
        plain("SUUJZDEGXDNCF32EPF3DHODZDOCIS2JHTLGMXGEDN73U55XTPLPFT7V4SE"),
        Some(Rule::NatsNkeySeed)
    );
    // the public nkey, a seed cut short, a seed in lower case
    for s in [
        "UAH2KVJ72CEUVW75EFR6EDT4SYWB5WKH7DNSIPZZ7FK4ZRI3R2WYOJFL",
        "SUUJZDEGXDNCF32EPF3DHODZDOCIS2JHTLGMXGEDN73U55XTPL",
        "suujzdegxdncf32epf3dhodzdocis2jhtlgmxgedn73u55xtplpft7v4se",
    ] {
        assert_ne!(plain(s), Some(Rule::NatsNkeySeed), "{s}");
    }
}

#[test]
fn an_unsecured_jwt_is_no_credential() {
    // {"typ":"JWT","alg":"none"} . {"sub":"1234567890","name":"John Doe",…} . (nothing)
    let none = "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTY1Njc5MjY1MSwiZXhwIjoxNjU2Nzk2MjUxfQ.";
    assert_eq!(plain(none), None);
    assert_eq!(bound("token", none), None);
    assert_eq!(bound("jwt_secret", none), None);
    // signed, it is one
    let signed = format!("{none}c2lnbmF0dXJlc2lnbmF0dXJl");
    assert_eq!(plain(&signed), Some(Rule::Jwt));
}

#[test]
fn a_login_form_body_with_a_password_is_found() {
    for s in [
        "username=dude&password=sikrit",
        "grant_type=password&username=admin&password=Adm1n-2026",
        "/login?user=ops&pass=0ps-relay-77",
        "email=a@b.io&pwd=hunter22",
    ] {
        assert_eq!(plain(s), Some(Rule::FormPassword), "{s}");
    }
    // no user, a format string's or a placeholder's value, prose, a URL's
    // query (`url-password`)
    for s in [
        "password=sikrit&remember=1",
        "username={}&password={}",
        "username=admin&password=${ADMIN_PASSWORD}",
        "username=admin&password=<password>",
        "send username=admin&password=hunter22 in the body",
        "grant_type=client_credentials&scope=read",
    ] {
        assert_eq!(plain(s), None, "{s}");
    }
    assert_eq!(
        plain("https://api.example.io/login?username=ops&password=0ps-relay-77"),
        Some(Rule::UrlPassword)
    );
}

#[test]
fn connection_string_placeholders_stay_unflagged() {
    for s in [
        "postgres://app:${DB_PASSWORD}@db/app",
        "postgres://app:<password>@db/app",
        "amqp://app:***@rabbit/",
        // a URL masked for display (lldap's `Debug` of its database URL)
        "postgres://user:***PASSWORD***@localhost:5432/dbname",
        "postgres://{}:{}@{}/{}",
        "postgres://app:{password}@db/app",
        "http://user@example.com/path",
        "postgresql://db/app?user=app&password=${DB_PASSWORD}",
        "jdbc:mysql://db/app?password={}",
        "Server=db;User Id=sa;Password=<password>;",
        "Server=db;User Id=sa;Password={0};",
        "Server=db;Database=app;Trusted_Connection=True;",
        "host=localhost user=postgres dbname=app",
        "host=localhost user=postgres password={} dbname=app",
        "host=localhost user=app password=$PGPASSWORD",
        "password=Xk2pQ9vLm4 is not a connection string without a server",
        "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=<key>",
        "key=value;other=thing",
        "postgres://USERNAME:PASSWORD@host/db",
        // a stand-in for a documentation host: an example
        "http://public:secret@example.com/1",
        "https://user:pass@proxy.example.org:8080",
        // a stand-in for a template's host: a format described
        "protocol://username:password@host:port/database",
        "postgres://user:password@hostname/db",
        // each half the name of its field: the template, whatever the host
        "postgres://user:password@localhost/db",
        "postgres://username:password@localhost:3307/database_name",
        "postgres://user:pass@localhost/db",
        "Basic dXNlcjpwYXNzd29yZA==",
    ] {
        assert_eq!(plain(s), None, "{s}");
    }
}

/// A stand-in password ships in the binary like any other, so it is
/// found, but marked: `check` leaves it out of test code, where such URLs
/// exercise parsers.
#[test]
fn stand_in_credentials_are_found_and_marked() {
    let marked = |s: &str| scan_literal(s, &Context::Plain).map(|f| (f.rule, f.stand_in));
    for (s, rule) in [
        ("postgres://root:password@localhost/db", Rule::UrlPassword),
        ("mysql://app:pass@db/app", Rule::UrlPassword),
        ("redis://:pass@localhost:6379", Rule::UrlPassword),
        ("mongodb://user:p@ssw0rd@localhost/test", Rule::UrlPassword),
        ("amqp://guest:guest@localhost:5672", Rule::UrlPassword),
        ("postgres://app:app@localhost:5432/app", Rule::UrlPassword),
        ("postgres://admin:password@[::1]/db", Rule::UrlPassword),
        (
            "mongodb+srv://root:root@cluster0.ab1cd.mongodb.net/app",
            Rule::UrlPassword,
        ),
        (
            "postgresql://db/app?user=app&password=secret",
            Rule::UrlPassword,
        ),
        (
            "Host=db;Username=postgres;Password=postgres",
            Rule::ConnectionStringPassword,
        ),
        (
            "host=localhost user=postgres password=postgres",
            Rule::ConnectionStringPassword,
        ),
        // base64 of `admin:password`
        ("Basic YWRtaW46cGFzc3dvcmQ=", Rule::AuthorizationHeader),
    ] {
        assert_eq!(marked(s), Some((rule, true)), "{s}");
    }
    // a real password beside a stand-in: the finding is real
    assert_eq!(
        marked("postgres://app:Xk2pQ9vLm4@db/app?password=password"),
        Some((Rule::UrlPassword, false))
    );
}

#[test]
fn authorization_headers_with_credentials_are_found() {
    // base64 of `deploy:Tq7vXw2pLm`
    assert_eq!(
        plain("Basic ZGVwbG95OlRxN3ZYdzJwTG0="),
        Some(Rule::AuthorizationHeader)
    );
    assert_eq!(
        plain("Authorization: Basic ZGVwbG95OlRxN3ZYdzJwTG0="),
        Some(Rule::AuthorizationHeader)
    );
    assert_eq!(
        plain("Bearer q83vEjRWeJCrze8SNFZ4kKvN7xI0"),
        Some(Rule::AuthorizationHeader)
    );
    assert_eq!(
        plain("bearer 7f3a9c2e-41b8-4d6a-9e0f-2c5b8a1d3e7f.s1gn"),
        Some(Rule::AuthorizationHeader)
    );
}

#[test]
fn authorization_header_placeholders_stay_unflagged() {
    for s in [
        "Bearer {}",
        "Bearer {token}",
        "Bearer $TOKEN",
        "Bearer ${API_TOKEN}",
        "Bearer <token>",
        "Bearer <your-token-here>",
        "Bearer ",
        "Bearer token required",
        "Bearer invalidAccessToken",
        // base64 of `admin:` (no password)
        "Basic YWRtaW46",
        // no colon inside: not a user and password
        "Basic dGhpcyBpcyBub3QgY3JlZHM=",
        "Basic realm=\"api\"",
        "Basic {}",
        "the Basic and Bearer schemes",
    ] {
        assert_eq!(plain(s), None, "{s}");
    }
}

#[test]
fn hex_keys_are_found_in_a_key_context_only() {
    let hex32 = "4f2a9c81d37be6055a1c9e7f20b8d4c3";
    let hex64 = "4f2a9c81d37be6055a1c9e7f20b8d4c3a6e1f09b7d2c48e5f3a1b6c9d0e2f471";
    for name in [
        "hmac_key",
        "HMAC_KEY",
        "aes_key",
        "key",
        "KEY_HEX",
        "secret_hex",
        "encryption_key_bytes",
        "psk",
    ] {
        assert_eq!(bound(name, hex32), Some(Rule::SecretBinding), "{name}");
        assert_eq!(bound(name, hex64), Some(Rule::SecretBinding), "{name}");
    }
    for name in [
        "sha256_digest",
        "expected_hash",
        "commit_id",
        "cache_key",
        "checksum",
        "key_fingerprint",
        "public_key",
    ] {
        assert_eq!(bound(name, hex64), None, "{name}");
    }
    // with no context, hex is a digest
    assert_eq!(plain(hex64), None);
    // too short for a key
    assert_eq!(bound("aes_key_id", "4f2a9c81"), None);
}

#[test]
fn totp_seeds_are_found_in_an_otp_context_and_in_otpauth_uris() {
    for name in [
        "totp_secret",
        "otp_seed",
        "mfa_secret",
        "TOTP_KEY",
        "two_factor_secret",
        "authenticatorKey",
    ] {
        for seed in [
            "JBSWY3DPEHPK3PXP",
            "K5QW4ZLSMFXGIZLMNRSXI3DPOVZQ",
            "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
            "jbsw y3dp ehpk 3pxp",
        ] {
            assert_eq!(bound(name, seed), Some(Rule::TotpSeed), "{name} {seed}");
        }
    }
    assert_eq!(
        plain("otpauth://totp/ACME:alice@example.com?secret=K5QW4ZLSMFXGIZLM&issuer=ACME"),
        Some(Rule::TotpSeed)
    );
    assert_eq!(
        plain("otpauth://hotp/Example?counter=0&secret=GEZDGNBVGY3TQOJQ"),
        Some(Rule::TotpSeed)
    );
    // placeholders, codes and names are no seeds
    assert_eq!(bound("totp_secret", "AAAAAAAAAAAAAAAA"), None);
    assert_eq!(bound("totp_code", "JBSWY3DPEHPK3PXP"), None);
    assert_eq!(bound("otp_digits", "6"), None);
    assert_eq!(bound("mfa_secret_env", "MFA_SECRET"), None);
    assert_eq!(
        plain("otpauth://totp/ACME:alice?secret={}&issuer=ACME"),
        None
    );
    assert_eq!(plain("otpauth://totp/ACME:alice?secret=<SECRET>"), None);
}

#[test]
fn new_formats_keep_names_accepted() {
    for name in [
        "SLACK_WEBHOOK_URL",
        "DATABASE_URL",
        "REDIS_URL",
        "MONGODB_URI",
        "AMQP_PASSWORD",
        "AUTHORIZATION_HEADER",
        "BEARER_TOKEN",
        "BASIC_AUTH_PASSWORD",
        "TOTP_SECRET",
        "OTP_SEED",
        "MFA_SECRET",
        "HMAC_KEY_HEX",
    ] {
        assert_eq!(check_reference(name), None, "{name}");
    }
    // a secret where a name belongs
    assert_eq!(
        check_reference(
            "https://hooks.slack.com/services/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"
        )
        .map(|f| f.rule),
        Some(Rule::SlackWebhook)
    );
}

#[test]
fn reasons_never_contain_the_value() {
    for (value, context) in [
        ("JBSWY3DPEHPK3PXP", Context::Binding("totp_secret")),
        (
            "4f2a9c81d37be6055a1c9e7f20b8d4c3",
            Context::Binding("hmac_key"),
        ),
        ("Basic ZGVwbG95OlRxN3ZYdzJwTG0=", Context::Plain),
        ("Server=db;User Id=sa;Password=Xk2pQ9vLm4;", Context::Plain),
    ] {
        let finding = scan_literal(value, &context).expect(value);
        assert!(!finding.reason.contains(value), "{}", finding.reason);
        assert!(!finding.reason.contains("Xk2pQ9vLm4"), "{}", finding.reason);
    }
}

#[test]
fn more_issuers_are_found_by_shape() {
    for (value, rule) in [
        (
            "AGE-SECRET-KEY-15FERYXHRDZ9M6Y09MR8WRERWZGJ6F8NTXVHXYRDLM5AAHN0T09NL4UJY86",
            Rule::AgeSecretKey,
        ),
        (
            "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",
            Rule::SendGridKey,
        ),
        ("9f2c4e6a8b1d3f5a7c9e2b4d6f8a1c3e-us21", Rule::MailchimpKey),
        (
            "nsec15feryxhrdz9m6y09mr8wrerwzgj6f8ntxvhxyrdlm5aahn0t09nl4ujy86",
            Rule::NostrSecretKey,
        ),
        // BIP-32 extended private keys, alone and in a wallet's descriptor
        // (made up for this test)
        (
            "xprv9s21ZrQH143KkzaU66VP7UrS4vDZGS17WzDB2bRPCNPhDV35b9sripDim74DT8uAeW3w8Yna9eKkpwXXo5inPs8utfH82CZPh5N7BhmfUmJ",
            Rule::ExtendedPrivateKey,
        ),
        (
            "tr(tprv8ZgxMBicQKsP9G2gVCm8piyPsy6FJ4MfCckoUny4dy2eHLTDCw8eaord4mMgNHCSLzrxiZAJuJjmCU4Nbz3THZKayTSjCLdQSe2LdfcbaUq/86'/1'/0'/0/*)#g9xn7wf9",
            Rule::ExtendedPrivateKey,
        ),
        (
            "7301952846:AAHk3vPbW9mN2xRt5yLc7HdJ4fG6hK8mP0r",
            Rule::TelegramBotToken,
        ),
        (
            "https://api.telegram.org/bot7301952846:AAHk3vPbW9mN2xRt5yLc7HdJ4fG6hK8mP0r/getMe",
            Rule::TelegramBotToken,
        ),
        (
            "OTEyMzQ1Njc4OTAxMjM0NTY3.X49EFw.cDPeKhg_FPtSvMoIJxfjb-vyJc_",
            Rule::DiscordBotToken,
        ),
        (
            "https://mainnet.infura.io/v3/9b9fa0c508a608bbe778f779b84f02f4",
            Rule::RpcProviderKey,
        ),
        (
            "wss://sepolia.infura.io/ws/v3/9b9fa0c508a608bbe778f779b84f02f4",
            Rule::RpcProviderKey,
        ),
        // an Infura key of letters and digits, not hex (set 31's bot)
        (
            "wss://mainnet.infura.io/ws/v3/7Rk2mQ9xWv4LpZ8nT3bY6cHs1Jd",
            Rule::RpcProviderKey,
        ),
        // a QuickNode endpoint's token (set 24's Solana bot)
        (
            "wss://white-ancient-tent.quiknode.pro/646e61ddd4c8bd459e3f0a2d69b84c3c14010269",
            Rule::RpcProviderKey,
        ),
        (
            "https://eth-mainnet.g.alchemy.com/v2/eVaeVlN3xJOf67QJAsviVY_hPh8oXeaf",
            Rule::RpcProviderKey,
        ),
        // a Riot Games developer key (set 27's tournament servers)
        (
            "RGAPI-8672e76e-3953-6956-a4a5-34b53468d608",
            Rule::RiotApiKey,
        ),
        // a Twitch chat bot's IRC password (set 38; made up)
        (
            "oauth:q7rk2lmx9ptz4vwb8nc3d5fh6jg0sa",
            Rule::TwitchChatToken,
        ),
        // Advent of Code sessions, bare and in a cookie header (set 27's
        // puzzle-input downloaders)
        (
            "53616c7465645f5f57ea1fbc9896dd549ac562452ac8c77cf59a0c9c7bb7a11d8e66fd42fd9cd82d89d1a667cb223e8b",
            Rule::AdventOfCodeSession,
        ),
        (
            "session=53616c7465645f5f8a008e94b086e3df0f08cd71c9610fcd4aead162311eb0f6b4fe819371359b6f7c3af85294dff491403e36df0d16350dc26a14c026a017cb; Domain=adventofcode.com",
            Rule::AdventOfCodeSession,
        ),
        (
            "EAAAl3Kx9vP2qW8mN4rT6yB1cE5gJ7kL0oS3uX9zA2dF4hM6pR8tV1wY3bC5",
            Rule::SquareToken,
        ),
        ("sq0atp-Q2w8mN4rT6yB1cE5gJ7kL0", Rule::SquareToken),
        (
            "sq0csp-Xk2pQ9vLm4Rt7Wz1Bn5Cd8Fg3Hj6Kl0Mp2Qs5Tv8Wy1Az4Cb",
            Rule::SquareToken,
        ),
        // a JWE: header, encrypted key, IV, ciphertext, tag
        (
            "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.OKOawDo13gRp2ojaHV7LFpZcgV7T6DVZKTyKOMTYUmKoTCVJRgckCL9kiMT03JGeipsEdY3mx_etLbbWSrFr05kLzcSr4qKAq7YN7e9jwQRb23nfa6c9d-StnImGyFDbSv04uVuxIp5Zms1gNxKKK2Da14B8S4rzVRltdYwam_lDp5XnZAYpQdb76FdIKLaVmqgfwX7XWRxv2322i-vDxRfqNzo_tETKzpVLzfiwQyeyPGLBIO56YJ7eObdv0je81860ppamavo35UgoRdbYaBcoh9QcfylQr66oc6vFWXRcZ_ZT2LawVCWTIy3brGPi6UklfCpIMfIjf7iGdXKHzg.48V1_ALb6US04U3b.5eym8TW_c8SuK0ltJ3rpYIzOeDQz7TALvtu6UG9oMo4vpzs9tX_EFShS8iB7j6jiSdiwkIr3ajwQzaBtQD_A.XFBoMYUZodetZdvTiFvSkQ",
            Rule::Jwt,
        ),
    ] {
        assert_eq!(plain(value), Some(rule), "{value}");
    }
    for not in [
        // an application id is public; lengths and alphabets that are not theirs
        "sq0idp-Q2w8mN4rT6yB1cE5gJ7kL0",
        "AGE-SECRET-KEY-1",
        "AGE-SECRET-KEY-1BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB",
        "SG.short.key",
        "9f2c4e6a8b1d3f5a7c9e2b4d6f8a1c3e-us",
        "9f2c4e6a8b1d3f5a7c9e2b4d6f8a1c3e-usa",
        "EAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        // a Telegram token's shape with a stub secret, a short one, a time of day
        "123456789:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "123456789:AAHk3vPbW9mN2xRt5yLc7HdJ4",
        "12:AAHk3vPbW9mN2xRt5yLc7HdJ4fG6hK8mP0r",
        // an extended public key; a private one cut short, or with a 0
        "tpubD6NzVbkrYhZ4XgiXtGrdW5XDAPFCL9h7we1vwNCpn8tGbBcgfVYjXyM7bBs3UBMqGu6QkPbVTXhxzhjhrdr4MSxTjmwjFfpNpFtJJXqMd4G",
        "tprv8ZgxMBicQKsP9G2gVCm8piyPsy6FJ4MfCckoUny4dy2eHLTDCw8eaord4mMgNHCSLzrxiZAJuJjmCU4Nbz3THZKayTSjCLdQSe2LdfcbaU",
        "tprv8ZgxMBicQKsP9G2gVCm8piyPsy6FJ4MfCckoUny4dy2eHL0DCw8eaord4mMgNHCSLzrxiZAJuJjmCU4Nbz3THZKayTSjCLdQSe2LdfcbaUq",
        // a Nostr public key; an nsec of the wrong length
        "npub15feryxhrdz9m6y09mr8wrerwzgj6f8ntxvhxyrdlm5aahn0t09nl4ujy86",
        "nsec15feryxhrdz9m6y09mr8wrerwzgj6f8ntxvhxyrdlm5aahn0t09nl4uj",
        // an age public recipient
        "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p",
        // three dotted parts whose first is no id in base64; a stub HMAC
        "aGVsbG8td29ybGQtYWJjZGVmZ2g.X49EFw.cDPeKhg_FPtSvMoIJxfjb-vyJc_",
        "OTEyMzQ1Njc4OTAxMjM0NTY3.X49EFw.AAAAAAAAAAAAAAAAAAAAAAAAAAA",
        // an RPC URL with a placeholder, a variable, a stub or the wrong length
        "https://mainnet.infura.io/v3/YOUR_PROJECT_ID",
        "https://mainnet.infura.io/v3/${INFURA_KEY}",
        "https://mainnet.infura.io/v3/00000000000000000000000000000000",
        "https://mainnet.infura.io/v3/9b9fa0c508a608bbe778f779b84f02f",
        "https://mainnet.infura.io/v3/YourInfuraProjectId",
        "https://eth-mainnet.g.alchemy.com/v2/your-api-key",
        "https://example.quiknode.pro/YOUR_TOKEN/",
        "https://example.quiknode.pro/646e61ddd4c8bd459e3f0a2d69b8/",
        // a Riot key's placeholder, or not in Riot's lower case
        "RGAPI-XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX",
        "RGAPI-8672E76E-3953-6956-A4A5-34B53468D608",
        // a Twitch token one short, one too long, in upper case, or a placeholder
        "oauth:q7rk2lmx9ptz4vwb8nc3d5fh6jg0s",
        "oauth:q7rk2lmx9ptz4vwb8nc3d5fh6jg0sab",
        "oauth:Q7RK2LMX9PTZ4VWB8NC3D5FH6JG0SA",
        "oauth:xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        // OpenSSL's `Salted__` at another length: a ciphertext (a test
        // vector's), not a session
        "53616c7465645f5f6fa640d846fa507d39732e93a8af3e3e1152797bb65d782d",
    ] {
        // no issuer's format (entropy may still speak for some)
        assert_eq!(scan_known_format(not), None, "{not}");
    }
}

/// A typed pattern marks a binding's slot to fill, but a fallback runs with
/// it and a key constructor keys with it (`"0123".repeat(8)`).
#[test]
fn a_typed_pattern_run_as_a_fallback_or_a_key_is_the_key() {
    let typed = "01230123012301230123012301230123";
    assert_eq!(
        scan_literal(typed, &Context::EnvFallback(Some("SECRET_KEY"))).map(|f| f.rule),
        Some(Rule::EnvFallback)
    );
    assert_eq!(
        scan_literal(typed, &Context::KeyConstructor("Key::from_slice")).map(|f| f.rule),
        Some(Rule::KeyConstructor)
    );
    // one character repeated stays template syntax, and an issued key's
    // fallback only stands in
    assert_eq!(
        scan_literal(
            "xxxxxxxxxxxxxxxx",
            &Context::EnvFallback(Some("SECRET_KEY"))
        ),
        None
    );
    assert_eq!(
        scan_literal(typed, &Context::EnvFallback(Some("OPENAI_API_KEY"))),
        None
    );
}

#[test]
fn typed_patterns_and_dotted_references_are_no_values() {
    for (name, value) in [
        ("secret", "asdfasdfasdfasdfasdfasdfasdfasdf"),
        ("jwt_secret", "01230123012301230123012301230123"),
        ("password", "abcabcabc"),
        // a 16-character unit four times (set 35's Pi-hole example)
        (
            "api_key",
            "0123456789abcedf0123456789abcedf0123456789abcedf0123456789abcedf",
        ),
        ("client_secret", "settings.GITHUB_API_SECRET"),
        ("db_password", "config.database.password"),
        ("api_token", "process.env.API_TOKEN"),
    ] {
        assert_eq!(bound(name, value), None, "{name} = {value}");
    }
    for (name, value) in [
        ("secret", "asdfasdfasdfasdfasdfasdfasdfasdX"),
        ("password", "Hello.World"),
        ("password", "abab"),
        // a unit twice is no pattern typed to fill a slot
        (
            "api_key",
            "3f9c1a7e5b2d8046c9e1f3a5b7d90c2e3f9c1a7e5b2d8046c9e1f3a5b7d90c2e",
        ),
    ] {
        assert_eq!(
            bound(name, value),
            Some(Rule::SecretBinding),
            "{name} = {value}"
        );
    }
}

#[test]
fn a_url_ends_where_no_url_can_go_on() {
    // the quote closes the URL: `wrong@example.com` is another field's value
    let line = r#"{"url": "http://example.com", "user": "wrong@example.com"}"#;
    assert_eq!(plain(line), None);
    assert_eq!(
        plain(r#"{"url": "http://app:Xk2pQ9vLm4@example.com"}"#),
        Some(Rule::UrlPassword)
    );
}

#[test]
fn every_url_in_a_text_is_read() {
    // the second URL has the password (found by the fuzzer: a format
    // string's hole spanning a line, whose pieces the walker reads apart)
    assert_eq!(
        plain("docs at http://docs.rs/x, cache at redis://:Xk2pQ9vLm4@cache.internal:6379/0"),
        Some(Rule::UrlPassword)
    );
    assert_eq!(
        plain("redis://{}/{ note\n// redis://:Xk2pQ9vLm4@cache.internal/db }"),
        Some(Rule::UrlPassword)
    );
    assert_eq!(plain("http://a.example/ and http://b.example/"), None);
}
