//! Strings that look random or sit where a secret would, but are plainly not one.

/// A value that names or points at a secret rather than being one: an
/// environment variable name, a path, a URL without a password, an ARN, a
/// secret-manager reference, or prose (log messages, labels, prompts).
pub(crate) fn is_reference_or_prose(s: &str) -> bool {
    let t = s.trim();
    names_a_variable(t)
        || t.contains(char::is_whitespace)
        || is_rust_path(t)
        || is_dotted_reference(t)
        || is_oid(t)
        || is_path(t)
        || t.starts_with("arn:")
        || ["vault://", "awssm://", "awskms://", "file://", "env://"]
            .iter()
            .any(|p| t.starts_with(p))
        || (t.contains("://") && crate::formats::url_password(t).is_none())
        || is_file_name(t)
        || is_header_name(t)
}

/// An environment variable's name (`DB_PASSWORD`, `HOME`, `S3_KEY`), not
/// a password in capitals: a run of letters with digits and no `_`
/// (`TREZOR123`, ethers' example wallet's) is typed, not a name.
fn names_a_variable(t: &str) -> bool {
    crate::names::is_env_name(t)
        && !crate::entropy::has_unreadable_word(t)
        && (t.contains('_') || !t.bytes().any(|b| b.is_ascii_digit()))
}

/// `APCA-API-SECRET-KEY`, `X-AUTH-TOKEN`: an HTTP header's or a setting's
/// name in upper-case kebab case that names a secret, as an environment
/// variable's name does with `_`. (Lower case, `my-secret-key`, is what
/// people type as a key.)
fn is_header_name(t: &str) -> bool {
    t.contains('-')
        && t.starts_with(|c: char| c.is_ascii_uppercase())
        && t.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
        && t.split('-').all(|w| !w.is_empty())
        && crate::names::is_secret_name(&t.replace('-', "_"))
}

/// `settings.GITHUB_API_SECRET`, `config.db.password`,
/// `process.env.DB_PASSWORD`: identifiers joined by dots, ending in a
/// variable's or a secret's name — where the value is, not the value.
fn is_dotted_reference(t: &str) -> bool {
    let mut segments = t.split('.');
    let last = t.rsplit('.').next().unwrap_or(t);
    t.contains('.')
        && segments.all(|s| {
            s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        })
        && (crate::names::is_env_name(last) || crate::names::is_secret_name(last))
}

/// `/run/secrets/jwt`, `./keys/dev.pem`, `~/.aws/credentials`, `secret/data/jwt#key`:
/// slash-separated words, lower case or with a known shape.
pub(crate) fn is_path(s: &str) -> bool {
    if s.starts_with("./") || s.starts_with("../") || s.starts_with("~/") {
        return true;
    }
    let path = s.split('#').next().unwrap_or(s);
    let segments = || path.split('/').filter(|seg| !seg.is_empty());
    let lower = path.contains('/')
        && segments().count() >= 2
        && path.split('/').all(|seg| {
            seg.bytes().all(|b| {
                b.is_ascii_lowercase()
                    || b.is_ascii_digit()
                    || matches!(b, b'_' | b'-' | b'.' | b'{' | b'}' | b':')
            })
        });
    // an absolute route of words in any case (`/api/auth/checkAPIToken`,
    // `/oauth2/v1/Token`), which base64 with a `/` in it (`/9j/4AAQ…`,
    // `/Zq3C8xN1/…`) is not
    // (words are mostly lower case; base64 is half capitals)
    let few_capitals = || {
        let letters = path.bytes().filter(u8::is_ascii_alphabetic).count();
        path.bytes().filter(u8::is_ascii_uppercase).count() * 3 <= letters
    };
    lower
        || (path.starts_with('/')
            && segments().count() >= 2
            && few_capitals()
            && segments().all(is_route_segment))
}

/// A route's segment: words of two or more letters (a version's digits
/// after them: `v1`, `oauth2`) in camel, Pascal, snake or kebab case
/// (`checkAPIToken`, `{userId}`, `access_token`). Base64 splits into
/// one-letter words (`Zq3C8xN1`: `Zq`, `C`, `x`, `N`).
fn is_route_segment(seg: &str) -> bool {
    let seg = seg.trim_start_matches('{').trim_end_matches('}');
    let b = seg.as_bytes();
    if !b.first().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    let mut start = 0;
    for i in 0..=b.len() {
        let separator = i < b.len() && matches!(b[i], b'_' | b'-' | b'.' | b':');
        if i < b.len() && !separator && !b[i].is_ascii_alphanumeric() {
            return false;
        }
        // lower → upper (`checkAPI`), an acronym's last capital before a
        // lower-case word (`APIToken`: `API`, `Token`), digit → letter
        let boundary = i == b.len()
            || separator
            || (i > start
                && ((b[i].is_ascii_uppercase() && b[i - 1].is_ascii_lowercase())
                    || (b[i].is_ascii_uppercase()
                        && b[i - 1].is_ascii_uppercase()
                        && b.get(i + 1).is_some_and(u8::is_ascii_lowercase))
                    || (b[i].is_ascii_alphabetic() && b[i - 1].is_ascii_digit())));
        if !boundary {
            continue;
        }
        let word = &b[start..i];
        let letters = word.iter().take_while(|c| c.is_ascii_alphabetic()).count();
        // (a version's one letter is a whole segment: `v1`)
        let version = letters == 1 && word.len() == b.len() && word.len() > 1;
        if (letters < 2 && !version) || !word[letters..].iter().all(u8::is_ascii_digit) {
            return false;
        }
        start = if separator { i + 1 } else { i };
    }
    true
}

