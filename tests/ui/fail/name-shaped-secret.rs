// Upper-case secrets shaped like names: a base32 TOTP seed, a password with numbers.
use secretguard::{secret, SecretString};

fn main() {
    let _a: SecretString = secret!("JBSWY3DPEHPK3PXP");
    let _b: SecretString = secret!("HUNTER2HUNTER2");
}
