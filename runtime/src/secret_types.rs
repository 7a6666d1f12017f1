//! The plain secret types: `secrecy`'s, re-exported, and how loaded bytes become them.

use secrecy::SecretBox;
use zeroize::Zeroizing;

pub use secrecy::{ExposeSecret, SecretString};

/// Secret bytes: `secrecy::SecretSlice<u8>`, zeroized on drop, `Debug` redacted.
///
/// ```
/// # extern crate secretguard_runtime as secretguard;
/// use secretguard::{ExposeSecret, SecretBytes};
/// let b = SecretBytes::from(vec![1, 2, 3]);
/// assert_eq!(b.expose_secret(), &[1, 2, 3]);
/// assert_eq!(format!("{b:?}"), "SecretBox<[u8]>([REDACTED])");
/// ```
pub type SecretBytes = secrecy::SecretSlice<u8>;

/// Moves `bytes` into a zeroizing box, copying only when the buffer has spare
/// capacity (shrinking would reallocate and leave the old buffer behind).
pub(crate) fn boxed_bytes(mut bytes: Zeroizing<Vec<u8>>) -> SecretBytes {
    if bytes.len() == bytes.capacity() {
        SecretBox::new(core::mem::take(&mut *bytes).into_boxed_slice())
    } else {
        // `bytes` is zeroized when it drops at the end of this call
        SecretBox::new(Box::from(bytes.as_slice()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

    #[test]
    fn boxed_bytes_keeps_contents_whatever_the_capacity() {
        let exact = Zeroizing::new(vec![1, 2, 3]);
        assert_eq!(boxed_bytes(exact).expose_secret(), &[1, 2, 3]);
        let mut spare = Zeroizing::new(Vec::with_capacity(16));
        spare.extend_from_slice(&[4, 5]);
        assert_eq!(boxed_bytes(spare).expose_secret(), &[4, 5]);
    }
}
