//! Known credential formats: prefixes and shapes issuers publish so that scanners find them.

use crate::rule::Rule;

/// The first known format found in any token of `s`.
pub(crate) fn known_format(s: &str) -> Option<Rule> {
    known_format_strength(s).map(|(rule, _)| rule)
}

/// [`known_format`], only where it is no stand-in (`password`, the user's
/// name again): what free text such as a source comment is held to. Text
/// with neither a URL nor a run of 16 token characters holds none (most
/// comments: checked first, cheaply).
pub(crate) fn real_known_format(s: &str) -> Option<Rule> {
    let bytes = s.as_bytes();
    let mut run = 0;
    let candidate = bytes.iter().enumerate().any(|(i, &b)| {
        run = if is_prose_token_byte(b) { run + 1 } else { 0 };
        run >= 16 || (b == b':' && bytes[i..].starts_with(b"://"))
    });
    if !candidate {
        return None;
    }
    known_format_strength(s)
        .filter(|&(_, strength)| strength == Strength::Real)
        .map(|(rule, _)| rule)
}

/// A byte of a token as [`real_known_format`] counts runs of them: what
/// issuer tokens, JWTs and base64 are written in. The pre-pass's comment
/// pass counts with the same bytes, so both see the same candidates.
pub(crate) const fn is_prose_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'+' | b'/' | b'=')
}

/// A JSON Web Key with its private member: a `"kty"` and a `"d"` whose
/// value is 20 or more base64url characters (an Ed25519 or P-256 key's 43,
/// an RSA key's hundreds) — an OKP, EC or RSA private key as RFC 7517
/// writes it. A public JWK (`"x"`, `"y"`, `"n"`, `"e"` only) is none.
fn is_jwk_private_key(s: &str) -> bool {
    // (asked of every literal with a `:`: a byte window, not a searcher)
    if !s.as_bytes().windows(5).any(|w| w == b"\"kty\"") {
        return false;
    }
    s.match_indices("\"d\"").any(|(at, _)| {
        let rest = s[at + 3..].trim_start();
        let Some(rest) = rest.strip_prefix(':') else {
            return false;
        };
        let Some(value) = rest.trim_start().strip_prefix('"') else {
            return false;
        };
        let len = value
            .bytes()
            .take_while(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            .count();
        len >= 20
            && value.as_bytes().get(len) == Some(&b'"')
            && !crate::placeholder::is_placeholder_text(&value[..len])
    })
}

/// How much a password found in a URL, a connection string or a `Basic`
/// header proves: a password, or only a stand-in for one (`password`,
/// `p@ssw0rd`, the user name again: `postgres:password@localhost`,
/// `guest:guest`), which ships in a binary all the same but which tests
/// write to exercise a parser.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Strength {
    StandIn,
    Real,
}

/// [`known_format`], and whether what it found is only a stand-in.
pub(crate) fn known_format_strength(s: &str) -> Option<(Rule, Strength)> {
    // most literals hold none of the bytes these formats need: one pass
    // over them spares each check its own search
    let (mut dash, mut colon, mut dot, mut space, mut slash, mut amp) =
        (false, false, false, false, false, false);
    let (mut lt, mut quote, mut paren) = (false, false, false);
    for b in s.bytes() {
        match b {
            b'<' => lt = true,
            b'\'' => quote = true,
            b'(' => paren = true,
            b'&' => amp = true,
            b'-' => dash = true,
            b':' => colon = true,
            b'.' => dot = true,
            b' ' => space = true,
            b'/' => slash = true,
            _ => {}
        }
    }
    let real = |rule| Some((rule, Strength::Real));
    if dash && is_pem_private_key(s) {
        return real(Rule::PemPrivateKey);
    }
    if colon && is_jwk_private_key(s) {
        return real(Rule::JwkPrivateKey);
    }
    // (both webhooks' hosts hold `hooks`: one cheap look before either)
    let hooks = dot && s.as_bytes().windows(5).any(|w| w == b"hooks");
    if hooks && is_slack_webhook(s) {
        return real(Rule::SlackWebhook);
    }
    if hooks && is_discord_webhook(s) {
        return real(Rule::DiscordWebhook);
    }
    // every URL in the text, not only the first (`see http://docs, or
    // redis://:pw@host`)
    if colon
        && let Some(strength) = urls(s)
            .filter_map(|url| {
                url_credential(url)
                    .and_then(|(user, password, host)| {
                        // a stand-in for a documentation host is an example
                        password_strength(user, password)
                            .filter(|&st| st == Strength::Real || !is_documentation_host(host))
                    })
                    .max(query_password(url).flatten())
            })
            .max()
    {
        return Some((Rule::UrlPassword, strength));
    }
    if let Some(strength) = connection_string_password(s) {
        return Some((Rule::ConnectionStringPassword, strength));
    }
    if amp && let Some(strength) = form_password(s) {
        return Some((Rule::FormPassword, strength));
    }
    if (lt || (quote && paren && space))
        && let Some(strength) = document_password(s)
    {
        return Some((Rule::DocumentPassword, strength));
    }
    if space && let Some(strength) = authorization_credential(s) {
        return Some((Rule::AuthorizationHeader, strength));
    }
    if colon && otpauth_secret(s) {
        return real(Rule::TotpSeed);
    }
    if colon && has_telegram_bot_token(s) {
        return real(Rule::TelegramBotToken);
    }
    if colon && has_twitch_chat_token(s) {
        return real(Rule::TwitchChatToken);
    }
    // (every provider's path has `infura`, `alchemy` or `quiknode`: a
    // byte's look for their `fura`, `chem` or `kno` first)
    if dot && slash && may_name_rpc_provider(s) && has_rpc_provider_key(s) {
        return real(Rule::RpcProviderKey);
    }
    if s.len() < MIN_TOKEN {
        return None;
    }
    // an issuer's token in a URL's query is the issuer's (`?key=AIza…`)
    if let Some(rule) = tokens(s).find_map(token_format) {
        return real(rule);
    }
    (colon && has_url_api_key(s)).then_some((Rule::UrlApiKey, Strength::Real))
}

/// Whether a URL in `s` has an API key in its query or a device's token
/// in its path (see [`query_api_key`]).
pub(crate) fn has_url_api_key(s: &str) -> bool {
    urls(s).any(query_api_key)
}

/// Every URL in `s`, each as the text from its `://` on (`see
/// http://docs, or redis://:pw@host` holds two).
fn urls(s: &str) -> impl Iterator<Item = &str> {
    s.match_indices("://").map(|(at, _)| &s[at..])
}

/// What a password of `user` proves: nothing when it is a placeholder, too
/// short or not something a URL carries (see [`is_placeholder_password`]);
/// a stand-in when it is the word for a password or the user name again.
fn password_strength(user: &str, password: &str) -> Option<Strength> {
    // each half the name of its field: the template documentation writes
    // (`postgres://user:password@localhost/db`, `username:password`)
    let named = |s: &str, names: &[&str]| names.iter().any(|n| s.eq_ignore_ascii_case(n));
    if named(user, &["user", "username", "user_name"])
        && named(password, &["password", "passwd", "pass", "pwd"])
    {
        return None;
    }
    // the user name again logs in wherever the default was kept, however
    // short (`app:app`, `sa:sa`)
    if password.len() >= 2
        && password == user
        && password
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_')
    {
        return Some(Strength::StandIn);
    }
    if is_placeholder_password(password) {
        None
    } else if is_dummy_password(user, password) {
        Some(Strength::StandIn)
    } else {
        Some(Strength::Real)
    }
}

/// A `-----BEGIN … PRIVATE KEY-----` block with a body: at least
/// [`MIN_PEM_BODY`] base64 characters on the lines after the header. An
/// empty block, a header alone (`starts_with("-----BEGIN PRIVATE KEY-----")`,
/// an error message naming the header) or a stub body (`QQ==`) is no key.
pub(crate) fn is_pem_private_key(s: &str) -> bool {
    let Some(begin) = s.find("-----BEGIN") else {
        return false;
    };
    let rest = &s[begin + "-----BEGIN".len()..];
    let Some(header_end) = rest.find("PRIVATE KEY-----") else {
        return false;
    };
    let body = &rest[header_end + "PRIVATE KEY-----".len()..];
    let body = body.split("-----END").next().unwrap_or(body);
    // a key written into a JSON string inside a raw literal keeps its `\n` escapes
    let body_chars: usize = body
        .split('\n')
        .flat_map(|line| line.split("\\n"))
        .map(str::trim)
        .filter(|line| {
            !line.is_empty()
                && line
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
        })
        .map(str::len)
        .sum();
    body_chars >= MIN_PEM_BODY
}

