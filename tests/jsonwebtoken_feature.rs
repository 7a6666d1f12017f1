//! `JwtSecret` hands its key to `jsonwebtoken` (feature `jsonwebtoken`).
#![cfg(feature = "jsonwebtoken")]

use secretguard::{Algorithm, JwtSecret};

#[test]
fn keys_sign_and_verify_with_the_declared_algorithm() {
    let key = JwtSecret::generate(Algorithm::HS512).unwrap();
    let alg = key.jsonwebtoken_algorithm();
    assert_eq!(alg, jsonwebtoken::Algorithm::HS512);
    let claims = serde_json::json!({ "sub": "a", "exp": 4_102_444_800u64 });
    let token = jsonwebtoken::encode(
        &jsonwebtoken::Header::new(alg),
        &claims,
        &key.encoding_key(),
    )
    .unwrap();
    let decoded = jsonwebtoken::decode::<serde_json::Value>(
        &token,
        &key.decoding_key(),
        &jsonwebtoken::Validation::new(alg),
    )
    .unwrap();
    assert_eq!(decoded.claims["sub"], "a");

    let other = JwtSecret::generate(Algorithm::HS512).unwrap();
    let wrong = jsonwebtoken::decode::<serde_json::Value>(
        &token,
        &other.decoding_key(),
        &jsonwebtoken::Validation::new(alg),
    );
    assert!(wrong.is_err());
}
