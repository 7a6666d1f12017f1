//! The detection engine of secretguard: does this string look like a credential?
//!
//! Shared by the `secretguard` macros (which refuse a secret where the name of
//! one belongs), the `secretguard check` command and the fuzz targets. It is
//! plain string logic with no dependencies. A [`Finding`] says which rule
//! fired and why, in words that never repeat the string.
//!
//! ```
//! use secretguard_scan::{check_reference, Rule};
//!
//! assert_eq!(check_reference("JWT_SECRET"), None);
//! let finding = check_reference("AKIAIOSFODNN7EXAMPLE").unwrap();
//! assert_eq!(finding.rule, Rule::AwsAccessKeyId);
//! assert_eq!(finding.rule.id(), "aws-access-key-id");
//! ```

mod entropy;
mod formats;

pub use entropy::shannon_entropy;

/// A rule that classifies a string as a credential.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Rule {
    /// AWS access key id (`AKIA…`, `ASIA…` and the other IAM prefixes).
    AwsAccessKeyId,
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
    /// A JSON Web Token (`eyJ….….…`).
    Jwt,
    /// A PEM private key block.
    PemPrivateKey,
    /// A random-looking token: high Shannon entropy over a base64 or hex alphabet.
    HighEntropy,
}

impl Rule {
    /// A stable identifier for diagnostics, configuration and SARIF.
    pub const fn id(self) -> &'static str {
        match self {
            Rule::AwsAccessKeyId => "aws-access-key-id",
            Rule::GitHubToken => "github-token",
            Rule::SlackToken => "slack-token",
            Rule::StripeKey => "stripe-key",
            Rule::GoogleApiKey => "google-api-key",
            Rule::OpenAiKey => "openai-key",
            Rule::Jwt => "jwt",
            Rule::PemPrivateKey => "pem-private-key",
            Rule::HighEntropy => "high-entropy",
        }
    }

    /// What the string looks like, as a noun phrase (`"an AWS access key id"`).
    pub const fn describe(self) -> &'static str {
        match self {
            Rule::AwsAccessKeyId => "an AWS access key id",
            Rule::GitHubToken => "a GitHub token",
            Rule::SlackToken => "a Slack token",
            Rule::StripeKey => "a Stripe secret key",
            Rule::GoogleApiKey => "a Google API key",
            Rule::OpenAiKey => "an OpenAI API key",
            Rule::Jwt => "a JSON Web Token",
            Rule::PemPrivateKey => "a PEM private key",
            Rule::HighEntropy => "a random key (high entropy)",
        }
    }
}

/// Why a string was classified as a credential.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The rule that fired.
    pub rule: Rule,
}

/// Checks a string that is meant to be a *reference* to a secret (an
/// environment variable name, a path) and says whether it is a credential
/// instead: a known credential format anywhere in it, or a random-looking run
/// that no name would contain.
///
/// Names like `AWS_SECRET_ACCESS_KEY`, `OAUTH2_CLIENT_SECRET` or `SHA256_SALT`
/// pass; `AKIAIOSFODNN7EXAMPLE` and `KEY_9F86D081884C7D659A2FEAA0` do not.
pub fn check_reference(s: &str) -> Option<Finding> {
    if let Some(rule) = formats::known_format(s) {
        return Some(Finding { rule });
    }
    if entropy::has_random_run(s) {
        return Some(Finding {
            rule: Rule::HighEntropy,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_names_and_paths_pass() {
        for name in [
            "JWT_SECRET",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_ACCESS_KEY_ID",
            "OAUTH2_CLIENT_SECRET",
            "AUTH0_CLIENT_SECRET",
            "SHA256_SALT",
            "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY",
            "GITHUB_TOKEN",
            "SLACK_BOT_TOKEN",
            "DATABASE_URL",
            "K8S_SERVICE_ACCOUNT_TOKEN",
            "INTERNATIONALIZATION_API_KEY",
            "X509_CERTIFICATE_PRIVATE_KEY",
            "API_KEY_V2",
            "/run/secrets/jwt_signing_key",
            "secret/data/jwt#secret",
            "_",
            "",
        ] {
            assert_eq!(check_reference(name), None, "{name}");
        }
    }

    #[test]
    fn credentials_in_name_position_are_caught() {
        let cases = [
            ("AKIAIOSFODNN7EXAMPLE", Rule::AwsAccessKeyId),
            ("ASIAY34FZKBOKMUTVV7A", Rule::AwsAccessKeyId),
            (
                "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",
                Rule::GitHubToken,
            ),
            ("xoxb-1234567890-abcdefghijkl", Rule::SlackToken),
            ("sk_live_4eC39HqLyjWDarjtT1zdp7dc", Rule::StripeKey),
            (
                "AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe",
                Rule::GoogleApiKey,
            ),
            ("sk-proj-abcdefghij0123456789ABCDEFGHIJ", Rule::OpenAiKey),
            (
                "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlc2lnbmF0dXJl",
                Rule::Jwt,
            ),
            ("KEY_9F86D081884C7D659A2FEAA0", Rule::HighEntropy),
            ("JWT_SECRET_7GQ2XK9PLM4ZR8WT", Rule::HighEntropy),
        ];
        for (s, rule) in cases {
            assert_eq!(check_reference(s), Some(Finding { rule }), "{s}");
        }
    }

    #[test]
    fn descriptions_never_contain_the_value() {
        let s = "AKIAIOSFODNN7EXAMPLE";
        let rule = check_reference(s).unwrap().rule;
        assert!(!rule.describe().contains(s));
        assert!(!rule.id().contains(s));
    }
}