/// The fewest base64 characters a PEM private key body has: an Ed25519
/// PKCS#8 key, the smallest in use, is 64.
const MIN_PEM_BODY: usize = 32;

/// The password of a `scheme://user:password@host` URL, unless it is a
/// placeholder or a stand-in (see [`is_dummy_password`]).
pub(crate) fn url_password(s: &str) -> Option<&str> {
    url_credential(s)
        .filter(|(user, password, _)| !is_dummy_password(user, password))
        .map(|(_, password, _)| password)
}

/// RFC 2606's names for documentation: `example.com`, `example.org`,
/// `example.net`, and the `.example`, `.test` and `.invalid` domains; and a
/// template's host (`host`, `hostname`, a port that is no number).
pub(crate) fn is_documentation_host(host_and_port: &str) -> bool {
    // (an IPv6 address's colons are no port's: `[::1]`)
    let (host, port) = match host_and_port.rsplit_once(':') {
        Some((h, p)) if !p.contains(']') => (h, Some(p)),
        _ => (host_and_port, None),
    };
    // a template's host: named for the part it stands for, or with a port
    // that is no number (`protocol://username:password@host:port/database`)
    if port.is_some_and(|p| !p.bytes().all(|b| b.is_ascii_digit()))
        || ["host", "hostname"]
            .iter()
            .any(|h| host.eq_ignore_ascii_case(h))
    {
        return true;
    }
    let host = host.to_ascii_lowercase();
    ["example.com", "example.org", "example.net"]
        .iter()
        .any(|d| host == *d || host.ends_with(&format!(".{d}")))
        || [".example", ".test", ".invalid"]
            .iter()
            .any(|t| host.ends_with(t))
}

/// The user, password and host of a `scheme://user:password@host` URL.
fn url_credential(s: &str) -> Option<(&str, &str, &str)> {
    let (_, rest) = s.split_once("://")?;
    // the authority ends where the path, query or fragment starts, or at a
    // character no URL holds unencoded (the quote that closes it in
    // `{"url": "http://example.com", "user": "a@example.com"}`)
    let authority = rest
        .split(|c: char| {
            matches!(
                c,
                '/' | '?' | '#' | '"' | '<' | '>' | '\\' | '`' | '{' | '}' | '|' | '^'
            ) || c.is_whitespace()
        })
        .next()?;
    let (userinfo, host) = authority.rsplit_once('@')?;
    let (user, password) = userinfo.split_once(':')?;
    Some((user, password, host))
}

/// A `password=` or `pwd=` query parameter of a URL
/// (`postgresql://db/app?user=app&password=…`,
/// `jdbc:mysql://db/app?password=…`), or of a JDBC URL's `;` parameters
/// (`jdbc:sqlserver://db;user=sa;password=…`).
fn query_password(s: &str) -> Option<Option<Strength>> {
    let (_, rest) = s.split_once("://")?;
    let params = rest.split_once(['?', ';']).map(|(_, p)| p)?;
    Some(
        params
            .split(['&', ';'])
            .filter_map(|pair| pair.split_once('='))
            .filter(|(key, _)| is_password_key(key))
            .filter_map(|(_, value)| password_strength("", value))
            .max(),
    )
}

/// An API key in the query of the URL `url` starts (at its `://`), or a
/// device's token in its path ([`device_path_token`]): a query's
/// parameter named for one (`appid`, `api_key`, `apikey`, `key`,
/// `access_token`, `token`, `client_secret`, …) whose value looks like a
/// key — 16 to 128 letters, digits, `-`, `_` or `.`, with letters and
/// digits both — and is no placeholder (`YOUR_API_KEY`, `{key}`, `xxxx…`).
fn query_api_key(url: &str) -> bool {
    let Some((_, rest)) = url.split_once("://") else {
        return false;
    };
    let rest = rest
        .split(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '`' | '#' | '<' | '>'))
        .next()
        .unwrap_or(rest);
    if device_path_token(rest) {
        return true;
    }
    let Some((_, query)) = rest.split_once('?') else {
        return false;
    };
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .any(|(key, value)| is_api_key_parameter(key) && looks_like_api_key(value))
}

/// A device's access token in the path of ThingsBoard's device API
/// (`https://…/api/v1/<token>/telemetry`, and `…/attributes`, `…/rpc`,
/// `…/claim`): the token alone authenticates the device (set 37's ESP32
/// firmware). Letters and digits only, as ThingsBoard makes them: a UUID
/// in another API's path is an id. `rest` is the URL after its `://`.
fn device_path_token(rest: &str) -> bool {
    rest.match_indices("/api/v1/").any(|(at, path)| {
        let Some((token, after)) = rest[at + path.len()..].split_once('/') else {
            return false;
        };
        let resource = after.split(['/', '?']).next().unwrap_or(after);
        matches!(resource, "telemetry" | "attributes" | "rpc" | "claim")
            && token.bytes().all(|b| b.is_ascii_alphanumeric())
            && looks_like_api_key(token)
    })
}

/// A query parameter's name for an API key or token (`api_key`, `apiKey`,
/// `APPID`, `access-token`): its letters, case and `_`/`-` aside.
fn is_api_key_parameter(key: &str) -> bool {
    const NAMES: [&str; 16] = [
        "apikey",
        // apilayer's APIs (exchangerate.host, ipstack, marketstack; set 31)
        "accesskey",
        "appid",
        "appkey",
        "key",
        "accesstoken",
        "authtoken",
        "apitoken",
        "token",
        "clientsecret",
        "secret",
        "apisecret",
        "appsecret",
        "secretkey",
        "privatetoken",
        "privatekey",
    ];
    let letters: String = key
        .chars()
        .filter(|c| !matches!(c, '_' | '-'))
        .map(|c| c.to_ascii_lowercase())
        .collect();
    NAMES.contains(&letters.as_str())
}

/// A query parameter's value that is a key, not a word, a number or a
/// placeholder (see [`query_api_key`]).
fn looks_like_api_key(value: &str) -> bool {
    (16..=128).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        && value.bytes().any(|b| b.is_ascii_digit())
        && value.bytes().any(|b| b.is_ascii_alphabetic())
        && !crate::placeholder::is_placeholder(value)
        && !crate::placeholder::is_repeated_unit(value)
}

/// A connection string with a password: ADO.NET / ODBC
/// (`Server=db;User Id=sa;Password=…;`, `Data Source=…;Pwd=…`), Azure's
/// (`Endpoint=sb://…;SharedAccessKeyName=…;SharedAccessKey=…`,
/// `…;AccountName=…;AccountKey=…`), or libpq's keyword/value form
/// (`host=db user=app password=… dbname=app`).
fn connection_string_password(s: &str) -> Option<Strength> {
    // (most literals with a `=` are no connection string: no pairs are
    // gathered unless a password's or a key's name is there)
    let has = |word| crate::names::contains_ignoring_case(s, word);
    if !s.contains('=') || !(has("pass") || has("pwd") || has("key")) {
        return None;
    }
    let pairs: Vec<(&str, &str)> = if s.contains(';') {
        s.split(';')
            .filter_map(|pair| pair.split_once('='))
            .map(|(k, v)| (k.trim(), v.trim()))
            .collect()
    } else {
        // libpq: `keyword=value` separated by whitespace, a value may be
        // single-quoted (one with a space in it is no password we read)
        s.split_whitespace()
            .filter_map(|pair| pair.split_once('='))
            .map(|(k, v)| (k, v.trim_matches('\'')))
            .collect()
    };
    let names_a_server = pairs.iter().any(|(k, _)| {
        matches!(
            k.to_ascii_lowercase().as_str(),
            "server"
                | "data source"
                | "host"
                | "hostaddr"
                | "dbname"
                | "address"
                | "addr"
                | "hostname"
                | "dsn"
                | "driver"
                | "endpoint"
                | "accountname"
        )
    });
    if !names_a_server {
        return None;
    }
    let user = pairs
        .iter()
        .find(|(k, _)| {
            matches!(
                k.to_ascii_lowercase().as_str(),
                "user id" | "userid" | "uid" | "user" | "username"
            )
        })
        .map_or("", |(_, v)| *v);
    pairs
        .iter()
        .filter(|(k, _)| {
            is_password_key(k)
                || matches!(
                    k.to_ascii_lowercase().as_str(),
                    "sharedaccesskey" | "accountkey"
                )
        })
        .filter_map(|(_, v)| password_strength(user, v))
        .max()
}

