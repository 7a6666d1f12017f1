use secretguard::jwt_secret;

#[jwt_secret]
struct Keys {
    signing: Vec<u8>,
}

fn main() {
    let _ = Keys { signing: Vec::new() }.signing;
}
