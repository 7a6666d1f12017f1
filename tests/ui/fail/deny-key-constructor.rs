use secretguard::deny_hardcoded_secrets;

struct EncodingKey;

impl EncodingKey {
    fn from_secret(_: &[u8]) -> Self {
        EncodingKey
    }
}

#[deny_hardcoded_secrets]
fn key() -> EncodingKey {
    EncodingKey::from_secret(b"secret")
}

fn main() {
    key();
}
