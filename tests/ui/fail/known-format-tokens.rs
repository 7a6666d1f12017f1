use secretguard::{secret, SecretString};

fn main() {
    let _github: SecretString = secret!(env = "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");
    let _stripe: SecretString = secret!("sk_live_4eC39HqLyjWDarjtT1zdp7dc");
    let _slack: SecretString = secret!("xoxb-1234567890-abcdefghijkl");
    let _jwt: SecretString = secret!("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlc2ln");
}