/// `jwt.pem`, `config.toml`: a file name with a short lower-case extension.
fn is_file_name(s: &str) -> bool {
    s.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty()
            && (1..=5).contains(&ext.len())
            && ext.bytes().all(|b| b.is_ascii_lowercase())
            && stem
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
            && !stem.bytes().any(|b| b.is_ascii_digit() && b != b'0')
    })
}

/// `serde_json::private::Number`, `$crate::value::RawValue`: a Rust path.
fn is_rust_path(s: &str) -> bool {
    let path = s.strip_prefix('$').unwrap_or(s);
    path.contains("::")
        && path.split("::").all(|seg| {
            !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        })
}

/// `1.2.840.113549.1.9.7`: an object identifier (or a version number),
/// three or more dot-separated numbers.
fn is_oid(s: &str) -> bool {
    s.split('.').count() >= 3
        && s.split('.')
            .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Shaped as a name can be written: 4 to 64 letters, digits, `_`, `-`,
/// `.` or spaces. Only such a value can be taken for a label that repeats
/// its name (the walker's `echoed_literal` and the pre-pass ask the same).
pub(crate) fn is_name_shaped(t: &str) -> bool {
    (4..=64).contains(&t.len())
        && t.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b' '))
}

/// One to three characters, one of them a letter or digit, no whitespace:
/// a password where only a password goes (the walker's `short_password`,
/// which also leaves out placeholders; the pre-pass's `SHORT_VALUE`).
pub(crate) fn is_short_value(value: &str) -> bool {
    let t = value.trim();
    (1..=3).contains(&t.chars().count())
        && t.chars().any(char::is_alphanumeric)
        && !t.contains(char::is_whitespace)
}

/// Whether `value`, given to a password, is the name of a password field
/// with a qualifier: `Credentials::new("smtp_username", "smtp_password")`,
/// `.password("app_password")` — an identifier: lower-case words of
/// letters joined by `_`, the last a password's word. The slot a reader
/// fills, as `your_password` is. A digit (`pass_2024`) or kebab case
/// (`hardcoded-password`, `new-password`) makes it a password someone typed.
pub(crate) fn names_a_password_field(value: &str, name: &str) -> bool {
    crate::names::is_password_name(name)
        && value.contains('_')
        // `default_passwd` is the default itself
        && !value.starts_with("default_")
        && value
            .rsplit('_')
            .next()
            .is_some_and(crate::names::is_password_word)
        && value
            .split('_')
            .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()))
}

/// Whether `value` only repeats the name it is bound to: `X_AMZ_SECURITY_TOKEN
/// = "x-amz-security-token"` (or `PLEX_TOKEN = "x-plex-token"`),
/// `LN_userPassword = b"userPassword\0"`, `access_token: "access-token"`. A constant that names a header, a field
/// or an attribute carries its own name, never a secret; every word of the
/// value is a word of the binding's name.
///
/// Not a default account's name as its password (`root_password = "root"`,
/// `admin_password: "admin"`): the first stand-in anyone tries.
pub(crate) fn echoes_name(value: &str, name: &str) -> bool {
    let value = value.trim_end_matches('\0');
    if value.is_ascii() && name.is_ascii() {
        // the same, allocating nothing: asked of most literals the pre-pass sees
        use crate::names::ascii_words;
        return value.bytes().any(|b| b.is_ascii_alphabetic())
            && ascii_words(value).enumerate().all(|(i, w)| {
                ascii_words(name).any(|n| n.eq_ignore_ascii_case(w))
                    || (i == 0 && is_extension_prefix(w))
            })
            && !(crate::names::is_account_name(value)
                && ascii_words(name)
                    .last()
                    .is_some_and(crate::names::is_password_word))
            && !is_stand_in_echo(value, name);
    }
    let value_words = crate::names::words(value);
    let name_words = crate::names::words(name);
    let account_password = crate::names::is_account_name(value)
        && name_words
            .last()
            .is_some_and(|w| crate::names::is_password_word(w));
    !account_password
        && !value_words.is_empty()
        && value.bytes().any(|b| b.is_ascii_alphabetic())
        && value_words
            .iter()
            .enumerate()
            .all(|(i, w)| name_words.contains(w) || (i == 0 && is_extension_prefix(w)))
}

/// `x`, first in a header's name (`PLEX_TOKEN = "x-plex-token"`, set 35):
/// the old mark of a header no standard defines, which a constant naming
/// the header may leave out of its own name.
fn is_extension_prefix(word: &str) -> bool {
    word.eq_ignore_ascii_case("x")
}