/// A form body or query string with a user and a password, as a login
/// sends it (`username=admin&password=…`, `/login?user=…&pass=…`,
/// `grant_type=password&username=…&password=…`): `&`-separated
/// `key=value` pairs, no whitespace, a user's key and a password's, with
/// placeholders and stand-ins treated as in a URL's (`password={}` is a
/// format string's, `password=password` a stand-in). A URL's query is
/// [`query_password`]'s.
/// (Asked only of text with a `&`.)
fn form_password(s: &str) -> Option<Strength> {
    if s.contains(char::is_whitespace) || s.contains("://") {
        return None;
    }
    let query = s.rsplit_once('?').map_or(s, |(_, query)| query);
    let pairs: Vec<(&str, &str)> = query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .collect();
    let (_, user) = pairs.iter().find(|(k, _)| {
        matches!(
            k.to_ascii_lowercase().as_str(),
            "user" | "username" | "user_name" | "login" | "email" | "uid"
        )
    })?;
    pairs
        .iter()
        .filter(|(k, _)| is_password_key(k))
        .filter_map(|(_, v)| password_strength(user, v))
        .max()
}

/// A password written into a document a literal holds: an XML element
/// named for one (`<Pass>…</Pass>`, `<AdminPassword>…</AdminPassword>`) or
/// a SQL `INSERT` whose column list names one (`INSERT INTO users
/// (username, password) VALUES ('admin', '…')`). A hash in a password's
/// column (`'$2b$12$…'`) and a statement's parameter (`$2`, `?`) are none.
fn document_password(s: &str) -> Option<Strength> {
    let bytes = s.as_bytes();
    // (most literals are neither: one cheap look for each)
    let xml = bytes.windows(2).any(|w| w == b"</");
    let sql = s.len() > 20 && crate::names::contains_ignoring_case(s, "values");
    if !xml && !sql {
        return None;
    }
    let mut found = None;
    if xml {
        found = found.max(xml_password(s));
    }
    if sql {
        found = found.max(sql_insert_password(s));
    }
    found
}

/// The longest tag name [`xml_password`] reads (`AdministratorPassword`).
const MAX_TAG: usize = 40;
/// The longest password [`xml_password`] reads inside an element.
const MAX_ELEMENT_TEXT: usize = 256;

/// `<Password>…</Password>`: each element named for a password, with text
/// in it.
fn xml_password(s: &str) -> Option<Strength> {
    let mut best = None;
    let mut rest = s;
    // (a tag's name is short, a password too: each look is bounded, so a
    // literal of many `<` costs no more than its length times that)
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        let window = &rest.as_bytes()[..rest.len().min(MAX_TAG + 1)];
        let Some(end) = window.iter().position(|&b| b == b'>') else {
            continue;
        };
        let tag = &rest[..end];
        if tag.is_empty()
            || !tag
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            || !crate::names::is_password_name(tag)
        {
            continue;
        }
        let body = &rest[end + 1..];
        let close = format!("</{tag}>");
        let window = body.len().min(MAX_ELEMENT_TEXT + close.len());
        let Some(len) = body.as_bytes()[..window]
            .windows(close.len())
            .position(|w| w == close.as_bytes())
        else {
            continue;
        };
        let value = body[..len].trim();
        if !value.is_empty() && !value.contains('<') && !is_password_hash(value) {
            best = best.max(password_strength("", value));
        }
    }
    best
}

/// `INSERT INTO t (c, …) VALUES ('v', …)`: the quoted values of the
/// columns named for a password, in each row.
fn sql_insert_password(s: &str) -> Option<Strength> {
    let lower = s.to_ascii_lowercase();
    let insert = lower.find("insert into")?;
    let after = &s[insert..];
    let lower_after = &lower[insert..];
    let open = after.find('(')?;
    let values = lower_after.find("values")?;
    if values < open {
        return None;
    }
    let columns: Vec<&str> = after[open + 1..]
        .split_once(')')?
        .0
        .split(',')
        .map(|c| {
            c.trim()
                .trim_matches(|c| matches!(c, '"' | '`' | '[' | ']'))
        })
        .collect();
    let secret_columns: Vec<usize> = columns
        .iter()
        .enumerate()
        .filter(|(_, c)| crate::names::is_password_name(c))
        .map(|(i, _)| i)
        .collect();
    if secret_columns.is_empty() {
        return None;
    }
    let mut best = None;
    let mut rows = &after[values + "values".len()..];
    while let Some(start) = rows.find('(') {
        let (row, rest) = sql_row(&rows[start + 1..])?;
        rows = rest;
        for &i in &secret_columns {
            if let Some(value) = row.get(i).and_then(|v| sql_value_text(v))
                && !is_password_hash(&value)
            {
                best = best.max(password_strength("", &value));
            }
        }
        // (only rows separated by commas belong to this statement)
        if !rows.trim_start().starts_with(',') {
            break;
        }
    }
    best
}

/// One row of a `VALUES` list after its `(`: each value's text (split at
/// the commas outside quotes and parentheses), and the text after its `)`.
fn sql_row(s: &str) -> Option<(Vec<&str>, &str)> {
    let (mut values, mut depth, mut quoted, mut start) = (Vec::new(), 0usize, false, 0);
    for (at, c) in s.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            _ if quoted => {}
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            ',' | ')' if depth == 0 => {
                values.push(s[start..at].trim());
                start = at + 1;
                if c == ')' {
                    return Some((values, &s[at + 1..]));
                }
            }
            _ => {}
        }
    }
    None
}

/// The text a value of a row gives a password: a quoted string (`'…'`,
/// `''` an escaped quote), or the first argument of a function of one
/// (`crypt('…', gen_salt('bf'))`, `md5('…')`); not a parameter (`$2`, `?`).
fn sql_value_text(value: &str) -> Option<String> {
    let quoted = |v: &str| -> Option<(String, usize)> {
        let body = v.strip_prefix('\'')?;
        let mut text = String::new();
        let mut chars = body.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            if c == '\'' {
                if chars.peek().map(|&(_, c)| c) == Some('\'') {
                    chars.next();
                    text.push('\'');
                    continue;
                }
                return Some((text, at + 2));
            }
            text.push(c);
        }
        None
    };
    if value.starts_with('\'') {
        let (text, len) = quoted(value)?;
        return (len == value.len()).then_some(text);
    }
    let (function, args) = value.split_once('(')?;
    if function.is_empty()
        || !function
            .trim()
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_')
    {
        return None;
    }
    quoted(args.trim_start()).map(|(text, _)| text)
}

/// A password hash's shape (`$2b$12$…`, `$argon2id$…`, `{SSHA}…`): stored,
/// not sent.
fn is_password_hash(value: &str) -> bool {
    value.starts_with('$') || value.starts_with('{')
}

fn is_password_key(key: &str) -> bool {
    matches!(
        key.trim().to_ascii_lowercase().as_str(),
        "password" | "pwd" | "passwd" | "pass"
    )
}

/// Whether `password` (of `user`) is no credential: a placeholder
/// (`${DB_PASSWORD}`, `<password>`, `***`, `{}`), the word for a password
/// itself (`password`, `pass`, `p@ssw0rd`, `secret`), the user name again
/// (`guest:guest`), shorter than four characters, or not something a URL
/// can carry (whitespace).
pub(crate) fn is_dummy_password(user: &str, password: &str) -> bool {
    let p = password.trim();
    is_placeholder_password(p)
        || (!user.is_empty() && p.eq_ignore_ascii_case(user))
        || is_password_word(p)
}

