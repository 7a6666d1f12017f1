// expect: 9
// A literal bound by a `let` and handed to a key constructor or fallback later.
use jsonwebtoken::{DecodingKey, EncodingKey};
use std::env;

fn keys() {
    let k = "changeme"; // key-constructor
    let encoding = EncodingKey::from_secret(k.as_bytes());
    let decoding = DecodingKey::from_secret(&k.clone().into_bytes());
    let jwt_secret = "dev-secret"; // key-constructor
    let key = EncodingKey::from_secret(jwt_secret.as_ref());
    let dflt = "local-dev-fallback"; // env-fallback
    let secret = env::var("JWT_SECRET").unwrap_or_else(|_| dflt.to_string());
    let raw = [0x3a, 0x91, 0x07, 0xfe, 0x22, 0x5c, 0x8d, 0x10, 0x44, 0xab, 0x9e, 0x01, 0x7f, 0x63, 0xc2, 0xd8]; // key-constructor
    let aes = Key::from_slice(&raw);
}

fn shadowed(config: &Config) {
    let k = "changeme";
    let k = config.key();
    let key = EncodingKey::from_secret(k.as_bytes());
}

// a literal changed in place before it keys (AWS SigV4's "AWS4" and the
// secret, set 34)
fn sigv4(secret: &str, date: &str) -> Vec<u8> {
    let mut k_init = "AWS4".to_owned();
    k_init.push_str(secret);
    hs256(k_init.as_bytes(), date)
}

const SIGNING: &[u8] = b"local-signing"; // key-constructor

fn by_const() -> EncodingKey {
    EncodingKey::from_secret(SIGNING)
}

// a session layer's signing secret, from an empty fallback
async fn session_layer() -> SessionLayer<MemoryStore> {
    let secret = std::env::var("SERVER_SECRET").unwrap_or_default(); // env-fallback
    SessionLayer::new(MemoryStore::new(), secret.as_bytes())
}

// a `let` a login is given as its password, even one that repeats its name
// (set 32's SFTP demo), and what it is given at run time
fn logins(sess: &Session, ftp: &mut FtpStream) {
    let password = "password"; // secret-binding
    sess.userauth_password("deploy", password).unwrap();
    let pw = "Lg7-ftp-pw-2026"; // secret-binding
    ftp.login("deploy", pw).unwrap();
    let user = "deploy";
    let typed = rpassword::prompt_password("password: ").unwrap();
    sess.userauth_password(user, &typed).unwrap();
    // (a login's one argument is followed only when written there)
    let code = "Rc7-rcon-2026";
    rcon.auth(code).unwrap();
}

// a seeded admin whose name is its password, hashed (set 33's diesel seed)
fn seed() {
    let userpass = "admin"; // secret-binding
    let pwh = pwhash::pwhash(userpass.as_bytes(), OPSLIMIT_INTERACTIVE, MEMLIMIT_INTERACTIVE).unwrap();
}
