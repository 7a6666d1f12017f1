//! Names that say "secret": bindings, fields, environment variables, key constructors, key files.

/// The words of an identifier: `apiKey`, `API_KEY`, `api-key` all give `["api", "key"]`.
pub(crate) fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// The [`words`] of an ASCII `name` as slices of it, in their own case: what
/// compares words without allocating (`eq_ignore_ascii_case`).
pub(crate) fn ascii_words(name: &str) -> impl Iterator<Item = &str> {
    debug_assert!(name.is_ascii());
    let bytes = name.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() && !bytes[at].is_ascii_alphanumeric() {
            at += 1;
        }
        if at == bytes.len() {
            return None;
        }
        let start = at;
        let mut prev_lower = false;
        while at < bytes.len() && bytes[at].is_ascii_alphanumeric() {
            if bytes[at].is_ascii_uppercase() && prev_lower {
                break;
            }
            prev_lower = bytes[at].is_ascii_lowercase() || bytes[at].is_ascii_digit();
            at += 1;
        }
        Some(&name[start..at])
    })
}

/// Whether a binding, field, const, static or variable named `name` holds a
/// secret: its last word is a secret noun (`password`, `token`, `secret`, …)
/// or its last two are (`api_key`, `private_key`, `signing_key`, …).
///
/// The last word decides: `jwt_secret_env`, `password_hint`, `token_url` and
/// `api_key_header` name things *about* a secret, not the secret.
pub fn is_secret_name(name: &str) -> bool {
    with_words(name, |words| {
        let Some(last) = words.last() else {
            return false;
        };
        if SECRET_NOUNS.contains(last) {
            return true;
        }
        KEY_NOUNS.contains(last)
            && words.len() >= 2
            && (KEY_QUALIFIERS.contains(&words[words.len() - 2])
                // an HTTP header of the service's own (`X-accountmanager-Key`,
                // `X-Shopify-Access-Key`); an identifier has no `-`
                || (*last == "key" && words.len() >= 3 && is_custom_header(name)))
    })
}

/// Whether a name is a custom HTTP header's: `X-` and more.
fn is_custom_header(name: &str) -> bool {
    name.len() > 2 && name.get(..2).is_some_and(|x| x.eq_ignore_ascii_case("x-"))
}

/// `f` of the [`words`] of `name`; a name of lower-case letters and digits
/// only (`key`, `token`, `sha256`) is its one word, with nothing allocated
/// (the pre-pass asks about many).
fn with_words<R>(name: &str, f: impl FnOnce(&[&str]) -> R) -> R {
    if !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        return match unnumbered(None, name) {
            Some(Unnumbered::Word(word)) => f(&[word]),
            _ => f(&[name]),
        };
    }
    let owned = words(name);
    let mut words: Vec<&str> = owned.iter().map(String::as_str).collect();
    let at = words.len();
    if at > 0 {
        let before = at.checked_sub(2).map(|i| words[i]);
        match unnumbered(before, words[at - 1]) {
            Some(Unnumbered::Word(w)) => words[at - 1] = w,
            Some(Unnumbered::Before) => {
                words.pop();
            }
            None => {}
        }
    }
    f(&words)
}

/// What a name's last word numbers, when it ends in a number of one or two
/// digits after a secret's noun (`password2`, `API_KEY_2`, `secret1`): one
/// of several secrets, named as the noun is. Longer numbers belong to the
/// name (`token2022`, `sha256`).
enum Unnumbered<'a> {
    /// The word without its digits (`password2`).
    Word(&'a str),
    /// The word before it (`API_KEY` of `API_KEY_2`).
    Before,
}

/// See [`Unnumbered`]; `before` is the word before `last`, in any case.
fn unnumbered<'a>(before: Option<&str>, last: &'a str) -> Option<Unnumbered<'a>> {
    let digits = last.bytes().rev().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let noun = |w: &str| {
        is_password_word(w)
            || SECRET_NOUNS
                .iter()
                .chain(KEY_NOUNS.iter())
                .chain(MATERIAL_NOUNS.iter())
                .any(|n| w.eq_ignore_ascii_case(n))
    };
    if digits == last.len() {
        before.filter(|w| noun(w)).map(|_| Unnumbered::Before)
    } else {
        let word = &last[..last.len() - digits];
        noun(word).then_some(Unnumbered::Word(word))
    }
}

/// The last words that make a name secret on their own (see [`is_secret_name`]).
pub(crate) const SECRET_NOUNS: [&str; 16] = [
    "secret",
    // a password hash's server-side secret (a salt is public)
    "pepper",
    "secrets",
    "password",
    "passwd",
    "pwd",
    // (an embedded board's Wi-Fi settings: `WIFI_PSWD`)
    "pswd",
    "passphrase",
    "token",
    "credential",
    "credentials",
    "apikey",
    "privatekey",
    "secretkey",
    "pass",
    "jwt",
];

/// The last words that make a name secret after one of [`KEY_QUALIFIERS`].
pub(crate) const KEY_NOUNS: [&str; 2] = ["key", "keys"];

/// The words before `key`/`keys` that make it a secret (`api_key`).
const KEY_QUALIFIERS: [&str; 21] = [
    "api",
    // Azure's API keys (`Ocp-Apim-Subscription-Key`, `subscription_key`)
    "subscription",
    "private",
    "secret",
    "signing",
    "access",
    "encryption",
    // (`encrypt_key`, set 39's Tauri app; `decryption_key`)
    "encrypt",
    "decryption",
    "hmac",
    "master",
    "auth",
    "session",
    "jwt",
    "client",
    "license",
    // the key that signs or encrypts cookies (axum-extra's, actix-session's)
    "cookie",
    "csrf",
    // a key two programs share: a game server's with its auth server, a
    // Wi-Fi network's pre-shared key
    "server",
    "shared",
    "preshared",
];

/// The words a password's name ends in (see [`is_password_name`]).
pub(crate) const PASSWORD_WORDS: [&str; 6] =
    ["password", "passwd", "pwd", "pswd", "pass", "passphrase"];

/// Whether `word` is one of [`PASSWORD_WORDS`], in any ASCII case.
pub(crate) fn is_password_word(word: &str) -> bool {
    PASSWORD_WORDS.iter().any(|p| word.eq_ignore_ascii_case(p))
}

