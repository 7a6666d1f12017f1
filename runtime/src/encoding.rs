//! How the text of a secret turns into the bytes of a key.

use base64::Engine as _;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use zeroize::Zeroizing;

/// How a loaded value is decoded before it becomes a secret.
///
/// Chosen with the `encoding = "…"` option of [`secret!`] and `#[jwt_secret]`;
/// the default is [`Encoding::Utf8`], the value's bytes as they are.
///
/// ```
/// # extern crate secretguard_runtime as secretguard;
/// use secretguard::Encoding;
/// assert_eq!(Encoding::Base64Url.name(), "base64url");
/// ```
///
/// [`secret!`]: https://docs.rs/secretguard/latest/secretguard/macro.secret.html
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Encoding {
    /// The bytes of the value as they are (`utf8`).
    #[default]
    Utf8,
    /// Standard base64 (RFC 4648 §4), padding optional, whitespace ignored (`base64`).
    Base64,
    /// URL-safe base64 (RFC 4648 §5), padding optional, whitespace ignored (`base64url`).
    Base64Url,
    /// Hexadecimal, either case, whitespace ignored (`hex`).
    Hex,
}

/// Why a value could not be decoded; never contains any byte of the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DecodeError(pub(crate) String);

const INDIFFERENT: GeneralPurposeConfig =
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
const BASE64: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, INDIFFERENT);
const BASE64URL: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, INDIFFERENT);

impl Encoding {
    /// The name used in the `encoding = "…"` option.
    pub const fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf8",
            Encoding::Base64 => "base64",
            Encoding::Base64Url => "base64url",
            Encoding::Hex => "hex",
        }
    }

    /// The `openssl rand` command that prints `len` random bytes in this encoding.
    pub(crate) fn generate_command(self, len: usize) -> String {
        match self {
            // base64 text of `len` random bytes is longer than `len`: good as raw bytes too
            Encoding::Utf8 | Encoding::Base64 => format!("openssl rand -base64 {len}"),
            Encoding::Base64Url => format!("openssl rand -base64 {len} | tr '+/' '-_'"),
            Encoding::Hex => format!("openssl rand -hex {len}"),
        }
    }

    /// Decodes `raw` into key bytes; every intermediate buffer is zeroized.
    pub(crate) fn decode(self, raw: Zeroizing<Vec<u8>>) -> Result<Zeroizing<Vec<u8>>, DecodeError> {
        if self == Encoding::Utf8 {
            return Ok(raw);
        }
        // `openssl rand -base64 64` wraps its output: whitespace is layout, not data
        let compact = without_whitespace(&raw);
        match self {
            Encoding::Utf8 => unreachable!("returned above"),
            Encoding::Base64 => decode_base64(&BASE64, &compact),
            Encoding::Base64Url => decode_base64(&BASE64URL, &compact),
            Encoding::Hex => decode_hex(&compact),
        }
    }
}

/// `raw` without its whitespace, in a buffer sized up front: growing it would
/// reallocate and leave a copy of the secret in freed memory.
fn without_whitespace(raw: &[u8]) -> Zeroizing<Vec<u8>> {
    let mut compact = Zeroizing::new(Vec::with_capacity(raw.len()));
    compact.extend(raw.iter().copied().filter(|b| !b.is_ascii_whitespace()));
    compact
}

fn decode_base64(engine: &GeneralPurpose, text: &[u8]) -> Result<Zeroizing<Vec<u8>>, DecodeError> {
    // decoded into a buffer of the largest possible size, then shortened: never reallocated
    let mut out = Zeroizing::new(vec![0; base64::decoded_len_estimate(text.len())]);
    let len = engine.decode_slice(text, &mut out).map_err(|e| {
        DecodeError(match e {
            base64::DecodeSliceError::DecodeError(e) => describe_base64_error(e),
            // the estimate is an upper bound; kept so a future change fails loudly, not silently
            base64::DecodeSliceError::OutputSliceTooSmall => "too long to decode".to_owned(),
        })
    })?;
    out.truncate(len);
    Ok(out)
}

fn describe_base64_error(e: base64::DecodeError) -> String {
    match e {
        base64::DecodeError::InvalidByte(offset, _)
        | base64::DecodeError::InvalidLastSymbol(offset, _) => {
            format!("invalid character at offset {offset}")
        }
        base64::DecodeError::InvalidLength(len) => format!("invalid length {len}"),
        base64::DecodeError::InvalidPadding => "invalid padding".to_owned(),
    }
}

