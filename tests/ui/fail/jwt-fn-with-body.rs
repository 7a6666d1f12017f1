use secretguard::{jwt_secret, ExposeSecret, JwtSecret};

#[jwt_secret]
fn jwt_secret() -> JwtSecret {
    JwtSecret::new(b"my-super-secret-key-1234-my-super".to_vec(), Default::default()).unwrap()
}

fn main() {
    let _ = jwt_secret().expose_secret().len();
}