/// A password's name: its last word is one of [`PASSWORD_WORDS`]
/// (`ssh_password`, `dbPass`, `WIFI_PSWD`).
pub(crate) fn is_password_name(name: &str) -> bool {
    // (the pre-pass asks this of every name it holds: no words split
    // unless one could be a password's)
    if !contains_ignoring_case(name, "pass")
        && !contains_ignoring_case(name, "pwd")
        && !contains_ignoring_case(name, "pswd")
    {
        return false;
    }
    if name.is_ascii() {
        let (mut before, mut last) = (None, None);
        for word in ascii_words(name) {
            before = last.replace(word);
        }
        return last.is_some_and(|last| {
            is_password_word(last)
                || match unnumbered(before, last) {
                    Some(Unnumbered::Word(w)) => is_password_word(w),
                    Some(Unnumbered::Before) => before.is_some_and(is_password_word),
                    None => false,
                }
        });
    }
    with_words(name, |words| {
        words.last().is_some_and(|w| is_password_word(w))
    })
}

/// Whether `text` ends with `suffix`, in any ASCII case.
pub(crate) fn ends_with_ignoring_case(text: &str, suffix: &str) -> bool {
    let (t, w) = (text.as_bytes(), suffix.as_bytes());
    t.len() >= w.len() && t[t.len() - w.len()..].eq_ignore_ascii_case(w)
}

/// Whether `text` holds `word`, in any ASCII case, with nothing allocated.
pub(crate) fn contains_ignoring_case(text: &str, word: &str) -> bool {
    text.as_bytes()
        .windows(word.len())
        .any(|w| w.eq_ignore_ascii_case(word.as_bytes()))
}

/// Whether a secret named `name` is one the program chooses for itself
/// rather than one an issuer hands out: a signing, session, cookie, CSRF,
/// HMAC, encryption or master key or secret (`jwt_secret`,
/// `session_key`, `COOKIE_SECRET`), or a bare `secret`/`secret_key` (a web
/// framework's own). Placeholder text bound to it (`"your-secret-key"`)
/// is used as written; an issued key's placeholder (`api_key: "your-api-key"`)
/// only stands where the real one goes.
pub(crate) fn is_self_chosen_key_name(name: &str) -> bool {
    is_secret_name(name)
        && with_words(name, |words| {
            matches!(words, ["secret"] | ["secret", "key"])
                // (a session's token is issued: AWS's `session_token`)
                || words.iter().any(|w| {
                    SELF_CHOSEN_QUALIFIERS.contains(w)
                        && !(*w == "session" && words.last() == Some(&"token"))
                })
                // an auth or server secret (NextAuth's `AUTH_SECRET`), not
                // an auth token (Twilio's `AUTH_TOKEN` is issued)
                || (matches!(words.last(), Some(&"secret" | &"key"))
                    && words.iter().any(|w| matches!(*w, "auth" | "server" | "shared")))
        })
}

/// Whether a fn named `name` gives the program's own key
/// ([`is_self_chosen_key_name`]), a serde default's `default_` aside
/// (`default_secret`, `jwt_secret`): what the walker reports when it
/// returns its own name, and the pre-pass sends on.
pub(crate) fn names_own_key_fn(name: &str) -> bool {
    is_self_chosen_key_name(name.strip_prefix("default_").unwrap_or(name))
}

/// The words that make a secret the program's own (see
/// [`is_self_chosen_key_name`]).
const SELF_CHOSEN_QUALIFIERS: [&str; 9] = [
    "jwt",
    "session",
    "cookie",
    "csrf",
    "signing",
    "hmac",
    "encryption",
    "encrypt",
    "master",
];

/// Whether a binding named `name` holds key material when its value is a
/// long hex string: `hmac_key`, `aes_key`, `KEY`, `key_hex`, `secret_hex`,
/// `encryption_key_bytes`. A key's name, with an encoding word after it
/// allowed; never a digest's (`hash`, `digest`, `checksum`, `fingerprint`,
/// `sha256`, …) nor a lookup key's (`cache_key`, `primary_key`, …).
pub(crate) fn is_key_material_name(name: &str) -> bool {
    with_words(name, is_key_material)
}

/// [`is_key_material_name`] of a name's words.
fn is_key_material(mut words: &[&str]) -> bool {
    const DIGEST: [&str; 15] = [
        "hash",
        "digest",
        "checksum",
        "fingerprint",
        "sha",
        "sha1",
        "sha256",
        "sha512",
        "md5",
        "commit",
        "rev",
        "etag",
        "id",
        "uuid",
        "public",
    ];
    if words.iter().any(|w| DIGEST.contains(w)) {
        return false;
    }
    while let [rest @ .., last] = words
        && !rest.is_empty()
        && ENCODING_WORDS.contains(last)
    {
        words = rest;
    }
    const LOOKUP: [&str; 14] = [
        "cache",
        "primary",
        "foreign",
        "map",
        "sort",
        "partition",
        "lookup",
        "index",
        "idempotency",
        "object",
        "row",
        "routing",
        "shard",
        "bucket",
    ];
    match words {
        [] => false,
        [.., last] if SECRET_NOUNS.contains(last) => true,
        [only] => {
            matches!(*only, "key" | "psk" | "seed" | "appid") || *only == SECRET_KEY_ABBREVIATION
        }
        [.., qualifier, last] => {
            (MATERIAL_NOUNS.contains(last) || *last == SECRET_KEY_ABBREVIATION)
                && !LOOKUP.contains(qualifier)
        }
    }
}

/// `sk`, a secret key's name in key pairs (`ALICE_SK`, `server_sk`; `pk`
/// is the public one): a key's last word too (see [`is_key_material_name`]),
/// kept out of [`MATERIAL_NOUNS`], whose words are three letters or more.
pub(crate) const SECRET_KEY_ABBREVIATION: &str = "sk";

/// The encoding words a key's name may end in after its noun (`key_hex`,
/// `secret_bytes`; see [`is_key_material_name`]).
pub(crate) const ENCODING_WORDS: [&str; 7] = ["hex", "bytes", "raw", "str", "b64", "base64", "bin"];