/// The word a secret's name ends in as its whole value, under a name that
/// says whose secret it is (`AP_PASSWORD = "password"`, `psql_password`'s
/// `default_value = "password"`, `fn default_secret() -> String {
/// "secret".into() }`): the stand-in the program runs with, which labellers
/// of five hold-out sets called a secret every time. Not where the name
/// says it names a thing (`FIELD_PASSWORD`, `COL_PASSWORD`, `PARAM_SECRET`),
/// nor a name of one word (`PASSWORD = "password"` is a key's name as
/// often as not).
fn is_stand_in_echo(value: &str, name: &str) -> bool {
    const STAND_IN_WORDS: [&str; 7] = [
        "password",
        "passwd",
        "pwd",
        "pass",
        "passphrase",
        "secret",
        "pepper",
    ];
    const NAMING_WORDS: [&str; 30] = [
        "field",
        "fields",
        "col",
        "column",
        "key",
        "param",
        "params",
        "attr",
        "attribute",
        "header",
        "name",
        "label",
        "prop",
        "property",
        "arg",
        "input",
        "form",
        "json",
        "query",
        "cookie",
        "storage",
        "env",
        "var",
        "type",
        "kind",
        "id",
        "tag",
        "placeholder",
        "prompt",
        "title",
    ];
    use crate::names::ascii_words;
    let value = value.trim();
    let Some(last) = ascii_words(name).last() else {
        return false;
    };
    value.eq_ignore_ascii_case(last)
        && STAND_IN_WORDS.iter().any(|w| last.eq_ignore_ascii_case(w))
        && ascii_words(name).count() >= 2
        && !ascii_words(name).any(|w| NAMING_WORDS.iter().any(|n| w.eq_ignore_ascii_case(n)))
}

/// Whether a value says what it is: a secret's, password's or key's word
/// in it, with a digit, no whitespace (`SuperSecretKey123!`,
/// `my-secret-key-2024`): a fallback that reads so is the key the program
/// runs with, whatever its variable is called (`RUSTFULL_DB_KEY`).
pub(crate) fn says_it_is_a_secret(value: &str) -> bool {
    // (asked of every literal of a file that reads the environment: the
    // cheap looks first)
    (8..=64).contains(&value.len())
        && value.bytes().any(|b| b.is_ascii_digit())
        && value.is_ascii()
        && !value.contains(char::is_whitespace)
        && !value.contains("://")
        && crate::names::ascii_words(value).any(|w| {
            ["secret", "password", "passwd", "key"]
                .iter()
                .any(|s| w.eq_ignore_ascii_case(s))
        })
}

