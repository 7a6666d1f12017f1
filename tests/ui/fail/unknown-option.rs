use secretguard::{secret, JwtSecret};

fn main() {
    let _a: JwtSecret = secret!("JWT_SECRET", algorithm = "HS512");
    let _b: JwtSecret = secret!("JWT_SECRET", encodig = "hex");
    let _c: Option<JwtSecret> = secret!("JWT_SECRET", optinal);
    let _d: JwtSecret = secret!("JWT_SECRET", frobnicate = 1);
}
