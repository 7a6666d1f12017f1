//! The rules that classify a string as a credential: ids, descriptions, fixes.

/// A rule that classifies a string as a credential.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Rule {
    /// AWS access key id (`AKIA…`, `ASIA…`, and `ABIA…`/`ACCA…` credentials).
    AwsAccessKeyId,
    /// AWS secret access key: 40 characters of `[A-Za-z0-9/+]`, high entropy.
    AwsSecretAccessKey,
    /// GitHub token (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`, `github_pat_`).
    GitHubToken,
    /// Slack token (`xoxb-`, `xoxp-`, …).
    SlackToken,
    /// Stripe secret or restricted key (`sk_live_`, `rk_live_`, `sk_test_`, …).
    StripeKey,
    /// Google API key (`AIza…`).
    GoogleApiKey,
    /// OpenAI-style API key (`sk-…`).
    OpenAiKey,
    /// An age encryption identity (`AGE-SECRET-KEY-1…`).
    AgeSecretKey,
    /// A Nostr secret key (`nsec1…`, NIP-19).
    NostrSecretKey,
    /// A NATS nkey seed (`SU…`, `SA…`, `SO…`: an nkey's private half).
    NatsNkeySeed,
    /// A SendGrid API key (`SG.<22>.<43>`).
    SendGridKey,
    /// A Mailchimp API key (32 hex digits, `-us` and a data center).
    MailchimpKey,
    /// A Square access token or application secret (`EAAA…`, `sq0atp-`, `sq0csp-`).
    SquareToken,
    /// A Telegram bot token (`<bot id>:AA…`, as BotFather gives it).
    TelegramBotToken,
    /// A Discord bot token (`<base64 of the bot's id>.<timestamp>.<hmac>`).
    DiscordBotToken,
    /// An Infura or Alchemy API key in a node's RPC URL
    /// (`https://mainnet.infura.io/v3/<key>`).
    RpcProviderKey,
    /// A Riot Games API key (`RGAPI-` and a UUID).
    RiotApiKey,
    /// A Twitch chat (IRC) OAuth token (`oauth:` and 30 lower-case letters
    /// and digits).
    TwitchChatToken,
    /// An Advent of Code session cookie (96 or 128 hex digits from `53616c7465645f5f`).
    AdventOfCodeSession,
    /// A JSON Web Token (`eyJ….….…`).
    Jwt,
    /// A PEM private key block.
    PemPrivateKey,
    /// A JSON Web Key with its private member (`{"kty": …, "d": "…"}`).
    JwkPrivateKey,
    /// A URL with a password in it (`postgres://user:password@host`).
    UrlPassword,
    /// A URL with an API key in its query (`?appid=…`, `&api_key=…`,
    /// `&access_token=…`), or a device's token in its path (ThingsBoard's
    /// `/api/v1/<token>/telemetry`).
    UrlApiKey,
    /// A Slack incoming webhook or workflow trigger URL (`https://hooks.slack.com/services/T…/B…/…`).
    SlackWebhook,
    /// A Discord webhook URL (`https://discord.com/api/webhooks/<id>/<token>`).
    DiscordWebhook,
    /// A database connection string with a password in it (`Server=…;User Id=…;Password=…;`).
    ConnectionStringPassword,
    /// A form body or query string with a user's password in it (`username=…&password=…`).
    FormPassword,
    /// An XML element or a SQL `INSERT` with a password in it.
    DocumentPassword,
    /// An `Authorization` header value with a credential (`Basic <user:password>`, `Bearer <token>`).
    AuthorizationHeader,
    /// A TOTP/HOTP seed: base32 in a one-time-password context, or an `otpauth://` URI.
    TotpSeed,
    /// A wallet's BIP-39 recovery phrase: 12 to 24 short lower-case words.
    RecoveryPhrase,
    /// A BIP-32 extended private key (`xprv…`, `tprv…`: 111 base58 characters).
    ExtendedPrivateKey,
    /// A random-looking token: high Shannon entropy over a base64 alphabet.
    HighEntropy,
    /// A literal bound to a binding, field, const or static whose name says secret.
    SecretBinding,
    /// A literal passed to a key constructor such as `EncodingKey::from_secret`.
    KeyConstructor,
    /// The fallback of `env::var(..).unwrap_or(..)` for a secret variable.
    EnvFallback,
    /// `env!`, `include_str!` or `include_bytes!` of a secret variable or key file.
    BuildTimeEmbed,
}

