use secretguard::{secret, SecretBytes};

fn main() {
    let _key: SecretBytes = secret!(b"my-super-secret-key-1234");
}