/// Whether `password` stands for no password at all: a placeholder
/// (`${DB_PASSWORD}`, `<password>`, `***`, `{}`, `PASSWORD` in capitals),
/// shorter than four characters, or not something a URL can carry
/// (whitespace).
fn is_placeholder_password(password: &str) -> bool {
    let p = password.trim();
    p.chars().count() < 4
        || p.contains(char::is_whitespace)
        // masked for display (`user:***PASSWORD***@host`, `****`)
        || p.contains("***")
        || crate::placeholder::is_placeholder(p)
        || crate::names::is_env_name(p)
}

/// `password`, `Passw0rd`, `p@ssw0rd!`, `pass`, `secret`, `creds`,
/// `mypassword`: the word a stand-in password is, with digits and symbols
/// read as the letters they replace, a trailing run of digits or
/// punctuation ignored, and a leading `my` (`myuser:mypassword`).
fn is_password_word(p: &str) -> bool {
    let p = match p.get(..2) {
        Some(my) if my.eq_ignore_ascii_case("my") => p[2..].trim_start_matches(['_', '-']),
        _ => p,
    };
    let read: String = p
        .trim_end_matches(|c: char| c.is_ascii_digit() || c.is_ascii_punctuation())
        .chars()
        .map(|c| match c.to_ascii_lowercase() {
            '0' => 'o',
            '1' | '!' => 'i',
            '3' => 'e',
            '4' | '@' => 'a',
            '5' | '$' => 's',
            '7' => 't',
            c => c,
        })
        .collect();
    const WORDS: [&str; 8] = [
        "password",
        "passwd",
        "pass",
        "pwd",
        "secret",
        "creds",
        "credentials",
        "passphrase",
    ];
    WORDS.contains(&read.as_str())
}

/// A Slack incoming webhook or workflow trigger:
/// `https://hooks.slack.com/services/T…/B…/<24 characters>`,
/// `…/workflows/T…/A…/<id>/<token>`, `…/triggers/T…/<id>/<token>`. The
/// token's entropy keeps out `XXXXXXXX…` in documentation.
fn is_slack_webhook(s: &str) -> bool {
    s.match_indices("hooks.slack.com/").any(|(i, m)| {
        let path = &s[i + m.len()..];
        let path = path
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '/'))
            .next()
            .unwrap_or("");
        let mut segments = path.split('/');
        let kind = segments.next().unwrap_or("");
        let rest: Vec<&str> = segments.filter(|s| !s.is_empty()).collect();
        let team = rest.first().is_some_and(|t| {
            t.len() >= 9
                && t.starts_with('T')
                && t.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        });
        let token = rest.last().is_some_and(|t| {
            t.len() >= 20
                && t.bytes().all(|b| b.is_ascii_alphanumeric())
                && crate::entropy::shannon_entropy(t) >= 3.0
        });
        matches!(kind, "services" | "workflows" | "triggers") && rest.len() >= 3 && team && token
    })
}

/// `Authorization` header values that carry a credential:
/// `Basic <base64 of user:password>` whose password is no stand-in, and
/// `Bearer <token>` whose token is no placeholder (`Bearer {}`,
/// `Bearer $TOKEN`, `Bearer <token>`) or word.
fn authorization_credential(s: &str) -> Option<Strength> {
    // (one pass for `be` or `ba` in any case before either scheme's)
    if !s
        .as_bytes()
        .windows(2)
        .any(|w| w[0] | 0x20 == b'b' && matches!(w[1] | 0x20, b'e' | b'a'))
    {
        return None;
    }
    if scheme_values(s, "bearer").any(is_bearer_token) {
        return Some(Strength::Real);
    }
    scheme_values(s, "basic")
        .filter_map(|v| {
            let text = String::from_utf8(crate::benign::base64_decode(v)?).ok()?;
            let (user, password) = text.split_once(':')?;
            if user.contains(char::is_control) {
                return None;
            }
            password_strength(user, password)
        })
        .max()
}

/// The word after each `scheme ` (case-insensitive, at a word start) in `s`.
fn scheme_values<'a>(s: &'a str, scheme: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    let bytes = s.as_bytes();
    let starts = bytes
        .windows(scheme.len())
        .enumerate()
        .filter(move |&(i, w)| {
            w.eq_ignore_ascii_case(scheme.as_bytes())
                && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
        })
        .map(|(i, _)| i);
    starts.filter_map(move |i| {
        let after = &s[i + scheme.len()..];
        let value = after.strip_prefix(' ')?.trim_start();
        let end = value
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ',' | ';'))
            .unwrap_or(value.len());
        Some(&value[..end])
    })
}

/// An RFC 6750 token: 16 or more token68 characters with a digit or both
/// cases, that is no placeholder, name or identifier.
fn is_bearer_token(t: &str) -> bool {
    t.len() >= 16
        && t.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'+' | b'/' | b'=')
        })
        && (t.bytes().any(|b| b.is_ascii_digit())
            || (t.bytes().any(|b| b.is_ascii_uppercase())
                && t.bytes().any(|b| b.is_ascii_lowercase())))
        && !crate::placeholder::is_placeholder(t)
        && !crate::benign::is_identifier_like(t)
        && crate::entropy::shannon_entropy(t) >= 3.0
}

/// An `otpauth://totp/…?secret=<base32>` (or `hotp`) URI: the seed of a
/// second factor, as a QR code carries it.
fn otpauth_secret(s: &str) -> bool {
    s.match_indices("otpauth://").any(|(i, _)| {
        let uri = &s[i..];
        let uri = uri.split(char::is_whitespace).next().unwrap_or(uri);
        uri.split_once('?').is_some_and(|(_, query)| {
            query
                .split('&')
                .filter_map(|pair| pair.split_once('='))
                .any(|(k, v)| k.eq_ignore_ascii_case("secret") && is_base32_seed(v))
        })
    })
}

/// A BIP-39 recovery phrase's shape: 12, 15, 18, 21 or 24 words of three
/// to eight lower-case letters, one space apart (the English list's words
/// are all such; the list itself is not needed to tell a phrase bound to
/// a secret's name from prose, which has capitals, punctuation or longer
/// words).
pub(crate) fn is_mnemonic(v: &str) -> bool {
    let b = v.trim().as_bytes();
    // 12 words of 3 letters to 24 of 8, with their spaces
    if !(47..=215).contains(&b.len()) || !b[0].is_ascii_lowercase() {
        return false;
    }
    let (mut words, mut len) = (0usize, 0usize);
    for &c in b {
        match c {
            b'a'..=b'z' => len += 1,
            b' ' if (3..=8).contains(&len) => {
                words += 1;
                len = 0;
            }
            _ => return false,
        }
    }
    (3..=8).contains(&len) && matches!(words + 1, 12 | 15 | 18 | 21 | 24)
}

/// A base32 TOTP seed: 16 or more characters of `A-Z2-7` (either case,
/// optionally `=`-padded or spaced in groups of four) whose letters are not
/// one character repeated, with at least 80 bits (16 characters).
pub(crate) fn is_base32_seed(v: &str) -> bool {
    let compact: String = v
        .trim_end_matches('=')
        .chars()
        .filter(|c| *c != ' ')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (16..=128).contains(&compact.len())
        && compact
            .bytes()
            .all(|b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b))
        && crate::entropy::shannon_entropy(&compact) >= 3.0
        && !crate::placeholder::is_placeholder(v)
}

/// 40 characters of `[A-Za-z0-9/+]` with all three character classes: the
/// shape of an AWS secret access key.
pub(crate) fn is_aws_secret_key(t: &str) -> bool {
    t.len() == 40
        && all(t, |b| alnum(b) || b == b'/' || b == b'+')
        && t.bytes().any(|b| b.is_ascii_uppercase())
        && t.bytes().any(|b| b.is_ascii_lowercase())
        && t.bytes().any(|b| b.is_ascii_digit())
        && crate::entropy::shannon_entropy(t) >= 4.2
}

