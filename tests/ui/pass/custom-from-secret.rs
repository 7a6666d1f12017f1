// Users load into their own types through `FromSecret`.
use secretguard::{secret, ExposeSecret, FromSecret, Rejection, SecretBytes, SecretOptions};

struct ApiKey(SecretBytes);

impl FromSecret for ApiKey {
    fn from_secret(value: SecretBytes, _: &SecretOptions<'_>) -> Result<Self, Rejection> {
        if value.expose_secret().len() == 40 {
            Ok(ApiKey(value))
        } else {
            Err(Rejection::invalid("an API key has 40 bytes"))
        }
    }
}

#[allow(dead_code)]
fn load() -> ApiKey {
    secret!("API_KEY")
}

fn main() {
    let _: Option<ApiKey> = secret!("SECRETGUARD_UI_SURELY_UNSET", optional);
}