/// The last words of a key's name after a qualifier (`hmac_key`, `tls_psk`,
/// `wallet_seed`; see [`is_key_material_name`]).
///
/// `appid` is OpenWeatherMap's name for its API key, 32 hex digits (sets
/// 7, 20 and 24); other services' app ids are numbers, UUIDs or prefixed
/// (`wx…`), so only a long hex string bound to it counts.
pub(crate) const MATERIAL_NOUNS: [&str; 5] = ["key", "keys", "psk", "seed", "appid"];

/// The encodings whose literal macros (`hex!`, `base64!`, `b64!`,
/// `base32!`) write bytes as text.
pub(crate) const ENCODING_MACROS: [&str; 4] = ["hex", "base64", "b64", "base32"];

/// Whether a binding named `name` belongs to a one-time-password second
/// factor (`totp_secret`, `otp_seed`, `mfa_secret`, `TWO_FA_KEY`,
/// `authenticator_key`), where a base32 string is its seed.
pub(crate) fn is_otp_name(name: &str) -> bool {
    const OTP: [&str; 7] = ["totp", "otp", "hotp", "mfa", "2fa", "tfa", "authenticator"];
    const NOT_THE_SEED: [&str; 11] = [
        "code", "digits", "period", "step", "issuer", "label", "window", "length", "len", "url",
        "uri",
    ];
    with_words(name, |words| {
        let otp = words.iter().any(|w| OTP.contains(w))
            || words.windows(2).any(|w| {
                (w[0] == "two" && matches!(w[1], "factor" | "fa")) || (w[0] == "2" && w[1] == "fa")
            });
        otp && !words.last().is_some_and(|w| NOT_THE_SEED.contains(w))
    })
}

/// Whether a binding named `name` holds something public by its name: a
/// public key or its parts, a signature, a digest, a nonce, an expected
/// output, an alphabet, a unique id. Random-looking text there is no secret by shape
/// alone.
pub(crate) fn is_public_name(name: &str) -> bool {
    const PUBLIC: [&str; 26] = [
        "public",
        // a wallet's, a token's or a contract's address (`TOKEN_MINT_ADDRESS`)
        "address",
        "addr",
        "contract",
        // identifiers (Riot's player id is a `puuid`)
        "uuid",
        "guid",
        "puuid",
        "pubkey",
        "pub",
        "modulus",
        "exponent",
        "fingerprint",
        "signature",
        "sig",
        "digest",
        "hash",
        "checksum",
        "expected",
        "nonce",
        "iv",
        "dst",
        "alphabet",
        "charset",
        "chars",
        "cert",
        "certificate",
    ];
    let words = words(name);
    words.iter().any(|w| PUBLIC.contains(&w.as_str()))
        // an id names a thing (`client_id`, an OpenAI `org_id`), but Vault's
        // AppRole `secret_id` is a credential
        || (words.iter().any(|w| w == "id") && !words.iter().any(|w| w == "secret"))
}

/// An account name that comes first in a credential pair
/// (`("admin", "P@ssw0rd")`), in any case.
pub(crate) fn is_account_name(s: &str) -> bool {
    ACCOUNT_NAMES.iter().any(|a| s.eq_ignore_ascii_case(a))
}

/// An account named by its e-mail address (`admin@example.com`): one `@`
/// between a local part and a dotted domain, nothing else.
///
/// ```text
/// admin@example.com   yes
/// git@github.com:x    no (a path follows)
/// {user}@{host}       no
/// ```
pub(crate) fn is_email_account(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let local_ok = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'+');
    let domain_ok = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-');
    s.len() <= 64
        && !local.is_empty()
        && local.bytes().all(local_ok)
        && domain.bytes().all(domain_ok)
        // (a label, a dot, then one of two or more characters)
        && domain
            .split('.')
            .zip(domain.split('.').skip(1))
            .any(|(label, next)| !label.is_empty() && next.len() >= 2)
}

/// The default accounts of [`is_account_name`].
const ACCOUNT_NAMES: [&str; 12] = [
    "admin",
    "administrator",
    "root",
    "user",
    "username",
    "guest",
    "postgres",
    "sa",
    "superuser",
    "sysadmin",
    "demo",
    "operator",
];

/// Whether `s` is the name of an environment variable: `[A-Z_][A-Z0-9_]*`
/// with at least one ASCII letter.
///
/// The letter rule keeps out `_` and `__`: `_` is the shell's own variable
/// (the last argument of the previous command), never where a secret lives.
///
/// ```
/// use secretguard_scan::is_env_name;
///
/// assert!(is_env_name("JWT_SECRET"));
/// assert!(is_env_name("_PRIVATE_TOKEN"));
/// assert!(!is_env_name("_"));
/// assert!(!is_env_name("jwt_secret"));
/// assert!(!is_env_name("1PASSWORD"));
/// ```
pub fn is_env_name(s: &str) -> bool {
    s.bytes()
        .next()
        .is_some_and(|b| b.is_ascii_uppercase() || b == b'_')
        && s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
        && s.bytes().any(|b| b.is_ascii_uppercase())
}

