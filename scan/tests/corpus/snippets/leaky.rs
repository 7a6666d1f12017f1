// expect: 24
// Each marked line hardcodes a secret (all values are made up for this corpus).
use std::env;

const STRIPE_KEY: &str = "sk_live_Zq3C8xN1vT6bW0pL4mK9sR2d"; // stripe-key
static DB_PASSWORD: &str = "Summer2026!"; // secret-binding
const TOKEN_PEPPER: &str = "pp-4f9c2a7e1b-local"; // secret-binding

struct Config {
    api_token: String,
}

fn config() -> Config {
    Config { api_token: "tok-7f3a9c2e-prod".to_owned() } // secret-binding
}

fn keys() {
    let key = jsonwebtoken::EncodingKey::from_secret(b"secret"); // key-constructor
    let mac = Hmac::<Sha256>::new_from_slice("dev-hmac".as_bytes()); // key-constructor
    let jwt = env::var("JWT_SECRET").unwrap_or_else(|_| "dev-jwt-secret".to_string()); // env-fallback
    let url = "postgres://app:Xk2pQ9vLm4@db.internal/app"; // url-password
    let pg = tokio_postgres::connect("host=db.internal user=app password=Xk2pQ9vLm4", NoTls); // connection-string-password
    let bus = "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=q8Zk3vPbW9mN2xRt5yLc7HdJ4fG6hK8mP0rT2wY5zB7="; // connection-string-password
    let bot = Bot::new("7301952846:AAHk3vPbW9mN2xRt5yLc7HdJ4fG6hK8mP0r"); // telegram-bot-token
    let keys = Keys::parse("nsec168yju4ln90t0nhaa5mldryxhvxtn8f6jgzwrerw8rm90y6m9zdrhxyref5"); // nostr-secret-key
    let kp = nkeys::KeyPair::from_seed("SUUJZDEGXDNCF32EPF3DHODZDOCIS2JHTLGMXGEDN73U55XTPLPFT7V4SE"); // nats-nkey-seed
    let hook = "https://discord.com/api/webhooks/1391571332503830539/q8Zk3vPbW9mN2xRt5yLc7HdJ4fG6hK8mP0rT2wY5zB7cE9gJ1lN3qS5uW7yA0cE2gH4kL6"; // discord-webhook
    let blob = "c3VwZXJzZWNyZXRrZXkxMjM0NTY3ODkwYWJjZGVmZ2g="; // high-entropy
    let login = http.post("http://localhost:3000/login", "username=dude&password=sikrit"); // form-password
    sqlx::query("INSERT INTO users (username, password) VALUES ('root', 'Sq1-seed-2026')").execute(&pool); // document-password
    let config = "<Server><User>ftp</User><Pass>am01MjAxMzE0</Pass></Server>"; // document-password
    let riot = RiotApi::new("RGAPI-8672e76e-3953-6956-a4a5-34b53468d608"); // riot-api-key
    jar.add_cookie_str("session=53616c7465645f5f57ea1fbc9896dd549ac562452ac8c77cf59a0c9c7bb7a11d8e66fd42fd9cd82d89d1a667cb223e8b; Domain=adventofcode.com", &url); // advent-of-code-session
    let embedded = include_bytes!("../keys/signing.pem"); // build-time-embed
    let irc = irc::Config { password: Some(format!("oauth:q7rk2lmx9ptz4vwb8nc3d5fh6jg0sa")), ..Default::default() }; // twitch-chat-token
    let settings = Settings { encrypt_key: "etcd-Workbench@*?", theme: "auto" }; // secret-binding
}

// the value of a secret variable at build time is in the binary
fn release_key() -> Option<&'static str> {
    option_env!("RELEASE_SIGNING_KEY") // build-time-embed
}
