use secretguard::{secret, SecretBytes};

fn main() {
    let _a: SecretBytes = secret!("KEY", encoding = "utf-8");
    let _b: SecretBytes = secret!("KEY", encoding = "base32");
    let _c: SecretBytes = secret!("KEY", encoding = hex);
}