/// The environment variable an item's name implies: `jwt_secret`, `jwtSecret`
/// and `JWT_SECRET` all become `JWT_SECRET` (what `#[jwt_secret]` reads when
/// no source is named, and what `secretguard manifest` lists for it).
///
/// ```
/// use secretguard_scan::upper_snake;
/// assert_eq!(upper_snake("signingKey"), "SIGNING_KEY");
/// assert_eq!(upper_snake("r#type"), "TYPE");
/// ```
pub fn upper_snake(ident: &str) -> String {
    let ident = ident.strip_prefix("r#").unwrap_or(ident);
    let mut out = String::with_capacity(ident.len() + 4);
    let mut prev_lower = false;
    for c in ident.chars() {
        if c.is_uppercase() && prev_lower {
            out.push('_');
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        out.extend(c.to_uppercase());
    }
    out
}

/// `EncodingKey::from_secret`, `Hmac::<Sha256>::new_from_slice`,
/// `Key::from_slice`, …: calls whose argument is key material.
/// `path` is the callee's segments without generics.
pub fn is_key_constructor(path: &[String]) -> bool {
    let Some(method) = path.last() else {
        return false;
    };
    let owner = path
        .len()
        .checked_sub(2)
        .and_then(|i| path.get(i))
        .map(String::as_str);
    if KEY_CONSTRUCTORS.contains(&method.as_str()) {
        return true;
    }
    KEY_OWNER_METHODS.contains(&method.as_str())
        && owner.is_some_and(|o| {
            KEY_OWNERS.contains(&o)
                // a block mode is given its key by `new` alone:
                // `Encryptor::from(buf)` takes what it encrypts
                && (!matches!(o, "Encryptor" | "Decryptor")
                    || matches!(method.as_str(), "new" | "new_from_slices"))
        })
}

/// The calls through which the walker reads a one-argument call's literal
/// as the call's own value (`String::from("…")`, `Some("…")`,
/// `HeaderValue::from_static("…")`; see `walk::literal_of`), and the
/// pre-pass lets a value pass out of, to the names around the call.
pub(crate) const TRANSPARENT_CALLS: [&str; 7] = [
    "from",
    "new",
    "Some",
    "from_static",
    "from_slice",
    "from_str",
    // a fixed-capacity string's (`heapless::String::try_from("…").unwrap()`,
    // esp-idf's Wi-Fi settings, set 28)
    "try_from",
];

/// Whether a one-argument call of `callee` is read as its argument's value:
/// one of [`TRANSPARENT_CALLS`], or, called by its bare name, a tuple
/// struct's constructor, a newtype that wraps the value
/// (`Base64("…".to_string())`, `Wrapper("…".into())`; not `Err("…")`, whose
/// text is a message, nor an enum's variant on a path,
/// `Credentials::Bearer("…")`, whose enum tells what it holds).
pub(crate) fn is_transparent_call(callee: &str, bare: bool) -> bool {
    TRANSPARENT_CALLS.contains(&callee)
        || (bare
            && callee.starts_with(|c: char| c.is_ascii_uppercase())
            && callee.bytes().any(|b| b.is_ascii_lowercase())
            && callee != "Err"
            // (`Secret("…")`, `ApiKey("…")`: a call named for a secret, whose
            // own context is stronger)
            && !may_be_secret_name_cheaply(callee))
}

/// Whether `name` is a secret's name, with nothing allocated for most
/// names: only one whose last three letters end a secret's noun is split
/// into words (the pre-pass asks this of every capitalised call).
fn may_be_secret_name_cheaply(name: &str) -> bool {
    name.len() >= 3
        && SECRET_NOUNS
            .iter()
            .chain(KEY_NOUNS.iter())
            .any(|noun| noun.len() >= 3 && ends_with_ignoring_case(name, &noun[noun.len() - 3..]))
        && is_secret_name(name)
}

/// Words of a callee that connects or authenticates (`connect`,
/// `with_auth`, `simple_bind`), or creates the account it logs in with
/// (`create_admin_user(&pool, "admin", "admin", …)` in a seed script): the
/// literal after a default account's name among its arguments is that
/// account's password.
pub(crate) const AUTHENTICATING_WORDS: [&str; 18] = [
    "connect",
    "auth",
    "login",
    "logon",
    "sign_in",
    "signin",
    "bind",
    "credential",
    "session",
    "account",
    "create_user",
    "create_admin",
    "add_user",
    "add_admin",
    "ensure_user",
    "ensure_admin",
    // (`register_user` is `says_it_authenticates`' register…user)
    "signup",
    "sign_up",
];

/// Whether a callee's name has one of [`AUTHENTICATING_WORDS`] in it, in
/// any case: the walker's and the pre-pass's one test of it.
pub(crate) fn says_it_authenticates(callee: &str) -> bool {
    AUTHENTICATING_WORDS
        .iter()
        .any(|w| contains_ignoring_case(callee, w))
        // `register_test_user`, `registerAccount`
        || (contains_ignoring_case(callee, "register")
            && (contains_ignoring_case(callee, "user")
                || contains_ignoring_case(callee, "account")))
        // a client's constructor given its account (`qbit::api::Api::new("admin",
        // "adminadmin", url)`, `FtpClient::new("root", …)`)
        || is_client_constructor(callee)
}

/// Whether a fn's parameter is named for a secret, so that a literal a
/// call gives it is its value: not a bare `token`, which is a parser's or a
/// header's word as often (`fn has(self, key: HeaderName, token: &str)`).
pub(crate) fn is_secret_parameter(name: &str) -> bool {
    is_secret_name(name) && !name.eq_ignore_ascii_case("token")
}

/// Whether a fn's name says it rates a password rather than uses one
/// (`validate_password_strength`, `check_password_policy`,
/// `password_complexity`, `is_weak_password`): what a call gives its
/// parameters is a candidate, however a test writes it.
#[cfg(feature = "syn")]
pub(crate) fn rates_a_password(name: &str) -> bool {
    with_words(name, |words| {
        words.iter().any(|w| is_password_word(w))
            && words.iter().any(|w| {
                matches!(
                    *w,
                    "strength" | "policy" | "complexity" | "entropy" | "score" | "weak" | "strong"
                )
            })
    })
}

/// Whether a call's name says it takes a user and then a password
/// (`with_user_pass`, `login_and_password`, `set_account_pwd`): a word for
/// an account before the password's word.
#[cfg(feature = "syn")]
pub(crate) fn names_a_user_and_password(name: &str) -> bool {
    is_password_name(name)
        && with_words(name, |words| {
            words
                .iter()
                .any(|w| matches!(*w, "user" | "username" | "login" | "account"))
        })
}

/// Whether a callee is an API client's constructor (`Client::new`,
/// `meilisearch_sdk::client::Client::new_with_client`, `FtpClient::new`,
/// `Api::new`).
pub(crate) fn is_client_constructor(callee: &str) -> bool {
    let Some((owner, method)) = callee.rsplit_once("::") else {
        return false;
    };
    method.starts_with("new")
        && (ends_with_ignoring_case(owner, "client") || ends_with_ignoring_case(owner, "api"))
}

/// Whether a literal is a host's address: a server's (see
/// [`is_server_address`]), a host and port (`127.0.0.1:22`,
/// `db.internal:5432`) or an IPv4 address.
pub(crate) fn is_host_address(text: &str) -> bool {
    if is_server_address(text) {
        return true;
    }
    // (the pre-pass asks this of every literal: the bytes decide first)
    let b = text.as_bytes();
    if b.len() < 7 || b.len() > 253 || !b[0].is_ascii_alphanumeric() {
        return false;
    }
    let is_port = |port: &str| {
        !port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit())
    };
    let is_host = |host: &str| {
        host == "localhost"
            || (host.contains('.')
                && host.split('.').all(|label| {
                    !label.is_empty()
                        && label
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                }))
    };
    // a port: a `:` among the last six bytes
    let tail = b.len().saturating_sub(6);
    if let Some(at) = b[tail..].iter().rposition(|&c| c == b':') {
        let at = tail + at;
        return is_host(&text[..at]) && is_port(&text[at + 1..]);
    }
    b.len() <= 15
        && b.iter().all(|c| c.is_ascii_digit() || *c == b'.')
        && text.split('.').count() == 4
        && text.split('.').all(|n| n.parse::<u8>().is_ok())
}