/// The password a text states in so many words: `(password: hunter22)`,
/// `username=dude&password=sikrit`, `DB_PASSWORD='s3cret'`, `curl -u
/// admin:s3cret …`. It is the value after a password's name and `:` or `=`
/// (or after `curl`'s `-u user:`), quoted, or unquoted where it ends its
/// clause: nothing, a bracket, a quote, `,`, `;`, `&` or `|` comes next,
/// not more words (`password: must be at least 8 characters` states
/// none). A template's slot (`{}`, `{password}`) or markup (`<code>`) is
/// none. The caller judges the value as a password's.
pub(crate) fn stated_password(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    // (asked of every literal and comment: most have no `:`, `=` nor
    // quote — one pass finds out —, and no `pas`, `pwd`, `psw` nor `url`
    // in any case)
    let lower = |b: u8| b | 0x20;
    if !bytes
        .iter()
        .any(|&b| matches!(b, b':' | b'=' | b'\'' | b'"' | b'`'))
        || !bytes.windows(3).any(|w| {
            matches!(
                (lower(w[0]), lower(w[1]), lower(w[2])),
                (b'p', b'a', b's') | (b'p', b'w', b'd') | (b'p', b's', b'w') | (b'u', b'r', b'l')
            )
        })
    {
        return None;
    }
    // (a quote counts only where no separator is: `quoted_after_name`)
    if !bytes.iter().any(|&b| b == b':' || b == b'=') {
        return quoted_after_name(text);
    }
    let curl = text.contains("curl ");
    // `…&password=…` is a form body: `form_password`'s, which wants a user
    let form = text.contains('&') && !text.contains(char::is_whitespace);
    // (`:` and `=` are ASCII: the text splits at a character's boundary)
    let mut separators = (0..bytes.len()).filter(|&i| bytes[i] == b':' || bytes[i] == b'=');
    separators
        .find_map(|i| {
            let (sep, before, after) = (bytes[i], &text[..i], &text[i + 1..]);
            if curl
                && sep == b':'
                && let Some(pass) = curl_user_password(before, after)
            {
                return Some(pass);
            }
            // not `::`, `==`, `=>`, `!=`, `<=`, `:=`
            let operator = |b: u8| matches!(b, b':' | b'=' | b'>' | b'!' | b'<');
            if (i > 0 && operator(bytes[i - 1]))
                || after.bytes().next().is_some_and(operator)
                || (form && sep == b'=')
            {
                return None;
            }
            let name = name_ending(before.trim_end_matches([' ', '\t']));
            if !crate::names::is_password_name(name) {
                return None;
            }
            let (value, quoted) = value_ending_a_clause(after.trim_start_matches([' ', '\t']))?;
            // prose's `:` takes a word for a state (`password: required`,
            // `password: String`, `wrong password: accepted?!`); a value with a
            // digit or a symbol inside, or quoted, is one. `key=value` is
            // structure.
            let word = value.trim_end_matches(['?', '!', '.', ':']);
            (sep == b'=' || quoted || !word.chars().all(char::is_alphabetic)).then_some(value)
        })
        .or_else(|| quoted_after_name(text))
}

/// The identifier `text` ends with (`DB_PASSWORD` of `export DB_PASSWORD`).
fn name_ending(text: &str) -> &str {
    text.rsplit(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .next()
        .unwrap_or(text)
}

/// A password quoted right after its name, with no `:` nor `=`: `with
/// password 'password123'` (a firmware's log line, set 28), SQL's `PASSWORD
/// 's3cret'`. Only a value with a digit or a symbol in it: a word in quotes
/// after the name is prose's (`the password "field"`).
fn quoted_after_name(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    (1..bytes.len()).find_map(|i| {
        if !matches!(bytes[i], b'\'' | b'"' | b'`') || bytes[i - 1] != b' ' {
            return None;
        }
        let name = name_ending(text[..i].trim_end_matches(' '));
        // (prose's verb is no name: "Pass `--target` to …")
        if !crate::names::is_password_name(name) || name.eq_ignore_ascii_case("pass") {
            return None;
        }
        let (value, _) = value_ending_a_clause(&text[i..])?;
        (!value.chars().all(char::is_alphabetic)).then_some(value)
    })
}

/// `curl … -u user:password …`: the password, when `before` (the text up
/// to a `:`) ends with `-u user` or `--user user`, quoted or not.
fn curl_user_password<'a>(before: &str, after: &'a str) -> Option<&'a str> {
    let user_at = before.rfind(|c: char| c.is_whitespace() || c == '"' || c == '\'' || c == '=')?;
    let (flag, user) = before.split_at(user_at);
    let user = user.trim_start_matches(['"', '\'', ' ', '=']);
    let flag = flag.trim_end_matches(['"', '\'', ' ']);
    if user.is_empty() || !(flag.ends_with(" -u") || flag.ends_with(" --user")) {
        return None;
    }
    let end = after
        .find(|c: char| c.is_whitespace() || c == '"' || c == '\'' || c == '@')
        .unwrap_or(after.len());
    let pass = &after[..end];
    (!pass.is_empty() && !pass.contains('{')).then_some(pass)
}

/// The value at the start of `rest`: between quotes, or up to whitespace
/// or punctuation when nothing but the end of its clause follows (see
/// [`stated_password`]); and whether it was quoted.
fn value_ending_a_clause(rest: &str) -> Option<(&str, bool)> {
    let quoted = rest.starts_with(['"', '\'', '`']);
    let value = match rest.chars().next()? {
        q @ ('"' | '\'' | '`') => {
            let body = &rest[1..];
            &body[..body.find(q)?]
        }
        _ => {
            let stop = |c: char| {
                c.is_whitespace()
                    || matches!(
                        c,
                        ')' | ']' | '}' | ',' | ';' | '&' | '|' | '"' | '\'' | '`'
                    )
            };
            let end = rest.find(stop).unwrap_or(rest.len());
            let value = rest[..end].trim_end_matches('.');
            let next = rest[end..].trim_start_matches([' ', '\t']);
            let ends_clause = next.is_empty()
                || next.starts_with(|c: char| {
                    matches!(
                        c,
                        ')' | ']'
                            | '}'
                            | ','
                            | ';'
                            | '&'
                            | '|'
                            | '"'
                            | '\''
                            | '`'
                            | '('
                            | '\n'
                            | '\r'
                            // a shell line's continuation
                            | '\\'
                    )
                })
                // or a command line's next flag (`-e POSTGRES_PASSWORD=pw -p 5432`)
                || next
                    .trim_start_matches('-')
                    .starts_with(|c: char| c.is_ascii_alphanumeric())
                    && next.starts_with('-');
            if !ends_clause {
                return None;
            }
            value
        }
    };
    let length = value.chars().count();
    ((3..=64).contains(&length)
        && value.chars().any(char::is_alphanumeric)
        && !value.contains(['{', '}', '<', '>']))
    .then_some((value, quoted))
}

/// The token of a `Bearer …` or `Token …` header value, however short:
/// what an `Authorization` header set to the value sends.
pub(crate) fn bearer_credential(value: &str) -> Option<&str> {
    // (the pre-pass asks this of every literal: the scheme is looked at
    // before anything is searched)
    let t = value.trim_start();
    let scheme = |s: &str| {
        t.get(..s.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(s))
            .then(|| t[s.len()..].trim())
    };
    scheme("bearer ").or_else(|| scheme("token "))
}

/// Whether `t` is a credential as an `Authorization` header carries it (RFC
/// 7235's `token68`: letters, digits, `-._~+/`, then `=` padding), not a
/// challenge's parameters (`realm="api"`, `error="invalid_token"`).
pub(crate) fn is_token68(t: &str) -> bool {
    let body = t.trim_end_matches('=');
    !body.is_empty()
        && body.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'+' | b'/')
        })
}

/// A Google app password as the account page shows it: four groups of four
/// lower-case letters (`abcd efgh ijkl mnop`). Prose has that shape too, so
/// it counts only where a password goes.
pub(crate) fn is_app_password(t: &str) -> bool {
    t.len() == 19
        && t.split(' ').count() == 4
        && t.split(' ')
            .all(|g| g.len() == 4 && g.bytes().all(|b| b.is_ascii_lowercase()))
}

/// Maximal runs of the characters credentials are made of.
fn tokens(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
        .filter(|t| !t.is_empty())
}

fn token_format(t: &str) -> Option<Rule> {
    let rule = token_shape(t)?;
    // `sk_live_xxxxxxxxxxxxxxxx` in documentation is a placeholder, not a key
    (crate::entropy::shannon_entropy(t) >= 3.0).then_some(rule)
}

/// The shortest token any issuer's shape below takes (a Slack token's
/// `xoxb-` and ten more); most words of a literal are shorter.
const MIN_TOKEN: usize = 15;

