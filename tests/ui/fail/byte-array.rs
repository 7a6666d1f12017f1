use secretguard::{secret, SecretBytes};

fn main() {
    let _key: SecretBytes = secret!([0x6b, 0x65, 0x79, 0x31]);
}