/// Whether a literal is a server's address, by its scheme
/// (`http://localhost:7700`, `https://api.example.com/v1`, `wss://…`).
pub(crate) fn is_server_address(text: &str) -> bool {
    ["http://", "https://", "ws://", "wss://"]
        .iter()
        .any(|scheme| {
            text.len() > scheme.len()
                && text
                    .get(..scheme.len())
                    .is_some_and(|s| s.eq_ignore_ascii_case(scheme))
        })
}

/// Whether a call that authenticates takes an account and its password as
/// a pair (`SocksStream::connect(p, t, Some(("user1", "…")))`): not a
/// query's `.bind(("table", "person"))`, whose pairs are parameters.
pub(crate) fn takes_an_account_pair(callee: &str) -> bool {
    says_it_authenticates(callee) && !ends_with_ignoring_case(callee, "bind")
}

/// Whether an identifier or field names an account (`email`,
/// `test_email`, `username`, `user`, `login`): in a call that
/// authenticates, the literal after it is that account's password
/// (`register_user(&server, &email, "verysecure")`).
pub(crate) fn names_an_account(name: &str) -> bool {
    let is_account_word = |w: &str| ACCOUNT_WORDS.iter().any(|a| w.eq_ignore_ascii_case(a));
    // (as `is_password_name`: no words split for an ASCII name)
    if name.is_ascii() {
        return ascii_words(name).last().is_some_and(is_account_word);
    }
    with_words(name, |words| {
        words.last().is_some_and(|w| is_account_word(w))
    })
}

/// The last words of [`names_an_account`].
pub(crate) const ACCOUNT_WORDS: [&str; 6] =
    ["email", "mail", "username", "user", "login", "account"];

/// The methods that give a default (`x.unwrap_or("…")`): what they give is
/// the value of the name the call is bound to (`walk::Walker::scan_in`),
/// so the pre-pass lets their arguments' values reach that name.
pub(crate) const DEFAULT_METHODS: [&str; 2] = ["unwrap_or", "unwrap_or_else"];

/// Methods that take key material whatever their type (see [`is_key_constructor`]).
pub(crate) const KEY_CONSTRUCTORS: [&str; 7] = [
    "from_secret",
    "new_from_slice",
    "new_varkey",
    // argon2's `Argon2::new_with_secret(pepper, …)`
    "new_with_secret",
    // an HMAC algorithm's name as the constructor of its key
    // (`Jwt::hs256(b"…")`)
    "hs256",
    "hs384",
    "hs512",
];

/// Methods that take key material on one of [`KEY_OWNERS`].
pub(crate) const KEY_OWNER_METHODS: [&str; 17] = [
    "from_slice",
    "new",
    // a block mode's key and IV (`new_from_slices(&key, &iv)`), a session
    // handler's builder (`SessionHandler::builder(store, b"…")`)
    "new_from_slices",
    "builder",
    "from",
    "from_bytes",
    "clone_from_slice",
    // totp-rs: `Secret::Encoded("<base32>")`, `Secret::Raw(b"…".to_vec())`
    "Encoded",
    "Raw",
    // text forms: `PrivateKeySigner::from_str("0x…")`, `Mnemonic::parse("…")`,
    // `Keypair::from_base58_string("…")`
    "from_str",
    "parse",
    "parse_in",
    "parse_normalized",
    "from_phrase",
    "from_base58_string",
    // actix-session's `CookieSession::signed(&[0; 32])`
    "signed",
    "private",
];

/// Key types that parse a key written as text (`let wallet: LocalWallet =
/// "<hex>".parse()?`, ethers' and alloy's own examples; a BIP-39 phrase):
/// a `let` typed as one of them (or as a type around one, `Arc<…>`) takes
/// the text as the key.
pub(crate) const TEXT_KEY_TYPES: [&str; 6] = [
    "PrivateKeySigner",
    "LocalSigner",
    "LocalWallet",
    "Mnemonic",
    "SecretKey",
    "SigningKey",
];

/// Whether the key constructor shown as `callee` (`PrivateKeySigner::from_str`,
/// `parse::<LocalWallet>`) parses a key written in a format (hex, base58,
/// a phrase) rather than taking any bytes as the key: placeholder text
/// passed to it is no key, it would fail.
pub(crate) fn parses_key_text(callee: &str) -> bool {
    callee.starts_with("parse::<")
        || callee.rsplit("::").next().is_some_and(|m| {
            matches!(
                m,
                "from_str"
                    | "parse"
                    | "parse_in"
                    | "parse_normalized"
                    | "from_phrase"
                    | "from_base58_string"
            )
        })
}

/// Calls whose second argument is a password: `basic_auth("user",
/// Some("…"))`, `login(user, "…")` (methods or functions).
pub(crate) const CREDENTIAL_CALLS: [&str; 21] = [
    "basic_auth",
    "with_basic_auth",
    "with_auth",
    // ssh2's `Session::userauth_password(user, password)`, ldap's
    // `simple_bind(dn, password)`, bitcoincore-rpc's `Auth::UserPass(user, password)`
    "userauth_password",
    "simple_bind",
    "UserPass",
    // tiberius' `AuthMethod::sql_server(user, password)`, async-nats'
    // `ConnectOptions::with_user_and_password(user, password)`
    "sql_server",
    "with_user_and_password",
    "user_and_password",
    // rumqttc's `MqttOptions::set_credentials(user, password)`
    "set_credentials",
    "login",
    "sign_in",
    "authenticate",
    // mongodb's `db.auth(user, password)`
    "auth",
    "with_credentials",
    // mail-send's `SmtpClientBuilder::credentials(user, password)`
    "credentials",
    // jenkins_api's `JenkinsBuilder::with_user(user, Some(password))`
    "with_user",
    // native-tls' `Identity::from_pkcs12(der, password)` (set 32)
    "from_pkcs12",
    // git2's `Cred::userpass_plaintext(user, password)`, given a token as
    // the password by most callers (`"x-access-token", &token`)
    "userpass_plaintext",
    // cyw43's `Control::join_wpa2(ssid, passphrase)` and
    // `start_ap_wpa2(ssid, passphrase, channel)`: a Wi-Fi network's
    // passphrase (set 37's Pico W examples)
    "join_wpa2",
    "start_ap_wpa2",
];