/// Decodes standard or URL-safe base64, padded or not; `None` when `s` is
/// not base64 (or decodes to nothing).
pub(crate) fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let t = s.trim_end_matches('=');
    if t.is_empty() || t.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(t.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for b in t.bytes() {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// Base64 that is no key material: prose once decoded (`dGhlIHNhbXBsZSBub25jZQ==`
/// is `the sample nonce`: printable ASCII with a space; an encoded
/// `supersecretkey…` stays a key), an SSH public key (`AAAAC3NzaC1lZDI1NTE5…`: a length,
/// then `ssh-…`, `ecdsa-…` or `sk-…`), or the bytes 0, 1, 2, … counted up.
pub(crate) fn is_encoded_non_secret(s: &str) -> bool {
    let Some(bytes) = base64_decode(s.trim()) else {
        return false;
    };
    let text = bytes.len() >= 8
        && bytes
            .iter()
            .all(|&b| b.is_ascii_graphic() || b == b' ' || b == b'\n')
        && bytes.iter().any(|&b| b == b' ' || b == b'\n')
        && !is_user_and_password(&bytes);
    let ssh_public_key = bytes.len() > 11
        && bytes[..4] == [0, 0, 0, bytes[3]]
        && (7..=40).contains(&bytes[3])
        && [&b"ssh-"[..], b"ecdsa-", b"sk-"]
            .iter()
            .any(|p| bytes[4..].starts_with(p));
    let counting = bytes.len() >= 8 && bytes.windows(2).all(|w| w[1] == w[0].wrapping_add(1));
    text || ssh_public_key || counting
}

/// `user:password` with a password that is no stand-in: what a `Basic`
/// header or a Docker `auth` field encodes, a credential however it is written.
fn is_user_and_password(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes)
        .ok()
        .and_then(|text| text.split_once(':'))
        .is_some_and(|(user, password)| {
            !user.is_empty() && !crate::formats::is_dummy_password(user, password)
        })
}

/// An alphabet or other run of consecutive characters: `ABC…XYZabc…xyz0123456789+/`,
/// the charset of an encoder or a generator. At least three quarters of
/// the characters continue a run of four or more; or a standard alphabet
/// shuffled ([`is_shuffled_alphabet`]).
pub(crate) fn is_alphabet(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 16 {
        return false;
    }
    if is_shuffled_alphabet(b) {
        return true;
    }
    let mut in_runs = 0;
    let mut run = 1;
    for i in 1..=b.len() {
        if i < b.len() && b[i] == b[i - 1].wrapping_add(1) {
            run += 1;
        } else {
            if run >= 4 {
                in_runs += run;
            }
            run = 1;
        }
    }
    in_runs * 4 >= b.len() * 3
}

/// Each character of base64's alphabet (standard or URL-safe), of base62's,
/// base58's or base32's exactly once, in any order: a custom encoder's
/// table (set 28's campus-login client, `b"LVoJPiCN2R8G90yg+hmF…"`). A
/// random key over such an alphabet repeats a character long before it has
/// used them all.
fn is_shuffled_alphabet(b: &[u8]) -> bool {
    if !matches!(b.len(), 32 | 58 | 62 | 64) {
        return false;
    }
    let mut seen = [false; 128];
    for &c in b {
        if !c.is_ascii_alphanumeric() && !matches!(c, b'+' | b'/' | b'-' | b'_')
            || seen[usize::from(c)]
        {
            return false;
        }
        seen[usize::from(c)] = true;
    }
    let has = |c: u8| seen[usize::from(c)];
    let count = |range: std::ops::RangeInclusive<u8>| range.filter(|&c| has(c)).count();
    let (upper, lower, digits) = (count(b'A'..=b'Z'), count(b'a'..=b'z'), count(b'0'..=b'9'));
    match b.len() {
        // A–Z, 2–7
        32 => upper == 26 && count(b'2'..=b'7') == 6,
        // base58: no 0, O, I, l
        58 => upper + lower + digits == 58 && !has(b'0') && !has(b'O') && !has(b'I') && !has(b'l'),
        // base62, and base64's two more
        _ => upper + lower + digits == 62,
    }
}

/// `123e4567-e89b-12d3-a456-426614174000`.
pub(crate) fn is_uuid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A blockchain account address, public by design and as random as a key:
/// Tezos (`tz1…`, `tz2…`, `tz3…`, `tz4…`, contracts `KT1…`: 33 base58
/// characters after the prefix) and Bitcoin bech32 (`bc1…`, 42 or 62
/// characters, lowercase), and Tron (`T` and 33 base58 characters: version
/// byte 0x41 in base58check), Solana (a 32-byte public key or mint in
/// base58: 43 or 44 characters, no prefix), and Ethereum's and the other
/// EVM chains' (`0x` and 40 hex digits, EIP-55's mixed case too: set 41's
/// `"0x4365…".parse::<Address>()`). A Tezos *secret* key starts
/// `edsk`/`spsk`/`p2sk`; a Tron private key is 64 hex digits; a Solana
/// keypair is 64 bytes (87 or 88 base58 characters).
///
/// Solana's shape has no prefix to tell it by: a random token of 44 base62
/// characters avoids `0`, `O`, `I` and `l` one time in twenty. It is only
/// asked where nothing names the text a secret (see `scan_literal`).
pub(crate) fn is_public_address(s: &str) -> bool {
    const BASE58: &str = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    if matches!(s.len(), 43 | 44) {
        return s.chars().all(|c| BASE58.contains(c));
    }
    if !matches!(s.len(), 34 | 36 | 42 | 62) {
        return false;
    }
    if let Some(hex) = s.strip_prefix("0x") {
        return hex.len() == 40 && is_hex(hex);
    }
    if s.len() == 34 {
        return s
            .strip_prefix('T')
            .is_some_and(|r| r.chars().all(|c| BASE58.contains(c)));
    }
    const BECH32: &str = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    let tezos = ["tz1", "tz2", "tz3", "tz4", "KT1"].iter().any(|p| {
        s.strip_prefix(p)
            .is_some_and(|r| r.len() == 33 && r.chars().all(|c| BASE58.contains(c)))
    });
    let bitcoin = s
        .strip_prefix("bc1")
        .is_some_and(|r| matches!(s.len(), 42 | 62) && r.chars().all(|c| BECH32.contains(c)));
    tezos || bitcoin
}

/// Subresource-integrity and lockfile hashes: `sha512-<base64>`, `sha256:<hex>`.
pub(crate) fn is_integrity_hash(s: &str) -> bool {
    [
        "sha1", "sha256", "sha384", "sha512", "md5", "blake2b", "blake3",
    ]
    .iter()
    .any(|alg| {
        s.strip_prefix(alg)
            .is_some_and(|rest| rest.starts_with('-') || rest.starts_with(':'))
    })
}

/// A password hash in the modular crypt or PHC string format: `$`, an
/// algorithm's id (`argon2id`, `2b` for bcrypt, `scrypt`, `pbkdf2-sha256`,
/// `6` for SHA-512-crypt), its parameters and salt, and the hash last (16
/// or more characters of `[A-Za-z0-9./+]`) —
/// `$argon2id$v=19$m=15000,t=2,p=1$gZiV…$CWOr…`, `$2b$12$…`. What a server
/// stores to check a password against, not the password: zero2prod's
/// fallback hash (set 33) that keeps a login's timing the same for unknown
/// users is one.
pub(crate) fn is_password_hash(s: &str) -> bool {
    const IDS: [&str; 16] = [
        "argon2id",
        "argon2i",
        "argon2d",
        "2a",
        "2b",
        "2x",
        "2y",
        "scrypt",
        "pbkdf2",
        "pbkdf2-sha256",
        "pbkdf2-sha512",
        "1",
        "5",
        "6",
        "7",
        "y",
    ];
    let Some(rest) = s.strip_prefix('$') else {
        return false;
    };
    let mut fields = rest.split('$');
    let (Some(id), Some(hash)) = (fields.next(), fields.next_back()) else {
        return false;
    };
    IDS.contains(&id)
        && fields.next().is_some()
        && hash.len() >= 16
        && hash
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'/' | b'+'))
}

