// expect: 12
// Wallet keys and recovery phrases: the text a signer or a phrase is built
// from is the key (all values are made up for this corpus).
use alloy::signers::local::PrivateKeySigner;
use std::str::FromStr;

const MNEMONIC: &str = "lunar cabin orbit velvet timber prism anchor mellow quiver gadget hollow ember"; // recovery-phrase
const EXTERNAL_DESCRIPTOR: &str = "tr(tprv8ZgxMBicQKsP9G2gVCm8piyPsy6FJ4MfCckoUny4dy2eHLTDCw8eaord4mMgNHCSLzrxiZAJuJjmCU4Nbz3THZKayTSjCLdQSe2LdfcbaUq/86'/1'/0'/0/*)"; // extended-private-key
const SEED_WORDS: [&str; 1] = ["brisk tunnel amber jolly violin census fabric ripple magnet sorrow tiger opera"]; // recovery-phrase

fn signers() {
    let signer = PrivateKeySigner::from_str("0x4f3a9c27e1d8b60f5a2c7e9d13b48f6a0c5e2d7b9a13f8c64e0d2b7a59c1f3e8").unwrap(); // key-constructor
    let wallet = "8c1f0e5a3b7d92c4e6f1a08b5d3c7e29f4a6b1d0c8e3f5a7b9d2c4e6f8a0b1c3" // key-constructor
        .parse::<LocalWallet>()
        .unwrap();
    let phrase = bip39::Mnemonic::parse("copper vivid lantern oyster plume drift walnut hazard pepper sunset cradle fossil").unwrap(); // recovery-phrase
    let payer = Keypair::from_base58_string("4xQv7Rk2mW9pLs3NcYb8Tf6HjDg5ZaE1uV7oKqXr2iPw"); // key-constructor
    // public: an address, a derived phrase's length, a word list's word count
    let to = address!("104dc4c1FcA6359B9bdBf81705E34f1ba91a3958");
    let fresh = Mnemonic::generate(12).unwrap();
    let hint = "enter the twelve words of your recovery phrase in order please now";
}

fn checks(body: &Login) -> bool {
    if body.password == "Tr0ub4dor&3-prod" { // secret-binding
        return true;
    }
    // a check accepts the word too
    if body.username != "demo" || body.password != "password" { // secret-binding
        return false;
    }
    // a comparison with what the user typed, a placeholder, no secret name
    body.password == body.confirm || body.password != "" || body.kind == "Tr0ub4dor&3-kind"
}

// placeholders where a wallet key goes: a parsing constructor would fail on them
fn examples() {
    let signer = PrivateKeySigner::from_str("0x...").unwrap();
    let payer = Keypair::from_base58_string("use_your_payer_keypair_here");
    let key = EncodingKey::from_secret("sk-…".as_bytes());
}

// a recovery phrase's passphrase, the "25th word", is a password
fn seeds(mnemonic: &Mnemonic, words: Vec<String>, passphrase: &str) {
    let a = mnemonic.to_seed("Tr3zor-pass-26"); // secret-binding
    let b = Seed::new(mnemonic, "gj7-seed-pass"); // secret-binding
    let c = Keys::from_mnemonic(PHRASE, Some("my-wallet-pass-26")); // secret-binding
    // none, or one read at run time
    let d = mnemonic.to_seed("");
    let e = mnemonic.to_seed(passphrase);
    let f = Keys::from_mnemonic(PHRASE);
}