fn decode_hex(text: &[u8]) -> Result<Zeroizing<Vec<u8>>, DecodeError> {
    if !text.len().is_multiple_of(2) {
        return Err(DecodeError(format!(
            "odd number of hex digits ({})",
            text.len()
        )));
    }
    // sized up front: two digits make one byte, so pushing never reallocates
    let mut out = Zeroizing::new(Vec::with_capacity(text.len() / 2));
    let invalid = |offset: usize| DecodeError(format!("invalid character at offset {offset}"));
    for (i, pair) in text.chunks_exact(2).enumerate() {
        let high = hex_digit(pair[0]).ok_or_else(|| invalid(2 * i))?;
        let low = hex_digit(pair[1]).ok_or_else(|| invalid(2 * i + 1))?;
        out.push(high << 4 | low);
    }
    Ok(out)
}

fn hex_digit(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(enc: Encoding, s: &str) -> Result<Vec<u8>, DecodeError> {
        enc.decode(Zeroizing::new(s.as_bytes().to_vec()))
            .map(|v| v.to_vec())
    }

    #[test]
    fn utf8_is_identity() {
        assert_eq!(decode(Encoding::Utf8, " a b\n").unwrap(), b" a b\n");
    }

    #[test]
    fn base64_accepts_padding_either_way_and_wrapped_lines() {
        assert_eq!(decode(Encoding::Base64, "aGVsbG8=").unwrap(), b"hello");
        assert_eq!(decode(Encoding::Base64, "aGVsbG8").unwrap(), b"hello");
        assert_eq!(decode(Encoding::Base64, "aGVs\nbG8=\n").unwrap(), b"hello");
        assert_eq!(
            decode(Encoding::Base64, "+/+/").unwrap(),
            [0xfb, 0xff, 0xbf]
        );
    }

    #[test]
    fn base64url_uses_its_own_alphabet() {
        assert_eq!(
            decode(Encoding::Base64Url, "-_-_").unwrap(),
            [0xfb, 0xff, 0xbf]
        );
        assert!(decode(Encoding::Base64Url, "+/+/").is_err());
        assert!(decode(Encoding::Base64, "-_-_").is_err());
    }

    #[test]
    fn base64_errors_name_the_offset_not_the_character() {
        let err = decode(Encoding::Base64, "aGVs#G8=").unwrap_err();
        assert_eq!(err.0, "invalid character at offset 4");
        assert!(!err.0.contains('#'));
    }

    #[test]
    fn hex_round_trips_either_case() {
        assert_eq!(
            decode(Encoding::Hex, "00ff7Fa0").unwrap(),
            [0, 255, 127, 160]
        );
        assert_eq!(decode(Encoding::Hex, "00 ff\n").unwrap(), [0, 255]);
    }

    #[test]
    fn hex_errors_say_where_without_the_digit() {
        assert_eq!(
            decode(Encoding::Hex, "abc").unwrap_err().0,
            "odd number of hex digits (3)"
        );
        let err = decode(Encoding::Hex, "abzz").unwrap_err();
        assert_eq!(err.0, "invalid character at offset 2");
    }

    #[test]
    fn generate_commands_match_encodings() {
        assert_eq!(Encoding::Hex.generate_command(32), "openssl rand -hex 32");
        assert_eq!(
            Encoding::Utf8.generate_command(64),
            "openssl rand -base64 64"
        );
    }

    // A buffer that grows is copied to a new allocation and the old one freed
    // unwiped; each buffer holding key material keeps the capacity it started with.

    #[test]
    fn removing_whitespace_never_grows_the_buffer() {
        let raw = b"q83vEjRWeJCrze8SNFZ4kKvN7xI0\nVniQq83vEjRWeJA=\n";
        let compact = without_whitespace(raw);
        assert_eq!(compact.len(), raw.len() - 2);
        assert_eq!(compact.capacity(), raw.len());
    }

    #[test]
    fn base64_decoding_never_grows_the_buffer() {
        let text = b"q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";
        let out = decode_base64(&BASE64, text).unwrap();
        assert_eq!(out.len(), 32);
        assert_eq!(out.capacity(), base64::decoded_len_estimate(text.len()));
    }

    #[test]
    fn hex_decoding_never_grows_the_buffer() {
        let out = decode_hex(b"00112233445566778899aabbccddeeff").unwrap();
        assert_eq!((out.len(), out.capacity()), (16, 16));
    }
}
