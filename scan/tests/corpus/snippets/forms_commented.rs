// expect: 15
// Commented-out code is walked like code: a secret in it is committed all
// the same. Marked lines are findings; the rest must stay quiet.
use jsonwebtoken::EncodingKey;

fn connect() {
    // let api_key = "k3y-8f2b6c1e9d4a7"; // secret-binding
    let api_key = std::env::var("API_KEY").unwrap();

    // Old login, kept for reference:
    // let client = Client::new();
    // client.login("deploy", "Winter2024!deploy"); // secret-binding
    // the "password" field is hashed before it is stored

    // let key = EncodingKey::from_secret(
    //     b"signing-key-from-the-old-service", // key-constructor
    // );

    // let totp = Secret::Encoded("OBWGC2LOFVZXI4TJNZTS243FMNZGK5BN".to_string()); // key-constructor

    // a struct literal cut in half still has its fields
    // let start = StartData {
    //     api_key: String::from("k3y-7c1e9d4a8f2b"), // secret-binding
    //     region: String::from("euw1"),
    let _ = api_key;
}

// const HMAC_KEY: [u8; 16] = [0x3a, 0x91, 0x5c, 0x07, 0xe2, 0x4b, 0xd8, 0x16, 0x7f, 0xa0, 0x29, 0xc3, 0x58, 0xee, 0x04, 0xb7]; // secret-binding

fn quiet() {
    g(); // let trailing_password = "after code is no commented-out code";
    /* let block_password = "block comments are not walked"; */
    /// let doc_password = "doc comments are documentation";
    let _ = 1;
    // let port = std::env::var("PORT").unwrap_or("8080".into());
    // let contract = "tz1fGCqibiGS1W7fWCCCCLQ9rzMiayAsMa4R";
}

// prose: an issuer's token or a URL with a real password is found in any
// comment, a stand-in or a placeholder is not
// old deploy token: ghp_R8mQ2vN5xK7pL0sT4wY9bC3dF6hJ1aE2uZ8q (revoked?) // github-token
//mongodb://root:r00tpa55-Xq9@localhost:27017 // url-password
// e.g. postgres://postgres:password@localhost:5432/app
// see https://docs.rs/secretguard and <your-token>

// code commented out in a block comment is walked as well
async fn block_commented(db: &Surreal<Client>) {
    /* db.signin(Root {
        username: "root",
        password: "M0skwa!-root-pw", // secret-binding
    })
    .await?; */
    let x = 1; /* let api_key = "k3y-2b6c1e9d4a7f8"; */ // secret-binding
    /* prose with "quotes" and [brackets], no code */
    /** a doc comment: `let token = "not-walked-here";` */
    let y = 2;
    /*
    if payload.username != "demo1" || payload.pwd != "welcome-2026" { // secret-binding
        return Err(Error::LoginFail);
    }
    */
    /* let bot = Bot::new(env!("BOT_NAME"));
    // 7301946285:AAFq3vT9mW2xK8pL5nR7sD1cY4bH6jZ0uGe // telegram-bot-token
    bot.run(); */
}

// a password written out in prose is one:
// curl -u "ops:Ops-curl-2026" localhost:5000 // secret-binding
// password: must be at least 8 characters
// curl -u "ops:wrong" localhost:5000

/*
 * prose in a block comment is read as in a line comment:
 * the seeded admin logs in (password: Adm1n-seed-26) // secret-binding
 * staging: 7301946285:AAFq3vT9mW2xK8pL5nR7sD1cY4bH6jZ0uGe // telegram-bot-token
 * e.g. postgres://postgres:password@localhost:5432/app
 */
/** documentation is not: 7301946285:AAFq3vT9mW2xK8pL5nR7sD1cY4bH6jZ0uGe */
fn documented() {}