/// The issuer whose token `t` is shaped as.
fn token_shape(t: &str) -> Option<Rule> {
    if t.len() < MIN_TOKEN {
        None
    } else if is_aws_key_id(t) {
        Some(Rule::AwsAccessKeyId)
    } else if is_github_token(t) {
        Some(Rule::GitHubToken)
    } else if is_slack_token(t) {
        Some(Rule::SlackToken)
    } else if is_stripe_key(t) {
        Some(Rule::StripeKey)
    } else if is_google_api_key(t) {
        Some(Rule::GoogleApiKey)
    } else if is_openai_key(t) {
        Some(Rule::OpenAiKey)
    } else if is_age_secret_key(t) {
        Some(Rule::AgeSecretKey)
    } else if is_nostr_secret_key(t) {
        Some(Rule::NostrSecretKey)
    } else if is_nats_nkey_seed(t) {
        Some(Rule::NatsNkeySeed)
    } else if is_sendgrid_key(t) {
        Some(Rule::SendGridKey)
    } else if is_mailchimp_key(t) {
        Some(Rule::MailchimpKey)
    } else if is_square_token(t) {
        Some(Rule::SquareToken)
    } else if is_discord_bot_token(t) {
        Some(Rule::DiscordBotToken)
    } else if is_riot_api_key(t) {
        Some(Rule::RiotApiKey)
    } else if is_advent_of_code_session(t) {
        Some(Rule::AdventOfCodeSession)
    } else if is_extended_private_key(t) {
        Some(Rule::ExtendedPrivateKey)
    } else if is_jwt(t) {
        Some(Rule::Jwt)
    } else {
        None
    }
}

fn all(s: &str, f: impl Fn(u8) -> bool) -> bool {
    s.bytes().all(f)
}

fn alnum(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

fn b64url(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// `AKIA` + 16 of `[A-Z0-9]`: an access key id, and the other prefixes AWS
/// gives credentials (`ASIA` temporary keys, `ABIA` STS bearer tokens,
/// `ACCA` context-specific credentials). The unique ids of users, roles,
/// groups, instance profiles and policies (`AIDA`, `AROA`, `AGPA`, `AIPA`,
/// `ANPA`, `ANVA`) are no credentials: they are in every ARN and log.
fn is_aws_key_id(t: &str) -> bool {
    aws_key_id_shape(t) && !t[..20].ends_with("EXAMPLE")
}

/// `AKIA…` and 16 capitals and digits, a digit among them.
fn aws_key_id_shape(t: &str) -> bool {
    const PREFIXES: [&str; 4] = ["AKIA", "ASIA", "ABIA", "ACCA"];
    t.len() >= 20
        && PREFIXES.iter().any(|p| t.starts_with(p))
        && t[..20]
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && t[4..20].bytes().any(|b| b.is_ascii_digit())
}

/// AWS's documentation's example credentials, which its guides, SDKs'
/// tests and countless examples use and AWS never issues: a key id whose
/// last seven are `EXAMPLE` (`AKIAIOSFODNN7EXAMPLE`, `AKIAI44QH8DHBEXAMPLE`)
/// and a secret key of 40 ending in `EXAMPLEKEY`
/// (`wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`). No finding where a value
/// goes; where a *name* goes ([`crate::check_reference`]) still no name.
pub(crate) fn aws_documentation_example(t: &str) -> Option<Rule> {
    if t.len() == 20 && aws_key_id_shape(t) && t.ends_with("EXAMPLE") {
        return Some(Rule::AwsAccessKeyId);
    }
    (t.len() == 40
        && t.ends_with("EXAMPLEKEY")
        && t.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'/' || b == b'+'))
    .then_some(Rule::AwsSecretAccessKey)
}

fn is_github_token(t: &str) -> bool {
    // GitHub's documentation's own example (the OAuth apps guide), in
    // mock responses across many repositories
    if t.get(4..) == Some("16C7e42F292c6912E7710c838347Ae178B4a") {
        return false;
    }
    if let Some(rest) = t.strip_prefix("github_pat_") {
        return rest.len() >= 22 && all(rest, |b| alnum(b) || b == b'_');
    }
    ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"]
        .iter()
        .filter_map(|p| t.strip_prefix(p))
        .any(|rest| rest.len() >= 30 && all(rest, alnum))
}

fn is_slack_token(t: &str) -> bool {
    t.len() >= 15
        && t.starts_with("xox")
        && matches!(
            t.as_bytes().get(3),
            Some(b'a' | b'b' | b'p' | b'o' | b's' | b'r')
        )
        && t.as_bytes().get(4) == Some(&b'-')
        && all(&t[5..], |b| alnum(b) || b == b'-')
        && t[5..].bytes().any(|b| b.is_ascii_digit())
}

fn is_stripe_key(t: &str) -> bool {
    ["sk_live_", "rk_live_", "sk_test_", "rk_test_"]
        .iter()
        .filter_map(|p| t.strip_prefix(p))
        .any(|rest| rest.len() >= 16 && all(rest, alnum))
}

fn is_google_api_key(t: &str) -> bool {
    t.strip_prefix("AIza")
        .is_some_and(|rest| rest.len() >= 35 && all(rest, b64url))
}

fn is_openai_key(t: &str) -> bool {
    t.strip_prefix("sk-").is_some_and(|rest| {
        rest.len() >= 20 && all(rest, b64url) && rest.bytes().any(|b| b.is_ascii_digit())
    })
}

/// `AGE-SECRET-KEY-1` and 58 characters of bech32's alphabet, upper case:
/// an age identity, which decrypts everything encrypted to its recipient.
fn is_age_secret_key(t: &str) -> bool {
    const BECH32: &[u8] = b"QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L";
    t.strip_prefix("AGE-SECRET-KEY-1")
        .is_some_and(|rest| rest.len() == 58 && all(rest, |b| BECH32.contains(&b)))
}

/// `nsec1` and 58 characters of bech32's alphabet, lower case: a Nostr
/// secret key (NIP-19), which signs as its owner everywhere. (`npub1…` is
/// the public key.)
fn is_nostr_secret_key(t: &str) -> bool {
    const BECH32: &[u8] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    t.strip_prefix("nsec1")
        .is_some_and(|rest| rest.len() == 58 && all(rest, |b| BECH32.contains(&b)))
}

/// `S`, the kind of key (`U` user, `A` account, `O` operator, `N` server,
/// `C` cluster, `X` curve), and 56 characters of base32's upper-case
/// alphabet: a NATS nkey seed, the private half that signs a client's
/// connection (`nkeys::KeyPair::from_seed`). The public key (`U…`, `A…`)
/// is no secret.
fn is_nats_nkey_seed(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() == 58
        && b[0] == b'S'
        && matches!(b[1], b'U' | b'A' | b'O' | b'N' | b'C' | b'X')
        && all(&t[2..], |b| {
            b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b)
        })
}

/// A BIP-32 extended private key: a version's prefix (`xprv` mainnet,
/// `tprv` testnet, `yprv`/`zprv`/`uprv`/`vprv` and their multisig capitals
/// for SegWit) and 107 more base58 characters, 78 bytes with their checksum
/// (`tr(tprv8ZgxMBicQKsP…/86'/1'/0'/0/*)` in a wallet's descriptor). Its
/// public twin (`xpub…`) is public.
fn is_extended_private_key(t: &str) -> bool {
    const BASE58: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    t.len() == 111
        && matches!(
            t.get(..4),
            Some(
                "xprv"
                    | "tprv"
                    | "yprv"
                    | "zprv"
                    | "uprv"
                    | "vprv"
                    | "Yprv"
                    | "Zprv"
                    | "Uprv"
                    | "Vprv"
            )
        )
        && all(&t[4..], |b| BASE58.contains(&b))
}

/// `SG.`, 22 base64url characters, `.`, 43 more.
fn is_sendgrid_key(t: &str) -> bool {
    t.strip_prefix("SG.")
        .and_then(|rest| rest.split_once('.'))
        .is_some_and(|(id, secret)| {
            id.len() == 22 && secret.len() == 43 && all(id, b64url) && all(secret, b64url)
        })
}

