// expect: 11
// Secrets inside macro calls (all values are made up for this corpus).
use serde_json::json;

fn request(token: &str) -> String {
    let auth = format!("Bearer {}", "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"); // github-token
    let keys = vec!["sk_live_Zq3C8xN1vT6bW0pL4mK9sR2d", token]; // stripe-key
    println!("using {}", "xoxb-2048123456-Zq3C8xN1vT6bW0pL"); // slack-token
    assert_eq!(token, "AKIAZQ3C8XN1VT6BW0PL"); // aws-access-key-id
    let body = json!({
        "user": "deploy",
        "db": { "password": "Summer2026!" }, // secret-binding
        "retries": 3,
    });
    let stripe = concat!("sk_live_", "Zq3C8xN1vT6bW0pL4mK9sR2d"); // stripe-key
    const DB_PASSWORD: &str = concat!("Winter", "2026!"); // secret-binding
    // format strings, placeholders and plain test data are not secrets
    let url = format!("postgres://{}:{}@{}/{}", "app", token, "db", "app");
    assert_eq!(encode(b"hello"), "aGVsbG8gZW50aHVzaWFzdGljIHJlYWRlcg==");
    log::info!(target: "auth", "token {} refreshed", token);
    // a password written out in a message or a request's text
    println!("Seeded: log in as admin (password: Adm1n-2026)"); // secret-binding
    println!("Try: curl -u admin:s3cret-77 http://localhost:3000/hello"); // secret-binding
    let form = "DB_PASSWORD='Ops-env-26'"; // secret-binding
    println!("password: {}", token);
    eprintln!("Invalid password: must be at least 8 characters");
    let sql = "UPDATE users SET password = $1 WHERE id = $2";
    println!("curl -u {}:{} http://localhost:3000/hello", "ops", token);
    auth
}

// lazy_static's `static ref` items are items
lazy_static! {
    static ref STATE: Arc<RwLock<ServerState>> = Arc::new(RwLock::new(ServerState {
        clients: vec![],
        host_password: String::from("h0st-pa55word"), // secret-binding
    }));
    pub static ref NAME: String = String::from("server");
}
