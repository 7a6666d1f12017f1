use secretguard::{jwt_secret, JwtSecret};

fn load_key() -> JwtSecret {
    unimplemented!()
}

#[jwt_secret]
static JWT_SECRET: JwtSecret = load_key();

fn main() {
    let _ = &*JWT_SECRET;
}