impl Rule {
    /// Every rule, in a stable order.
    pub const ALL: [Rule; 38] = [
        Rule::AwsAccessKeyId,
        Rule::AwsSecretAccessKey,
        Rule::GitHubToken,
        Rule::SlackToken,
        Rule::StripeKey,
        Rule::GoogleApiKey,
        Rule::OpenAiKey,
        Rule::AgeSecretKey,
        Rule::NostrSecretKey,
        Rule::NatsNkeySeed,
        Rule::SendGridKey,
        Rule::MailchimpKey,
        Rule::SquareToken,
        Rule::TelegramBotToken,
        Rule::DiscordBotToken,
        Rule::RpcProviderKey,
        Rule::RiotApiKey,
        Rule::TwitchChatToken,
        Rule::AdventOfCodeSession,
        Rule::Jwt,
        Rule::PemPrivateKey,
        Rule::JwkPrivateKey,
        Rule::UrlPassword,
        Rule::UrlApiKey,
        Rule::SlackWebhook,
        Rule::DiscordWebhook,
        Rule::ConnectionStringPassword,
        Rule::FormPassword,
        Rule::DocumentPassword,
        Rule::AuthorizationHeader,
        Rule::TotpSeed,
        Rule::RecoveryPhrase,
        Rule::ExtendedPrivateKey,
        Rule::HighEntropy,
        Rule::SecretBinding,
        Rule::KeyConstructor,
        Rule::EnvFallback,
        Rule::BuildTimeEmbed,
    ];