/// The type whose `from_der(der, password)` takes the archive's password
/// second: the `Pkcs12` of native-tls before 0.2 (and tokio-tls' examples,
/// set 32). openssl's one-argument `Pkcs12::from_der(der)` holds none.
pub(crate) const PKCS12_OWNER: &str = "Pkcs12";

/// Whether a call on the type `owner` may take a password second: a
/// credential type's ([`is_credential_owner`]) or [`PKCS12_OWNER`]'s.
pub(crate) fn is_password_owner(owner: &str) -> bool {
    is_credential_owner(owner) || owner == PKCS12_OWNER
}

/// Calls that derive a wallet's seed from its recovery phrase, whose last
/// argument is the BIP-39 passphrase (the "25th word"):
/// `mnemonic.to_seed("…")`, `Keys::from_mnemonic(phrase, Some("…"))`,
/// `Wallet::generate_seed(words, "…")`; and [`SEED_OWNER`]'s `new`
/// (`Seed::new(&mnemonic, "…")`, tiny-bip39).
pub(crate) const SEED_CALLS: [&str; 4] = [
    "to_seed",
    "to_seed_normalized",
    "from_mnemonic",
    "generate_seed",
];

/// The type whose `new(&mnemonic, passphrase)` takes a passphrase last.
pub(crate) const SEED_OWNER: &str = "Seed";

/// Calls whose first argument is a password to hash or check:
/// `hash_password(b"…", &salt)` (password-hash's `PasswordHasher`),
/// argon2's `hash_encoded`, and `bcrypt::hash("…", cost)` /
/// `bcrypt::verify("…", &hash)` (on [`PASSWORD_HASH_OWNERS`] only).
pub(crate) const PASSWORD_HASH_CALLS: [&str; 3] =
    ["hash_password", "hash_password_into", "hash_encoded"];

/// Modules whose `hash`, `hash_with_result` and `verify` take a password
/// first (and sodiumoxide's `pwhash::pwhash`).
pub(crate) const PASSWORD_HASH_OWNERS: [&str; 2] = ["bcrypt", "pwhash"];

/// Whether `owner::method(…)` (or `.method(…)` with no owner) takes a
/// password first (see [`PASSWORD_HASH_CALLS`]).
#[cfg(feature = "syn")]
pub(crate) fn hashes_a_password(method: &str, owner: Option<&str>) -> bool {
    PASSWORD_HASH_CALLS.contains(&method)
        || (owner.is_some_and(|o| PASSWORD_HASH_OWNERS.contains(&o))
            && matches!(method, "hash" | "hash_with_result" | "verify"))
        // sodiumoxide's argon2i: `pwhash::pwhash(password, ops, mem)` (set 33)
        || (owner == Some("pwhash") && method == "pwhash")
}

/// Whether `new(user, password)` of the type `owner` takes a password
/// second: a type named for credentials (lettre's SMTP `Credentials`,
/// `BasicCredentials`, `ExternalResourceGroupCredentials`, a `Credential`,
/// docker-api's `UserPassword::new(user, password, email, server)`), for
/// basic authentication (a web framework's `BasicAuth::new(user,
/// password, realm)`) or a SASL mechanism.
pub(crate) fn is_credential_owner(owner: &str) -> bool {
    // (and the abbreviation: xsync's `SshCred::new(user, password, host,
    // port)`, set 25; `UserPassword`, set 34)
    [
        "Credentials",
        "Credential",
        "Creds",
        "Cred",
        "BasicAuth",
        "UserPassword",
    ]
        .iter()
        .any(|suffix| owner.ends_with(suffix))
        // a SASL mechanism's: fe2o3-amqp's `SaslScramSha256::new(user,
        // password)`, `SaslPlain` (set 32)
        || owner
            .strip_prefix("Sasl")
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
}

/// Key types whose [`KEY_OWNER_METHODS`] take key material.
pub(crate) const KEY_OWNERS: [&str; 50] = [
    "Key",
    "Secret",
    "SigningKey",
    "HmacKey",
    "SecretKey",
    "EncodingKey",
    "DecodingKey",
    "Hmac",
    "LessSafeKey",
    "UnboundKey",
    "PrivateKey",
    // axum-sessions / async-session: `SessionLayer::new(store, secret)`
    "SessionLayer",
    // salvo's: `SessionHandler::builder(store, b"…")`
    "SessionHandler",
    // serde-encrypt's: `SharedKey::new(*b"…")`
    "SharedKey",
    // RustCrypto's block modes: `cbc::Encryptor::<Aes128>::new(key.into(), iv.into())`
    "Encryptor",
    "Decryptor",
    // secrecy's wrappers: a literal wrapped in one ships all the same
    "SecretString",
    "SecretBox",
    "SecretVec",
    "SecretSlice",
    // wallets: alloy's and ethers' signers, Solana's keypair, a BIP-39
    // recovery phrase
    "PrivateKeySigner",
    "LocalSigner",
    "LocalWallet",
    "Keypair",
    "Mnemonic",
    // jwt-simple's HMAC keys: `HS256Key::from_bytes(b"…")`
    "HS256Key",
    "HS384Key",
    "HS512Key",
    // jwt-compact's: `Hs256Key::new(b"…")`
    "Hs256Key",
    "Hs384Key",
    "Hs512Key",
    // actix's cookie session and identity: `CookieSession::signed(&[0; 32])`,
    // `CookieIdentityPolicy::new(&[0; 32])`
    "CookieSession",
    "CookieIdentityPolicy",
    // RustCrypto's AEADs: `Aes256Gcm::new(GenericArray::from_slice(b"…"))`
    "Aes128Gcm",
    "Aes256Gcm",
    "ChaCha20Poly1305",
    "XChaCha20Poly1305",
    // RustCrypto's block ciphers (`Aes128::new(GenericArray::from_slice(b"…"))`),
    // and stream ciphers and block modes, whose `new(key, nonce)` takes the
    // key first ([`takes_key_then_nonce`])
    "Aes128",
    "Aes192",
    "Aes256",
    "Aes128Ctr",
    "Aes192Ctr",
    "Aes256Ctr",
    "Aes128CbcEnc",
    "Aes128CbcDec",
    "Aes256CbcEnc",
    "Aes256CbcDec",
    "ChaCha20",
    "XChaCha20",
    // totp-rs' `TOTP::new(algorithm, digits, skew, step, secret, issuer,
    // account)`: the shared secret fifth (set 33)
    "TOTP",
];

