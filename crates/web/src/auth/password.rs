//! Password hashing with argon2id (the argon2 crate's default algorithm).
//! Hashing is slow on purpose, so it runs on the blocking pool.

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

pub const MIN_LENGTH: usize = 12;
pub const MAX_LENGTH: usize = 128;

pub async fn hash(password: &str) -> anyhow::Result<String> {
    let pw = password.to_string();
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(pw.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))
    })
    .await?
}

/// Check `password` against a stored PHC string. With no stored hash, a dummy hash
/// is checked anyway so a missing account takes as long as a wrong password.
pub async fn verify(password: &str, stored: Option<&str>) -> bool {
    static DUMMY: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        Argon2::default()
            .hash_password(b"erabareru-dummy-password")
            .map(|h| h.to_string())
            .unwrap_or_default()
    });
    let pw = password.to_string();
    let (hash, real) = match stored {
        Some(h) => (h.to_string(), true),
        None => (DUMMY.clone(), false),
    };
    tokio::task::spawn_blocking(move || {
        let ok = Argon2::default()
            .verify_password(pw.as_bytes(), hash.as_str())
            .is_ok();
        ok && real
    })
    .await
    .unwrap_or(false)
}

/// The i18n key of what is wrong with a new password, if anything.
pub fn check_new(password: &str, confirm: &str) -> Option<&'static str> {
    let n = password.chars().count();
    if n < MIN_LENGTH {
        Some("password.too_short")
    } else if n > MAX_LENGTH {
        Some("password.too_long")
    } else if password != confirm {
        Some("password.mismatch")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_with_argon2id_and_verifies() {
        let h = hash("correct horse battery").await.unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify("correct horse battery", Some(&h)).await);
        assert!(!verify("wrong horse battery", Some(&h)).await);
        assert!(!verify("correct horse battery", None).await);
        assert!(!verify("x", Some("not a phc string")).await);
    }

    #[test]
    fn new_password_rules() {
        assert_eq!(check_new("short", "short"), Some("password.too_short"));
        assert_eq!(check_new("twelve chars", "twelve chars"), None);
        assert_eq!(
            check_new("twelve chars", "twelve charz"),
            Some("password.mismatch")
        );
        assert_eq!(
            check_new(&"a".repeat(129), &"a".repeat(129)),
            Some("password.too_long")
        );
        // Japanese passwords count characters, not bytes.
        assert_eq!(
            check_new("あいうえおかきくけこさし", "あいうえおかきくけこさし"),
            None
        );
    }
}