    /// A stable identifier for diagnostics, configuration and SARIF.
    pub const fn id(self) -> &'static str {
        match self {
            Rule::AwsAccessKeyId => "aws-access-key-id",
            Rule::AwsSecretAccessKey => "aws-secret-access-key",
            Rule::GitHubToken => "github-token",
            Rule::SlackToken => "slack-token",
            Rule::StripeKey => "stripe-key",
            Rule::GoogleApiKey => "google-api-key",
            Rule::OpenAiKey => "openai-key",
            Rule::AgeSecretKey => "age-secret-key",
            Rule::NostrSecretKey => "nostr-secret-key",
            Rule::NatsNkeySeed => "nats-nkey-seed",
            Rule::SendGridKey => "sendgrid-key",
            Rule::MailchimpKey => "mailchimp-key",
            Rule::SquareToken => "square-token",
            Rule::TelegramBotToken => "telegram-bot-token",
            Rule::DiscordBotToken => "discord-bot-token",
            Rule::RpcProviderKey => "rpc-provider-key",
            Rule::RiotApiKey => "riot-api-key",
            Rule::TwitchChatToken => "twitch-chat-token",
            Rule::AdventOfCodeSession => "advent-of-code-session",
            Rule::Jwt => "jwt",
            Rule::PemPrivateKey => "pem-private-key",
            Rule::JwkPrivateKey => "jwk-private-key",
            Rule::UrlPassword => "url-password",
            Rule::UrlApiKey => "url-api-key",
            Rule::SlackWebhook => "slack-webhook",
            Rule::DiscordWebhook => "discord-webhook",
            Rule::ConnectionStringPassword => "connection-string-password",
            Rule::FormPassword => "form-password",
            Rule::DocumentPassword => "document-password",
            Rule::AuthorizationHeader => "authorization-header",
            Rule::TotpSeed => "totp-seed",
            Rule::RecoveryPhrase => "recovery-phrase",
            Rule::ExtendedPrivateKey => "extended-private-key",
            Rule::HighEntropy => "high-entropy",
            Rule::SecretBinding => "secret-binding",
            Rule::KeyConstructor => "key-constructor",
            Rule::EnvFallback => "env-fallback",
            Rule::BuildTimeEmbed => "build-time-embed",
        }
    }

    /// What the string looks like, as a noun phrase (`"an AWS access key id"`).
    pub const fn describe(self) -> &'static str {
        match self {
            Rule::AwsAccessKeyId => "an AWS access key id",
            Rule::AwsSecretAccessKey => "an AWS secret access key",
            Rule::GitHubToken => "a GitHub token",
            Rule::SlackToken => "a Slack token",
            Rule::StripeKey => "a Stripe secret key",
            Rule::GoogleApiKey => "a Google API key",
            Rule::OpenAiKey => "an OpenAI API key",
            Rule::AgeSecretKey => "an age secret key",
            Rule::NostrSecretKey => "a Nostr secret key",
            Rule::NatsNkeySeed => "a NATS nkey seed",
            Rule::SendGridKey => "a SendGrid API key",
            Rule::MailchimpKey => "a Mailchimp API key",
            Rule::SquareToken => "a Square access token or secret",
            Rule::TelegramBotToken => "a Telegram bot token",
            Rule::DiscordBotToken => "a Discord bot token",
            Rule::RpcProviderKey => "an Infura or Alchemy API key in an RPC URL",
            Rule::RiotApiKey => "a Riot Games API key",
            Rule::TwitchChatToken => "a Twitch chat OAuth token",
            Rule::AdventOfCodeSession => "an Advent of Code session cookie",
            Rule::Jwt => "a JSON Web Token",
            Rule::PemPrivateKey => "a PEM private key",
            Rule::JwkPrivateKey => "a JSON Web Key with its private part",
            Rule::UrlPassword => "a URL with a password in it",
            Rule::UrlApiKey => "a URL with an API key or token in it",
            Rule::SlackWebhook => "a Slack webhook URL",
            Rule::DiscordWebhook => "a Discord webhook URL",
            Rule::ConnectionStringPassword => "a connection string with a password in it",
            Rule::FormPassword => "a form body or query string with a password in it",
            Rule::DocumentPassword => "an XML element or a SQL INSERT with a password in it",
            Rule::AuthorizationHeader => "an Authorization header with a credential in it",
            Rule::TotpSeed => "a one-time-password (TOTP) seed",
            Rule::RecoveryPhrase => "a wallet's recovery phrase (BIP-39 mnemonic)",
            Rule::ExtendedPrivateKey => "a wallet's extended private key (BIP-32)",
            Rule::HighEntropy => "a random key (high entropy)",
            Rule::SecretBinding => "a secret assigned to a secret-named binding",
            Rule::KeyConstructor => "key material passed to a key constructor",
            Rule::EnvFallback => "a hardcoded fallback for a secret variable",
            Rule::BuildTimeEmbed => "a secret embedded at build time",
        }
    }

    /// What to write instead, for a `help:` line.
    pub const fn help(self) -> &'static str {
        match self {
            Rule::SecretBinding => {
                "read it when the program runs instead: `let value: SecretString = secret!(\"NAME\");`"
            }
            Rule::KeyConstructor => {
                "build the key from a loaded secret: `#[jwt_secret] static JWT_SECRET: JwtSecret;` then `EncodingKey::from_secret(JWT_SECRET.expose_secret())`"
            }
            Rule::EnvFallback => {
                "drop the fallback: `secret!(\"NAME\")` fails with a clear message when it is unset, and `secret!(\"NAME\", optional)` makes absence explicit"
            }
            Rule::BuildTimeEmbed => {
                "read it when the program runs: `secret!(\"NAME\")`, or `secret!(file = \"/run/secrets/name\")` for a key file"
            }
            _ => {
                "revoke it (it is in your git history now) and read the new one when the program runs: `secret!(\"NAME\")`"
            }
        }
    }

    /// Whether the rule finds a credential in the form its issuer hands it
    /// out (an AWS key id; a GitHub, Slack, Stripe, Google, OpenAI,
    /// SendGrid, Mailchimp or Square token; an age identity; a Slack
    /// webhook): it works wherever it sits, test code included, unlike the
    /// keys and vectors a program or a test makes up for itself.
    pub const fn is_issued(self) -> bool {
        match self {
            Rule::AwsAccessKeyId
            | Rule::GitHubToken
            | Rule::SlackToken
            | Rule::StripeKey
            | Rule::GoogleApiKey
            | Rule::OpenAiKey
            | Rule::AgeSecretKey
            | Rule::NostrSecretKey
            | Rule::NatsNkeySeed
            | Rule::SendGridKey
            | Rule::MailchimpKey
            | Rule::SquareToken
            | Rule::TelegramBotToken
            | Rule::DiscordBotToken
            | Rule::RpcProviderKey
            | Rule::RiotApiKey
            | Rule::TwitchChatToken
            | Rule::AdventOfCodeSession
            | Rule::SlackWebhook
            | Rule::DiscordWebhook => true,
            Rule::AwsSecretAccessKey
            | Rule::Jwt
            | Rule::PemPrivateKey
            | Rule::JwkPrivateKey
            | Rule::UrlPassword
            | Rule::UrlApiKey
            | Rule::ConnectionStringPassword
            | Rule::FormPassword
            | Rule::DocumentPassword
            | Rule::AuthorizationHeader
            | Rule::TotpSeed
            | Rule::RecoveryPhrase
            | Rule::ExtendedPrivateKey
            | Rule::HighEntropy
            | Rule::SecretBinding
            | Rule::KeyConstructor
            | Rule::EnvFallback
            | Rule::BuildTimeEmbed => false,
        }
    }

    /// Whether a finding of the rule is still reported in test code: a
    /// credential an issuer hands out ([`Rule::is_issued`]) or a password for
    /// a service in a URL, connection string or `Authorization` header,
    /// rather than a key or vector a test makes up for itself.
    ///
    /// ```
    /// use secretguard_scan::Rule;
    /// assert!(Rule::GitHubToken.is_reported_in_tests());
    /// assert!(Rule::UrlPassword.is_reported_in_tests());
    /// assert!(!Rule::KeyConstructor.is_reported_in_tests());
    /// ```
    pub const fn is_reported_in_tests(self) -> bool {
        self.is_issued()
            || matches!(
                self,
                Rule::UrlPassword
                    | Rule::UrlApiKey
                    | Rule::ConnectionStringPassword
                    | Rule::AuthorizationHeader
            )
    }

    /// How bad a true finding is, as GitHub code scanning's
    /// `security-severity`: a score from 0.1 to 10.0 (9.0 and over critical,
    /// 7.0–8.9 high, 4.0–6.9 medium, under 4.0 low).
    ///
    /// The scale: 8.9 for a credential in the shape its issuer gives it (it
    /// works as found, until revoked); 8.0 for key material by construction
    /// (a key constructor's argument, a password in a URL); 7.0–7.5 for a
    /// secret that ships without being the whole credential (an AWS key id,
    /// a fallback, a build-time embed); 6.0 for a JWT (often expired or a
    /// fixture) and context-only findings; 5.0 for shape alone.
    pub const fn security_severity(self) -> &'static str {
        match self {
            Rule::AwsSecretAccessKey
            | Rule::GitHubToken
            | Rule::SlackToken
            | Rule::StripeKey
            | Rule::GoogleApiKey
            | Rule::OpenAiKey
            | Rule::AgeSecretKey
            | Rule::NostrSecretKey
            | Rule::NatsNkeySeed
            | Rule::SendGridKey
            | Rule::MailchimpKey
            | Rule::SquareToken
            | Rule::TelegramBotToken
            | Rule::DiscordBotToken
            | Rule::RiotApiKey
            | Rule::TwitchChatToken
            | Rule::AdventOfCodeSession
            | Rule::PemPrivateKey
            | Rule::JwkPrivateKey
            | Rule::RecoveryPhrase
            | Rule::ExtendedPrivateKey
            | Rule::SlackWebhook
            | Rule::DiscordWebhook => "8.9",
            Rule::KeyConstructor
            | Rule::UrlPassword
            | Rule::UrlApiKey
            | Rule::ConnectionStringPassword
            | Rule::FormPassword
            | Rule::DocumentPassword
            | Rule::AuthorizationHeader => "8.0",
            Rule::TotpSeed => "7.5",
            Rule::AwsAccessKeyId | Rule::RpcProviderKey => "7.5",
            Rule::EnvFallback | Rule::BuildTimeEmbed => "7.0",
            Rule::Jwt | Rule::SecretBinding => "6.0",
            Rule::HighEntropy => "5.0",
        }
    }

    /// How often a finding of this rule is a real credential, in GitHub code
    /// scanning's words: `very-high`, `high`, `medium` or `low`.
    ///
    /// `very-high` for issuer prefixes with a fixed alphabet and length;
    /// `high` where the shape or the context leaves little doubt but test
    /// fixtures are common (JWTs, URLs with a password, key constructors,
    /// fallbacks, embeds, `sk-` keys); `medium` for a secret-named binding and
    /// for the AWS secret key's shape without its prefix; `low` for entropy alone.
    pub const fn precision(self) -> &'static str {
        match self {
            Rule::AwsAccessKeyId
            | Rule::GitHubToken
            | Rule::SlackToken
            | Rule::StripeKey
            | Rule::GoogleApiKey
            | Rule::AgeSecretKey
            | Rule::NostrSecretKey
            | Rule::NatsNkeySeed
            | Rule::SendGridKey
            | Rule::MailchimpKey
            | Rule::SquareToken
            | Rule::TelegramBotToken
            | Rule::DiscordBotToken
            | Rule::RpcProviderKey
            | Rule::RiotApiKey
            | Rule::TwitchChatToken
            | Rule::AdventOfCodeSession
            | Rule::PemPrivateKey
            | Rule::JwkPrivateKey
            | Rule::ExtendedPrivateKey
            | Rule::SlackWebhook
            | Rule::DiscordWebhook => "very-high",
            Rule::OpenAiKey
            | Rule::Jwt
            | Rule::UrlPassword
            | Rule::UrlApiKey
            | Rule::ConnectionStringPassword
            | Rule::FormPassword
            | Rule::DocumentPassword
            | Rule::AuthorizationHeader
            | Rule::TotpSeed
            | Rule::RecoveryPhrase
            | Rule::KeyConstructor
            | Rule::EnvFallback
            | Rule::BuildTimeEmbed => "high",
            Rule::AwsSecretAccessKey | Rule::SecretBinding => "medium",
            Rule::HighEntropy => "low",
        }
    }
}
