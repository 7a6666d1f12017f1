// expect: 11
// Key material as bytes: arrays and hex!/base64! literals (all made up).
use hex_literal::hex;

const SIGNING_KEY: [u8; 16] = [0x3a, 0x91, 0x07, 0xfe, 0x22, 0x5c, 0x8d, 0x10, 0x44, 0xab, 0x9e, 0x01, 0x7f, 0x63, 0xc2, 0xd8]; // secret-binding
static HMAC_KEY: [u8; 16] = hex!("3a9107fe 225c8d10 44ab9e01 7f63c2d8"); // secret-binding

fn keys() {
    let cipher = Key::from_slice(&hex!("3a9107fe225c8d1044ab9e017f63c2d8")); // key-constructor
    let mac = Hmac::<Sha256>::new_from_slice(&[9, 200, 31, 4, 77, 5, 160, 7, 8, 99, 10, 11, 12, 13, 14, 250]); // key-constructor
    let totp = TOTP::new(Algorithm::SHA1, 6, 1, 30, Secret::Encoded("MZXW6YTBOJUWU23MNU2GK3TPMRSXIZLT".to_string()).to_bytes().unwrap()); // key-constructor
    // its raw bytes; the issuer and account are no key (set 33)
    let raw = TOTP::new(Algorithm::SHA1, 6, 1, 30, "TotpSharedSecretOf32Bytes-2026".as_bytes().to_vec(), Some("Acme".to_string()), "ops@example.com".to_string()); // key-constructor
}

// a counting sequence is the examples' key, shipped: a fixed key all the
// same; so is key material under a plain `key` inside hex!
const MASTER_KEY: [u8; 16] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]; // secret-binding
fn encrypt() {
    let key = hex!("000102030405060708090a0b0c0d0e0f"); // secret-binding
}

// not keys: zeroes, a table with no secret name, a digest
const ZERO_KEY: [u8; 16] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
const SBOX: [u8; 16] = [0x63, 0x7c, 0x77, 0x7b, 0xf2, 0x6b, 0x6f, 0xc5, 0x30, 0x01, 0x67, 0x2b, 0xfe, 0xd7, 0xab, 0x76];
const EXPECTED: [u8; 16] = hex!("3a9107fe225c8d1044ab9e017f63c2d8");

// more key owners: jwt-simple's HMAC keys, RustCrypto's AEADs, argon2's pepper
fn owners() {
    let jwt = HS256Key::from_bytes(b"hs-dev-secret-77"); // key-constructor
    let aead = Aes256Gcm::new(GenericArray::from_slice(b"aead-key-for-the-old-service-77!")); // key-constructor
    let argon = Argon2::new_with_secret(b"pepper-secret-77", Algorithm::Argon2id, Version::V0x13, params); // key-constructor
    let fresh = Aes256Gcm::new(&Aes256Gcm::generate_key(OsRng));
}