/// 32 lower-case hex digits, `-us`, a data center number (`…-us21`).
fn is_mailchimp_key(t: &str) -> bool {
    t.split_once("-us").is_some_and(|(key, dc)| {
        key.len() == 32
            && all(key, |b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
            && (1..=2).contains(&dc.len())
            && all(dc, |b| b.is_ascii_digit())
    })
}

/// Square's access tokens (`EAAA` or `sq0atp-` and 22–60 base64url
/// characters) and application secrets (`sq0csp-` and 43); not the
/// application ids (`sq0idp-`), which are public.
fn is_square_token(t: &str) -> bool {
    let token = |rest: &str, min: usize| {
        (min..=60).contains(&rest.len())
            && all(rest, b64url)
            && rest.bytes().any(|b| b.is_ascii_digit())
            && rest.bytes().any(|b| b.is_ascii_uppercase())
            && rest.bytes().any(|b| b.is_ascii_lowercase())
    };
    t.strip_prefix("EAAA").is_some_and(|r| token(r, 22))
        || t.strip_prefix("sq0atp-").is_some_and(|r| token(r, 22))
        || t.strip_prefix("sq0csp-").is_some_and(|r| token(r, 43))
}

/// A Discord webhook: `https://discord.com/api/webhooks/<id>/<token>` (also
/// `discordapp.com`, `ptb.` and `canary.`), the id a snowflake of 17 to 20
/// digits, the token 60 to 80 base64url characters random enough to keep
/// out `XXXX…` in documentation.
fn is_discord_webhook(s: &str) -> bool {
    ["discord.com/api/webhooks/", "discordapp.com/api/webhooks/"]
        .iter()
        .flat_map(|host| s.match_indices(host))
        .any(|(i, m)| {
            let mut path = s[i + m.len()..]
                .split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '-')))
                .next()
                .unwrap_or("")
                .split('/');
            let id = path.next().unwrap_or("");
            let token = path.next().unwrap_or("");
            (17..=20).contains(&id.len())
                && id.bytes().all(|b| b.is_ascii_digit())
                && (60..=80).contains(&token.len())
                && all(token, b64url)
                && crate::entropy::shannon_entropy(token) >= 4.0
        })
}

/// A Telegram bot token as BotFather gives it: the bot's numeric id, `:`,
/// and 35 base64url characters starting `AA` (`123456789:AAF…`), alone or
/// in a Bot API URL. Random enough to keep out `AAAA…` stubs.
fn has_telegram_bot_token(s: &str) -> bool {
    const SECRET_LEN: usize = 35;
    s.match_indices(':').any(|(at, _)| {
        let id = s[..at].bytes().rev().take_while(u8::is_ascii_digit).count();
        // alone, or in the Bot API's URL (`…/bot<id>:<secret>/getMe`)
        let before = &s[..at - id];
        let alone = before.ends_with("/bot")
            || !before
                .bytes()
                .next_back()
                .is_some_and(|b| b.is_ascii_alphanumeric());
        let secret = s[at + 1..]
            .split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-')))
            .next()
            .unwrap_or("");
        (6..=12).contains(&id)
            && alone
            && secret.len() == SECRET_LEN
            && secret.starts_with("AA")
            && crate::entropy::shannon_entropy(secret) >= 3.5
    })
}

