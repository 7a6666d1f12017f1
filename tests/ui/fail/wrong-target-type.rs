use secretguard::secret;

fn main() {
    let _port: u32 = secret!("API_KEY");
}