/// A Stripe object's id (`card_189g322eZvKYlo2CeoPw2sdy`, `cus_…`, `pi_…`):
/// its type's prefix, `_`, and 14 to 32 letters and digits. It names a card,
/// customer or payment; only keys (`sk_…`, `rk_…`) and client secrets
/// (`pi_…_secret_…`, with a second `_`) authenticate.
pub(crate) fn is_stripe_object_id(s: &str) -> bool {
    const PREFIXES: [&str; 14] = [
        "card", "cus", "ch", "pi", "pm", "prod", "price", "sub", "in", "txn", "evt", "acct",
        "seti", "src",
    ];
    s.split_once('_').is_some_and(|(prefix, id)| {
        PREFIXES.contains(&prefix)
            && (14..=32).contains(&id.len())
            && id.bytes().all(|b| b.is_ascii_alphanumeric())
    })
}

/// Only hex digits: digests, git object ids, checksums. Without a secret
/// context these are far more often hashes than keys.
pub(crate) fn is_hex(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// `getUserAccountSettingsById2`, `handleOAuth2Callback`,
/// `AbstractSingletonProxyFactoryBean`, `com.example.UserRepository`,
/// `application/x-www-form-urlencoded`: identifiers and dotted names, whose
/// letters come in words.
pub(crate) fn is_identifier_like(s: &str) -> bool {
    s.split(['.', '-', '_', '/', ':'])
        .filter(|part| part.len() > 1)
        .all(is_camel_words)
        || is_word_chain(s)
}

/// `pcels8021HdrSourceMACAddress`, `sha256WithRSAEncryption`,
/// `CRYPTO_poly1305_finish`, `AWSSecurityTokenServiceV20110615`: words,
/// acronyms and numbers, as C symbols, OID names and service ids glue them.
///
/// Each part (split at `.`, `-`, `_`, `/`, `:`) is cut into words (a
/// capital and two or more lower-case letters, or lower case alone),
/// acronyms (two to six capitals) and numbers (up to four digits); at most
/// two pieces in all may be anything else (a lone capital, a two-letter
/// word, a long number), and the pieces average at least four characters
/// over the whole string. Random base64 cuts into far more, far shorter
/// pieces: `scan/src/benign.rs`'s tests measure it.
fn is_word_chain(s: &str) -> bool {
    let (mut pieces, mut odd, mut chars) = (0, 0, 0);
    for part in s.split(['.', '-', '_', '/', ':']).filter(|p| !p.is_empty()) {
        let Some((n, o)) = word_pieces(part) else {
            return false;
        };
        pieces += n;
        odd += o;
        chars += part.len();
    }
    pieces >= 2 && odd <= 2 && chars >= 4 * pieces
}

/// The pieces of one part and how many are odd (see [`is_word_chain`]);
/// `None` when a character is not an ASCII letter or digit.
fn word_pieces(part: &str) -> Option<(usize, usize)> {
    let b = part.as_bytes();
    let (mut i, mut pieces, mut odd) = (0, 0, 0);
    while i < b.len() {
        let start = i;
        let mut len_ok;
        if b[i].is_ascii_uppercase() {
            while i < b.len() && b[i].is_ascii_uppercase() {
                i += 1;
            }
            let caps = i - start;
            if i < b.len() && b[i].is_ascii_lowercase() && caps > 1 {
                // `RSAEncryption`: the last capital starts the next word
                i -= 1;
                len_ok = (2..=6).contains(&(caps - 1));
            } else if i < b.len() && b[i].is_ascii_lowercase() {
                while i < b.len() && b[i].is_ascii_lowercase() {
                    i += 1;
                }
                len_ok = i - start >= 3;
            } else {
                len_ok = (2..=6).contains(&caps) || caps == part.len();
            }
        } else if b[i].is_ascii_lowercase() {
            while i < b.len() && b[i].is_ascii_lowercase() {
                i += 1;
            }
            len_ok = i - start >= 3;
        } else if b[i].is_ascii_digit() {
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            len_ok = i - start <= 4;
        } else {
            return None;
        }
        if i == start {
            return None;
        }
        if i - start == 1 && i < b.len() && b[i].is_ascii_digit() {
            // `x86`, `V2`: a letter that names a number is one piece
            let digits = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            len_ok = i - digits <= 4;
        }
        pieces += 1;
        if !len_ok {
            odd += 1;
        }
    }
    Some((pieces, odd))
}

/// One identifier made of words: each an optional capital, then at least two
/// lower-case letters, then at most two digits. Up to two words may be a lone
/// capital (the `O` of `OAuth`, the `X` of `XHeader`) and up to two a capital
/// with one lower-case letter (`By`, `Id`); only the first word may start in
/// lower case. Random base64 rarely splits this way (0.7% of 20-character
/// tokens, 0.03% of 32-character ones, 0.002% of 43-character ones): its
/// capitals are too dense and its digits scattered.
fn is_camel_words(part: &str) -> bool {
    let bytes = part.as_bytes();
    let mut i = 0;
    let mut lone_capitals = 0;
    let mut short_words = 0;
    let mut words = 0;
    while i < bytes.len() {
        let start = i;
        if bytes[i].is_ascii_uppercase() {
            i += 1;
        } else if words > 0 {
            return false; // only the first word may start in lower case
        }
        let lower_start = i;
        while i < bytes.len() && bytes[i].is_ascii_lowercase() {
            i += 1;
        }
        let lower = i - lower_start;
        let digit_start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i - digit_start > 2 || i == start {
            return false; // a long number, or a character that is no letter or digit
        }
        match lower {
            0 if i - start == 1 || bytes[start].is_ascii_uppercase() => lone_capitals += 1,
            1 if bytes[start].is_ascii_uppercase() => short_words += 1,
            0 | 1 => return false,
            _ => {}
        }
        words += 1;
    }
    words > 0 && lone_capitals <= 2 && short_words <= 2 && lone_capitals + short_words < words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_hash_is_told_by_its_algorithm_and_hash() {
        for t in [
            // (made up, in each algorithm's shape)
            "$argon2id$v=19$m=15000,t=2,p=1$gZiV/M1gPc22ElAH/Jh1Hw$CWOrkoo7oJBQ/iyh7uJ0LO2aLEfrHwTWllSAxT0zRno",
            "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
            "$6$rounds=5000$usesomesillystri$D4IrlXatmP7rx3P3InaxBeoomnAihCKRVQP22JZ6EY47Wc6BkroIuUUBOov1i.S5KPgErtP/EN5mcO.ChWQW21",
            "$scrypt$ln=16,r=8,p=1$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E",
        ] {
            assert!(is_password_hash(t), "{t}");
        }
        for t in [
            // no algorithm's id, no hash after it, a hash too short, a
            // template's `$`
            "$secret$v=1$Zq3C8xN1vT6bW0pL4mK9sR2d",
            "$argon2id$v=19$m=15000,t=2,p=1$",
            "$2b$12$short",
            "$2b",
            "${JWT_SECRET}",
        ] {
            assert!(!is_password_hash(t), "{t}");
        }
    }

    #[test]
    fn a_header_name_in_upper_kebab_case_is_a_name() {
        for t in ["APCA-API-SECRET-KEY", "X-AUTH-TOKEN"] {
            assert!(is_reference_or_prose(t), "{t}");
        }
        for t in ["my-secret-key", "ABCD-EFGH-1234", "X-REQUEST-ID-", "SECRET"] {
            assert!(!is_header_name(t), "{t}");
        }
    }

    #[test]
    fn a_password_fields_name_is_no_password() {
        for (value, name) in [
            ("smtp_password", "password"),
            ("app_password", "pass"),
            ("db_pwd", "db_password"),
        ] {
            assert!(names_a_password_field(value, name), "{value}");
        }
        for (value, name) in [
            ("default_passwd", "pg_passwd"),
            ("hardcoded-password", "password"),
            ("pass_2024", "password"),
            ("smtp_password", "api_key"),
            ("password", "password"),
            ("Smtp_Password", "password"),
        ] {
            assert!(!names_a_password_field(value, name), "{value}");
        }
    }

    #[test]
    fn references_and_prose() {
        for r in [
            "JWT_SECRET",
            "HOME",
            "S3_KEY",
            "/run/secrets/jwt",
            "secret/data/jwt#secret",
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/jwt",
            "vault://secret/data/jwt#key",
            "https://example.com/token",
            "invalid password for user",
            "jwt.pem",
            "./keys/dev.key",
        ] {
            assert!(is_reference_or_prose(r), "{r}");
        }
        for s in [
            "hunter2",
            // a password in capitals (ethers' example wallet's)
            "TREZOR123",
            "q83vEjRWeJCrze8SNFZ4kKvN7xI0",
            "postgres://app:hunter22@db/app",
        ] {
            assert!(!is_reference_or_prose(s), "{s}");
        }
    }

    #[test]
    fn shapes() {
        assert!(is_uuid("123e4567-e89b-12d3-a456-426614174000"));
        assert!(!is_uuid("123e4567-e89b-12d3-a456-42661417400g"));
        assert!(is_integrity_hash(
            "sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg=="
        ));
        assert!(is_stripe_object_id("card_189g322eZvKYlo2CeoPw2sdy"));
        assert!(is_stripe_object_id("cus_NffrFeUfNV2Hib"));
        assert!(!is_stripe_object_id("sk_live_Zq3C8xN1vT6bW0pL4mK9sR2d"));
        assert!(!is_stripe_object_id(
            "pi_3MtwBwLkdIwHu7ix28a3tqPa_secret_YrKJUKribcBjcG8HVhfZluoGH"
        ));
        assert!(is_identifier_like("getUserAccountSettingsById2"));
        assert!(is_identifier_like("AbstractSingletonProxyFactoryBean"));
        assert!(is_identifier_like("com.example.service.UserRepository"));
        assert!(is_identifier_like("handleOAuth2Callback"));
        assert!(is_identifier_like("application/x-www-form-urlencoded"));
        assert!(!is_identifier_like("q83vEjRWeJCrze8SNFZ4kKvN7xI0"));
        assert!(!is_identifier_like(
            "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY"
        ));
    }
}

#[cfg(test)]
mod shape_tests {
    use super::*;

    #[test]
    fn values_that_repeat_their_name_are_names() {
        assert!(echoes_name("x-amz-security-token", "X_AMZ_SECURITY_TOKEN"));
        assert!(echoes_name("userPassword\0", "LN_userPassword"));
        assert!(echoes_name(
            "id-it-revPassphrase\0",
            "SN_id_it_revPassphrase"
        ));
        assert!(echoes_name("access-token", "access_token"));
        // an extension header's `x-` (set 35's Plex client)
        assert!(echoes_name("x-plex-token", "PLEX_TOKEN"));
        assert!(!echoes_name("plex-x-token", "PLEX_TOKEN"));
        assert!(!echoes_name("x-plex-token", "password"));
        assert!(echoes_name("Static", "STATIC_CREDENTIALS"));
        // a default account's password set to its name
        assert!(!echoes_name("root", "root_password"));
        assert!(!echoes_name("admin", "ADMIN_PASSWORD"));
        assert!(echoes_name("admin", "admin_token"));
        assert!(!echoes_name("hunter22", "password"));
        assert!(!echoes_name("token-7f3a9c", "api_token"));
        assert!(!echoes_name("1234", "pin_1234"));
        // the secret's own word, under a name that says whose it is
        assert!(!echoes_name("password", "AP_PASSWORD"));
        assert!(!echoes_name("password", "psql_password"));
        assert!(!echoes_name("secret", "default_secret"));
        assert!(!echoes_name("Pepper", "hash_pepper"));
        assert!(echoes_name("password", "FIELD_PASSWORD"));
        assert!(echoes_name("secret", "param_secret"));
        assert!(echoes_name("password", "PASSWORD"));
        assert!(echoes_name("token", "ACCESS_TOKEN"));
    }

    #[test]
    fn oids_and_rust_paths_are_references() {
        assert!(is_reference_or_prose("1.3.6.1.4.1.311.21.40"));
        assert!(is_reference_or_prose("2.5.4.35"));
        assert!(is_reference_or_prose("$my_crate::private::Token"));
        assert!(is_reference_or_prose("std::env::VarError"));
        assert!(!is_reference_or_prose("1.2"));
        assert!(!is_reference_or_prose("a::"));
        // a base32 seed is not an environment variable's name
        assert!(!is_reference_or_prose("K5QW4ZLSMFXGIZLM"));
    }

    #[test]
    fn values_that_say_they_are_secrets() {
        for yes in ["SuperSecretKey123!", "my-secret-key-2024", "dev_password_1"] {
            assert!(says_it_is_a_secret(yes), "{yes}");
        }
        for no in [
            "key_2",
            "localhost:5432",
            "token_cache_1",
            "monkey1234",
            "my-secret-key",
            "postgres://u:secret1@db",
            "the secret 123",
        ] {
            assert!(!says_it_is_a_secret(no), "{no}");
        }
    }

    #[test]
    fn routes_are_paths_and_base64_is_not() {
        // set 15: an API route under a token's name
        for route in [
            "/api/auth/checkAPIToken",
            "/oauth2/v1/Token",
            "/users/{userId}/Sessions",
            "src/bin/seed.rs",
        ] {
            assert!(is_path(route), "{route}");
        }
        for token in [
            "/9j/4AAQSkZJRgABAQAAAQABAAD",
            "/Zq3C8xN1/vT6bW0pL4mK9sR2d",
            "Zq3C8xN1/vT6bW0pL4mK9sR2d",
            "/Ab+cD/eF",
        ] {
            assert!(!is_path(token), "{token}");
        }
    }

    #[test]
    fn alphabets_are_not_keys() {
        assert!(is_alphabet(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        ));
        assert!(is_alphabet("abcdefghijklmnopqrstuvwxyz0123456789"));
        assert!(!is_alphabet("q83vEjRWeJCrze8SNFZ4kKvN7xI0"));
        assert!(!is_alphabet("abcd"));
        // shuffled: a custom encoder's table
        assert!(is_alphabet(
            "INmadDKujAH0itYG4UZSrx5l1JncQXvVq8gh67wfpP+2WFEbB9eko/3RLMzOsyCT"
        ));
        assert!(is_alphabet("QUSCJZADGLPMTF7X62Y453WENOVHKRBI"));
        // a random 64-character key repeats characters
        assert!(!is_alphabet(
            "6UaRQZ7k41nT+TY7z9yQTjzf8rJpRPthrlrSXuL+/csBJjdNjXptg7wK2RtW/zFE"
        ));
    }

    #[test]
    fn encoded_prose_ssh_public_keys_and_counting_are_not_keys() {
        // "a sample nonce, not a key"
        assert!(is_encoded_non_secret(
            "YSBzYW1wbGUgbm9uY2UsIG5vdCBhIGtleQ=="
        ));
        // the wire form of an ssh-ed25519 public key: length 11, "ssh-ed25519", then key bytes
        assert!(is_encoded_non_secret(
            "AAAAC3NzaC1lZDI1NTE5AAAAIGx1c3RyZWFkeXRvYmVkZWNvZGVkaGVyZWFuZHRo"
        ));
        // the bytes 0..=23 counted up
        assert!(is_encoded_non_secret("AAECAwQFBgcICQoLDA0ODxAREhMUFRYX"));
        // "supersecretkey0123456789": text, but a key
        assert!(!is_encoded_non_secret("c3VwZXJzZWNyZXRrZXkwMTIzNDU2Nzg5"));
        // "deploy:Tq7vXw2pLm": a user and a password
        assert!(!is_encoded_non_secret("ZGVwbG95OlRxN3ZYdzJwTG0="));
        assert!(!is_encoded_non_secret("q83vEjRWeJCrze8SNFZ4kKvN7xI0"));
    }

    #[test]
    fn base64_decodes_both_alphabets() {
        assert_eq!(base64_decode("aGk="), Some(b"hi".to_vec()));
        assert_eq!(base64_decode("aGk"), Some(b"hi".to_vec()));
        assert_eq!(base64_decode("-_8"), Some(vec![0xfb, 0xff]));
        assert_eq!(base64_decode("a"), None);
        assert_eq!(base64_decode("a b"), None);
    }
}

#[cfg(test)]
mod word_chain_tests {
    use super::*;

    /// xorshift64*: a fixed sequence, no dependency.
    fn tokens(len: usize, n: usize, alphabet: &[u8]) -> Vec<String> {
        let mut state = 0x9E37_79B9_7F4A_7C15_u64 ^ len as u64;
        (0..n)
            .map(|_| {
                (0..len)
                    .map(|_| {
                        state ^= state >> 12;
                        state ^= state << 25;
                        state ^= state >> 27;
                        let r = (state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize;
                        char::from(alphabet[r % alphabet.len()])
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn symbols_and_oid_names_are_word_chains() {
        for s in [
            "associatedX400Gateway",
            "pcels8021HdrSourceMACAddress",
            "sha256WithRSAEncryption",
            "CRYPTO_poly1305_finish_neon",
            "LIMBS_window5_split_window",
            "PrivateModulusLenNotMultipleOf512Bits",
            "CryptOIDInfoMgf1Parameters",
            "AWSSecurityTokenServiceV20110615",
            "certificationAuthority-V2",
            "CFLAGS_x86_64-unknown-linux-gnu",
            "Another-User-Agent/42",
        ] {
            assert!(is_identifier_like(s), "{s}");
        }
        for s in [
            "q83vEjRWeJCrze8SNFZ4kKvN7xI0",
            "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY",
            "AQAEAFTNrA4eEGx0AQgJ1arIq_Cc-t4tWt3fB0Hd8RKhXlKc5ccvhg",
        ] {
            assert!(!is_identifier_like(s), "{s}");
        }
    }

    #[test]
    fn random_base64_is_rarely_a_word_chain() {
        const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (len, most) in [(20, 40), (24, 30), (32, 4), (43, 1)] {
            let chains = tokens(len, 20_000, B64)
                .iter()
                .filter(|t| is_word_chain(t))
                .count();
            println!("{len}: {chains} of 20000");
            assert!(chains <= most, "{len}: {chains} of 20000");
        }
    }

    #[test]
    fn blockchain_addresses_are_public() {
        assert!(is_public_address("tz1fGCqibiGS1W7fWCCCCLQ9rzMiayAsMa4R"));
        assert!(is_public_address("KT1PWx2mnDueood7fEmfbBDKx1D9BAnnXitn"));
        // Tron's USDT contract
        assert!(is_public_address("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"));
        assert!(!is_public_address("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6l"));
        assert!(!is_public_address("XR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"));
        assert!(is_public_address(
            "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"
        ));
        // a Tezos secret key, a wrong length, a character outside base58
        assert!(!is_public_address(
            "edsk4Nv9m2dieMVmEefcBUePbyYmKxx3C5mjspEnFz7xCBYhTdx46R"
        ));
        // Solana mints (USDC, and Raydium's RAY)
        assert!(is_public_address(
            "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v"
        ));
        assert!(is_public_address(
            "4k3Dyjzvzp8eMZWUXbBCjEvwSkkk59S5iCNLY3QrkX6R"
        ));
        // a base64 secret of that length, and a 64-byte Solana keypair
        assert!(!is_public_address(
            "q0Xc+9bVv3n1Rr8Kp2Wm7Yt5Gz4Hs6Jd1Lf0Ae3Bu9N="
        ));
        assert!(!is_public_address(
            "4Z7cXSyeFR8wNGMVXUE1TwtKn5D5Vu7FzEv69dokLv7KrQk7h6pu4LF8ZRR9yQBhc7uSM6RTTZtU1fmaxiNrxXrs"
        ));
        assert!(is_public_address(
            "0x52908400098527886E0F7030069857D2E4169EE7"
        ));
        assert!(is_public_address(
            "0xde709f2102306220921060314715629080e2fb77"
        ));
        // a private key's 64 digits, or an address one short
        assert!(!is_public_address(
            "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
        ));
        assert!(!is_public_address(
            "0x52908400098527886E0F7030069857D2E4169EE"
        ));
        assert!(!is_public_address("tz1fGCqibiGS1W7fWCCCCLQ9rzMiayAsMa4"));
        assert!(!is_public_address("tz1fGCqibiGS1W7fWCCCCLQ9rzMiayAsMa40"));
    }
}