/// A Discord bot token: the bot's id (a snowflake of 17 to 20 digits) in
/// base64, `.`, a 6-character timestamp, `.`, an HMAC of 27 to 38
/// characters (`NzY4…Iy.X49EFw.2Bk5…bk`). That the first part decodes to
/// the digits of an id keeps out any other three dotted parts.
fn is_discord_bot_token(t: &str) -> bool {
    if t.len() < 23 + 1 + 6 + 1 + 27 {
        return false;
    }
    let mut parts = t.split('.');
    let (Some(id), Some(time), Some(hmac), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    (23..=28).contains(&id.len())
        && time.len() == 6
        && (27..=38).contains(&hmac.len())
        && [id, time, hmac].iter().all(|p| all(p, b64url))
        && crate::benign::base64_decode(id)
            .is_some_and(|d| (17..=20).contains(&d.len()) && d.iter().all(u8::is_ascii_digit))
        && crate::entropy::shannon_entropy(hmac) >= 3.5
}

/// A Riot Games API key: `RGAPI-` and a UUID in lower-case hex, as the
/// developer portal gives it (`RGAPI-8672e76e-3953-6956-a4a5-34b53468d608`, made up).
fn is_riot_api_key(t: &str) -> bool {
    t.strip_prefix("RGAPI-").is_some_and(|uuid| {
        uuid.len() == 36
            && uuid.bytes().enumerate().all(|(i, b)| match i {
                8 | 13 | 18 | 23 => b == b'-',
                _ => b.is_ascii_digit() || (b'a'..=b'f').contains(&b),
            })
    })
}

/// A Twitch chat OAuth token in `s`: `oauth:` and 30 lower-case letters
/// and digits, as Twitch's token generators give it for a bot's IRC
/// password (set 38's chat bot passed one to `irc::Config`). Letters and
/// digits both, nothing more of the word after it, no placeholder.
fn has_twitch_chat_token(s: &str) -> bool {
    s.match_indices("oauth:").any(|(at, prefix)| {
        let rest = &s[at + prefix.len()..];
        let len = rest
            .bytes()
            .take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            .count();
        let token = &rest[..len];
        len == 30
            && !rest[len..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
            && token.bytes().any(|b| b.is_ascii_digit())
            && token.bytes().any(|b| b.is_ascii_lowercase())
            && !crate::placeholder::is_placeholder(token)
    })
}

/// An Advent of Code session cookie: 96 or 128 lower-case hex digits that
/// begin with `53616c7465645f5f` (`Salted__`, as the site's encrypted
/// session starts), what the puzzle-input downloaders of solution
/// repositories send as `session=…`.
fn is_advent_of_code_session(t: &str) -> bool {
    matches!(t.len(), 96 | 128)
        && t.starts_with("53616c7465645f5f")
        && all(t, |b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// An Infura project id (32 hex digits, or a random token of letters and
/// digits, after `infura.io/v3/` or `infura.io/ws/v3/`) or an Alchemy key
/// (32 base64url characters after `alchemy.com/v2/` or
/// `alchemyapi.io/v2/`), or a QuickNode token (32 to
/// 40 hex digits after an endpoint's `.quiknode.pro/`) in a node's RPC
/// URL: the key the provider bills and rate-limits by. A placeholder
/// (`<YOUR_KEY>`, `${INFURA_ID}`) or a stub (`0000…`) is not one.
fn has_rpc_provider_key(s: &str) -> bool {
    // (the path before the key, whether it is hex, its lengths, and whether
    // a random token of letters and digits stands in the id's place too:
    // one of Infura's that is not hex, set 31's `…/ws/v3/225ws6xK…`)
    const PATHS: [(&str, bool, usize, usize, bool); 5] = [
        ("infura.io/v3/", true, 32, 32, true),
        ("infura.io/ws/v3/", true, 32, 32, true),
        ("alchemy.com/v2/", false, 32, 32, false),
        ("alchemyapi.io/v2/", false, 32, 32, false),
        (".quiknode.pro/", true, 32, 40, false),
    ];
    PATHS.iter().any(|&(path, hex, min, max, or_random)| {
        s.match_indices(path).any(|(at, _)| {
            let rest = &s[at + path.len()..];
            let key_len = rest.bytes().take_while(|&b| b64url(b)).count();
            let key = &rest[..key_len];
            ((min..=max).contains(&key.len())
                && (!hex || all(key, |b| b.is_ascii_hexdigit()))
                && crate::entropy::shannon_entropy(key) >= 3.0)
                || (or_random
                    && all(key, |b| b.is_ascii_alphanumeric())
                    && crate::entropy::looks_random(key)
                    && crate::entropy::has_random_run(key)
                    && !crate::placeholder::is_placeholder(key))
        })
    })
}

/// Whether `s` may hold an RPC provider's host, for
/// [`has_rpc_provider_key`]: it has `fura` (Infura's), `chem` (Alchemy's)
/// or `kno` (QuickNode's), in one pass over its bytes.
fn may_name_rpc_provider(s: &str) -> bool {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(2)).any(|i| match b[i] {
        b'f' => b[i + 1..].starts_with(b"ura"),
        b'c' => b[i + 1..].starts_with(b"hem"),
        b'k' => b[i + 1..].starts_with(b"no"),
        _ => false,
    })
}

/// An unsecured JWT (RFC 7519 §6): a header saying `"alg":"none"`, a
/// payload, and no signature. Anyone can write one; it is a credential
/// nowhere a server checks signatures.
pub(crate) fn is_unsecured_jwt(t: &str) -> bool {
    let mut parts = t.split('.');
    let (Some(header), Some(payload), Some(""), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    !payload.is_empty()
        && header.starts_with("eyJ")
        && crate::benign::base64_decode(header).is_some_and(|json| {
            let json: String = String::from_utf8_lossy(&json)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            json.to_ascii_lowercase().contains(r#""alg":"none""#)
        })
}

/// Three base64url segments, the first a JSON object (`{"` encodes to `eyJ`);
/// or five, a JWE (RFC 7516: header, encrypted key — empty for direct
/// encryption —, IV, ciphertext, tag), which carries claims as well.
fn is_jwt(t: &str) -> bool {
    if !t.starts_with("eyJ") {
        return false;
    }
    let parts: Vec<&str> = t.split('.').collect();
    match parts.as_slice() {
        // (an unsecured JWT, `alg: none`, has no signature: anyone can
        // write one, and only a server that accepts them takes it)
        [header, payload, signature] => {
            header.starts_with("eyJ")
                && header.len() >= 10
                && payload.len() >= 4
                && !signature.is_empty()
                && [header, payload, signature].iter().all(|p| all(p, b64url))
        }
        [header, key, iv, ciphertext, tag] => {
            header.starts_with("eyJ")
                && header.len() >= 10
                && iv.len() >= 12
                && ciphertext.len() >= 4
                && tag.len() >= 16
                && parts.iter().all(|p| all(p, b64url))
                && (key.is_empty() || key.len() >= 16)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_written_out_is_read_where_its_clause_ends() {
        for (text, stated) in [
            (
                "Login with these accounts (password: password123):",
                "password123",
            ),
            ("login with user=dude password=sikrit", "sikrit"),
            ("DB_PASSWORD='Zq9 local'", "Zq9 local"),
            ("Password: `123456`", "123456"),
            ("Try: curl -u admin:secret http://localhost:3000/", "secret"),
            ("curl -u \"user-1:password-1\" localhost:5000", "password-1"),
            ("curl --user ops:S3cret@ https://x", "S3cret"),
            // a shell command's (set 11's doc comment)
            ("    -e POSTGRES_PASSWORD=runnerq \\", "runnerq"),
            (
                "docker run -e POSTGRES_PASSWORD=runnerq -p 5432:5432 postgres",
                "runnerq",
            ),
            (
                "✓ user 'alice' created (pässword: x, password: hunter2!)",
                "hunter2!",
            ),
            // quoted right after the name (set 28's firmware log line; SQL)
            (
                "Connect to WiFi SSID 'ESP32-AP' with password 'password123'",
                "password123",
            ),
            ("ALTER USER app WITH PASSWORD 's3cret!'", "s3cret!"),
            ("LDAP bind password \"Th1s1s\" accepted", "Th1s1s"),
        ] {
            assert_eq!(stated_password(text), Some(stated), "{text}");
        }
        for text in [
            "password: {}",
            "password={password}",
            "Invalid password: must be at least 8 characters",
            "password: String",
            "the password: required",
            "wrong password: accepted?!",
            "UPDATE users SET password = $1",
            "if password == other",
            "std::password::hash",
            "curl -u {}:{} http://localhost",
            "✓✓: ü=ö",
            "password:",
            "password=sikrit&remember=1",
            "the password=sikrit - a dash is prose",
            "password: sikrit -ly",
            "characters from the password: <code>! \" # $ %</code>",
            // a quoted word, a slot or nothing after the name
            "the password \"field\" is required",
            "wrong password '{}' for {}",
            "password ''",
            "password`",
            "Pass `val2` in the least-significant bytes",
            "We pass 'x1' through",
        ] {
            assert_eq!(stated_password(text), None, "{text}");
        }
    }

    #[test]
    fn near_misses_are_not_formats() {
        for s in [
            "AKIA_ROTATION_POLICY", // prefix, but a name
            "AKIAAAAAAAAAAAAAAAAA", // no digit: a placeholder
            "ghp_short",
            "gho_16C7e42F292c6912E7710c838347Ae178B4a", // GitHub's documentation's example
            "xoxb-",
            "sk_live_",
            "pk_live_4eC39HqLyjWDarjtT1zdp7dc", // publishable, meant to be public
            "sk-this-is-not-a-key",
            "eyJ.a.b",
            "a.b.c",
            "-----BEGIN PUBLIC KEY-----",
            "postgres://app:${DB_PASSWORD}@db/app",
            "https://user@example.com/path",
            "AIzaShort",
            "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx",
        ] {
            assert_eq!(known_format(s), None, "{s}");
        }
    }

    #[test]
    fn pem_headers_without_a_body_are_no_keys() {
        for s in [
            "-----BEGIN PRIVATE KEY-----",
            "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n",
            "-----BEGIN PRIVATE KEY-----\nQQ==\n-----END PRIVATE KEY-----\n",
            "expected '-----BEGIN PRIVATE KEY-----' at the start of the file",
        ] {
            assert_eq!(known_format(s), None, "{s}");
        }
        // a key inside JSON inside a raw string keeps its `\n` escapes
        let json = r#"{"key": "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIq83vEjRWeJCrze8SNFZ4kKvN7xI0abcdEFGH\n-----END EC PRIVATE KEY-----\n"}"#;
        assert_eq!(known_format(json), Some(Rule::PemPrivateKey));
    }

    #[test]
    fn stand_in_passwords_are_not_passwords() {
        for (user, password) in [
            ("user", "password"),
            ("user", "Passw0rd"),
            ("user", "p@ssw0rd"),
            ("user", "pass"),
            ("martin", "secret"),
            ("proxy", "creds"),
            ("guest", "guest"),
            ("letme", "in"),
            ("Aladdin", "open sesame"),
            ("app", "${DB_PASSWORD}"),
            ("app", "{}"),
            ("app", "***"),
            ("myuser", "mypassword"),
            ("me", "My_Secret"),
        ] {
            assert!(is_dummy_password(user, password), "{user}:{password}");
        }
        for (user, password) in [
            ("app", "Xk2pQ9vLm4"),
            ("app", "mysterious"),
            ("", "hunter22"),
            ("root", "Summer2026!"),
        ] {
            assert!(!is_dummy_password(user, password), "{user}:{password}");
        }
    }

    #[test]
    fn formats_are_found_inside_longer_strings() {
        assert_eq!(
            known_format("key=AKIAU29PC7ZL4HT2DTCB;"),
            Some(Rule::AwsAccessKeyId)
        );
        // AWS's documentation's example is none
        assert_eq!(known_format("key=AKIAIOSFODNN7EXAMPLE;"), None);
        assert_eq!(
            known_format(
                "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAq83vEjRWeJCrze8SNFZ4kKvN7xI0\n-----END RSA PRIVATE KEY-----"
            ),
            Some(Rule::PemPrivateKey)
        );
        assert_eq!(
            known_format("github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz"),
            Some(Rule::GitHubToken)
        );
        assert_eq!(
            known_format("rk_live_51H8abcdefghijklmnop"),
            Some(Rule::StripeKey)
        );
    }

    #[test]
    fn recovery_phrases() {
        assert!(is_mnemonic(
            "sudden member wrestle fruit apology woman glow crop play what target supreme"
        ));
        let phrase = format!("{}art", "abandon ".repeat(23));
        assert!(is_mnemonic(&phrase));
        // eleven words, a capital, punctuation, a long word
        assert!(!is_mnemonic(
            "one two three four five six seven eight nine ten eleven"
        ));
        assert!(!is_mnemonic(
            "The quick brown fox jumps over the lazy dog and runs far away"
        ));
        assert!(!is_mnemonic(
            "the quick brown fox jumps over the lazy dog, and runs far away"
        ));
        assert!(!is_mnemonic(
            "the quick brown fox jumps over the lazy dog and runs extremely far"
        ));
    }
}
