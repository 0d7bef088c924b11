//! Content digests: 128-bit SipHash with fixed keys, the same on every machine and every
//! run (unlike std's `DefaultHasher`), so what is stored with a digest (the site's
//! manifest) stays valid across builds, and two different contents never share one in
//! practice.

use std::hash::Hasher;

use siphasher::sip128::{Hasher128, SipHasher13};

/// The digest of some bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Digest(pub u128);

impl Digest {
    pub fn of(bytes: &[u8]) -> Digest {
        let mut h = SipHasher13::new_with_keys(0x7a6f_6e67_6a69_6500, 0x7369_7465_0000_0001);
        h.write(bytes);
        Digest(h.finish128().as_u128())
    }
}