/// Whether `owner`, one of [`KEY_OWNERS`], is a cipher whose constructor
/// takes a key and then a nonce or IV (`Aes128Ctr::new(&key, &nonce)`,
/// `Aes256CbcEnc`, `ChaCha20`): only the first argument is key material —
/// a nonce is public.
#[cfg(feature = "syn")]
pub(crate) fn takes_key_then_nonce(owner: &str) -> bool {
    [
        "Ctr",
        "CbcEnc",
        "CbcDec",
        "ChaCha20",
        "Encryptor",
        "Decryptor",
    ]
    .iter()
    .any(|end| owner.ends_with(end))
        && KEY_OWNERS.contains(&owner)
}

/// Which of the `args` arguments of a call on `owner`, one of
/// [`KEY_OWNERS`], are key material: a cipher's key before its nonce
/// ([`takes_key_then_nonce`]), a session layer's secret after its store
/// (`SessionLayer::new(RedisStore::new("redis://…"), secret)`,
/// `SessionHandler::builder(store, b"…")`), a TOTP's shared secret among
/// its settings (`TOTP::new(Algorithm::SHA1, 6, 1, 30, secret, issuer,
/// account)`), an HMAC's key before its message (`hs256(&k_service,
/// "aws4_request")`, set 34's SigV4 signer), else all.
#[cfg(feature = "syn")]
pub(crate) fn key_arguments(
    owner: Option<&str>,
    method: Option<&str>,
    args: usize,
) -> std::ops::Range<usize> {
    if matches!(method, Some("hs256" | "hs384" | "hs512")) {
        return 0..args.min(1);
    }
    match owner {
        Some(o) if takes_key_then_nonce(o) => 0..args.min(1),
        Some("TOTP") => args.min(4)..args.min(5),
        Some("SessionLayer" | "SessionHandler") => args.saturating_sub(1)..args,
        _ => 0..args,
    }
}

/// A file that is key material by its name: `*.pem`, `*.key`, `id_rsa`,
/// `*.p12`, or a name with a secret word in it — but not a public key or a
/// certificate (`public_key.pem`, `rsa2048-pub.pem`, `cert.pem`,
/// `ca-chain.pem`, `revoked.crl.pem`, `id_rsa.pub`): those are meant to be
/// shipped. A name that says private (`private_key.pem`, `ca-key.pem`)
/// stays key material whatever else it says.
pub fn is_key_file(path: &str) -> bool {
    let file = path
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(path)
        .to_ascii_lowercase();
    let file_words = words(&file);
    let has = |list: &[&str]| file_words.iter().any(|w| list.contains(&w.as_str()));
    if !has(&["private", "priv", "secret", "secrets", "sk"]) {
        if has(&["public", "pub", "pubkey", "spki"]) {
            return false;
        }
        if !has(&["key", "keys"])
            && has(&[
                "cert",
                "certs",
                "certificate",
                "certificates",
                "crt",
                "crl",
                "chain",
                "fullchain",
                "ca",
                "cacert",
                "csr",
                "trust",
                "truststore",
                "bundle",
            ])
        {
            return false;
        }
    }
    let ext_is_key = [".pem", ".key", ".p12", ".pfx", ".jks", ".keystore", ".p8"]
        .iter()
        .any(|e| file.ends_with(e));
    ext_is_key
        || file.starts_with("id_rsa")
        || file.starts_with("id_ed25519")
        || file.starts_with("id_ecdsa")
        || file == ".env"
        || file.starts_with(".env.")
        || is_secret_name(file.split('.').next().unwrap_or(&file))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_public_but_a_secret_id_is_not() {
        for name in ["client_id", "OPENAI_ORG_ID", "api_key_id", "tokenId"] {
            assert!(is_public_name(name), "{name}");
        }
        for name in ["secret_id", "VAULT_SECRET_ID", "identity", "idle_timeout"] {
            assert!(!is_public_name(name), "{name}");
        }
    }

    #[test]
    fn upper_snake_from_idents() {
        assert_eq!(upper_snake("jwt_secret"), "JWT_SECRET");
        assert_eq!(upper_snake("JWT_SECRET"), "JWT_SECRET");
        assert_eq!(upper_snake("signingKey"), "SIGNING_KEY");
        assert_eq!(upper_snake("r#type"), "TYPE");
        assert_eq!(upper_snake("oauth2Token"), "OAUTH2_TOKEN");
    }

    #[test]
    fn words_of_identifiers() {
        assert_eq!(words("apiKey"), ["api", "key"]);
        assert_eq!(words("API_KEY"), ["api", "key"]);
        assert_eq!(words("self.db_password"), ["self", "db", "password"]);
        assert_eq!(words("OAuth2Token"), ["oauth2", "token"]);
        for name in [
            "apiKey",
            "API_KEY",
            "self.db_password",
            "OAuth2Token",
            "__x9Y",
            "",
            "-",
            "aBC",
        ] {
            let ascii: Vec<String> = ascii_words(name).map(str::to_ascii_lowercase).collect();
            assert_eq!(ascii, words(name), "{name}");
        }
    }

    #[test]
    fn secret_names() {
        for yes in [
            "password",
            "db_password",
            "DB_PASSWORD",
            "apiKey",
            "api_key",
            "GITHUB_TOKEN",
            "client_secret",
            "signing_key",
            "privateKey",
            "jwt_secret",
            "passwd",
            "pwd",
            "WIFI_PSWD",
            "refreshToken",
            "aws_secret_access_key",
            "jwt",
            "jwt_key",
            "hmac_key",
            "COOKIE_KEY",
            "csrf_key",
            "token_pepper",
            "server_key",
            "SHARED_KEY",
            "Ocp-Apim-Subscription-Key",
            "subscription_key",
            "X-accountmanager-Key",
            // numbered: one of several (sets 20 and 27)
            "password2",
            "PASSWORD_2",
            "apiKey2",
            "secret1",
            "token_10",
        ] {
            assert!(is_secret_name(yes), "{yes}");
        }
        for no in [
            "jwt_secret_env",
            "password_hint",
            "token_url",
            "api_key_header",
            "key",
            "primary_key",
            "token_type",
            "username",
            "secret_name",
            "password_label",
            "cache_key",
            "hmac",
            "jwt_header",
            "",
            "Sec-WebSocket-Key",
            "Idempotency-Key",
            "X-Key",
            "x_axis_key",
            // a longer number is part of the name; a number after no noun
            "token2022",
            "user2",
            "oauth2",
            "key_2",
        ] {
            assert!(!is_secret_name(no), "{no}");
        }
        assert!(is_password_name("password2") && is_password_name("DB_PASS_1"));
        assert!(!is_password_name("password_2fa") && !is_password_name("pass123"));
        assert!(is_key_material_name("key2") && is_key_material_name("SEED_1"));
        assert!(!is_key_material_name("sha1") && !is_key_material_name("key_b64_2x"));
    }

    #[test]
    fn env_names() {
        for yes in ["JWT_SECRET", "A", "_X", "API_KEY_V2", "X509_KEY", "__A__"] {
            assert!(is_env_name(yes), "{yes}");
        }
        for no in [
            "",
            "_",
            "__",
            "_1",
            "9LIVES",
            "jwt_secret",
            "Jwt_Secret",
            "API-KEY",
            "API KEY",
            "ÄPFEL",
        ] {
            assert!(!is_env_name(no), "{no}");
        }
    }

    #[test]
    fn accounts_by_their_address() {
        for s in ["admin@example.com", "ops.team+ci@corp.io", "a@b.co"] {
            assert!(is_email_account(s), "{s}");
        }
        for s in [
            "git@github.com:x/y",
            "{user}@{host}",
            "@example.com",
            "admin@localhost",
            "user@host.c",
            "me@example..com@x",
        ] {
            assert!(!is_email_account(s), "{s}");
        }
    }

    #[test]
    fn callees_that_authenticate() {
        for callee in [
            "connect",
            "PgConnection::connect",
            "with_basic_Auth",
            "registerTestUser",
            "register_account",
            "signUp",
            &format!("{}_login", "x".repeat(80)),
        ] {
            assert!(says_it_authenticates(callee), "{callee}");
        }
        for callee in ["register_route", "push_str", "Überprüfung", &"y".repeat(80)] {
            assert!(!says_it_authenticates(callee), "{callee}");
        }
    }

    #[test]
    fn key_constructors() {
        let path = |s: &str| s.split("::").map(str::to_owned).collect::<Vec<_>>();
        assert!(is_key_constructor(&path("EncodingKey::from_secret")));
        assert!(is_key_constructor(&path(
            "jsonwebtoken::DecodingKey::from_secret"
        )));
        assert!(is_key_constructor(&path("Hmac::new_from_slice")));
        assert!(is_key_constructor(&path("Key::from_slice")));
        // totp-rs's seeds, a secrecy-style wrapper
        assert!(is_key_constructor(&path("Secret::Encoded")));
        assert!(is_key_constructor(&path("totp_rs::Secret::Raw")));
        assert!(is_key_constructor(&path("Secret::new")));
        assert!(!is_key_constructor(&path("Secret::generate_secret")));
        // wallets
        assert!(is_key_constructor(&path("PrivateKeySigner::from_str")));
        assert!(is_key_constructor(&path("bip39::Mnemonic::parse")));
        assert!(is_key_constructor(&path("Keypair::from_base58_string")));
        assert!(!is_key_constructor(&path("Mnemonic::generate")));
        assert!(!is_key_constructor(&path("String::from")));
        assert!(!is_key_constructor(&path("Vec::new")));
    }

    #[test]
    fn key_files() {
        for yes in [
            "keys/private.pem",
            "id_rsa",
            "../secrets/jwt.key",
            ".env",
            "api_token.txt",
            "client_secret.json",
            "private_rsa_key_pkcs8.pem",
            "ca-key.pem",
            "server.pem",
            "rsa2048-priv.pem",
            "identity.p12",
        ] {
            assert!(is_key_file(yes), "{yes}");
        }
        for no in [
            "README.md",
            "templates/index.html",
            "public.crt",
            "Cargo.toml",
            "tests/examples/pkcs8-public-key.pem",
            "keys/public_rsa_key_pkcs8.pem",
            "examples/rsa2048-pub.pem",
            "examples/spki.pem",
            "../test/cert.pem",
            "test-ca/rsa-2048/client.revoked.crl.pem",
            "../tests/badssl-com-chain.pem",
            "one-existing-ca.pem",
            "tls/ml-dsa-44-certificate.pem",
            "~/.ssh/id_rsa.pub",
        ] {
            assert!(!is_key_file(no), "{no}");
        }
    }

    #[test]
    fn host_addresses() {
        for yes in [
            "127.0.0.1:22",
            "db.internal:5432",
            "localhost:8080",
            "10.0.0.7",
            "https://api.example.com",
        ] {
            assert!(is_host_address(yes), "{yes}");
        }
        for no in [
            "cm03",
            "444444444444",
            "s3cret:pw",
            "a.b:",
            ":22",
            "1.2.3",
            "pa.ss:123456",
        ] {
            assert!(!is_host_address(no), "{no}");
        }
    }

    #[test]
    fn self_chosen_keys() {
        for yes in [
            "jwt_secret",
            "JWT_SECRET",
            "session_key",
            "cookieSecret",
            "signing_key",
            "secret",
            "SECRET_KEY",
            "master_password",
            "csrf_token",
            "AUTH_SECRET",
            "server_key",
        ] {
            assert!(is_self_chosen_key_name(yes), "{yes}");
        }
        for no in [
            "api_key",
            "password",
            "github_token",
            "client_secret",
            "aws_secret_key",
            "jwt_issuer",
            "session_id",
            "auth_token",
            "session_token",
        ] {
            assert!(!is_self_chosen_key_name(no), "{no}");
        }
    }
}
