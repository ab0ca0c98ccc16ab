//! The employer's own employee codes, encrypted at rest (issue 8).
//!
//! Imports replace every employee code by a keyed pseudonym (see `kpi_imports`);
//! the original code is kept here so that the employer's HR sees whom a figure is
//! about. Each code is sealed with ChaCha20-Poly1305 under a key that lives outside
//! the database (a file in the data dir, [`EmployeeCodeKey::load_or_create`]), with a
//! random nonce per value and the organization id and pseudonym as associated data:
//! a database dump without the key file reads as noise, and a row copied to another
//! organization or pseudonym does not decrypt.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};

use crate::{Error, Result, Store};

/// Bytes of the key file.
pub const KEY_BYTES: usize = 32;
const NONCE_BYTES: usize = 12;

/// The secret that seals employee codes. Never stored in the database.
#[derive(Clone)]
pub struct EmployeeCodeKey([u8; KEY_BYTES]);

impl std::fmt::Debug for EmployeeCodeKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("EmployeeCodeKey(…)")
    }
}

impl EmployeeCodeKey {
    /// A fresh random key (tests, and the first start of an installation).
    pub fn random() -> EmployeeCodeKey {
        use rand::RngCore;
        let mut k = [0u8; KEY_BYTES];
        rand::rng().fill_bytes(&mut k);
        EmployeeCodeKey(k)
    }

    pub fn from_bytes(bytes: [u8; KEY_BYTES]) -> EmployeeCodeKey {
        EmployeeCodeKey(bytes)
    }

    /// Read the key file, or create it (32 random bytes, mode 0600) when it does
    /// not exist. A file of another length is refused rather than used.
    pub fn load_or_create(path: &Path) -> Result<EmployeeCodeKey> {
        match std::fs::read(path) {
            Ok(bytes) => {
                let k: [u8; KEY_BYTES] = bytes.as_slice().try_into().map_err(|_| {
                    Error::Config(format!(
                        "{} must hold exactly {KEY_BYTES} bytes (it holds {})",
                        path.display(),
                        bytes.len()
                    ))
                })?;
                Ok(EmployeeCodeKey(k))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let key = EmployeeCodeKey::random();
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).map_err(|e| io(path, e))?;
                }
                let mut options = std::fs::OpenOptions::new();
                // create_new: two servers starting at once never overwrite each other's key.
                options.write(true).create_new(true);
                #[cfg(unix)]
                std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
                match options.open(path) {
                    Ok(mut f) => {
                        f.write_all(&key.0).map_err(|e| io(path, e))?;
                        f.sync_all().map_err(|e| io(path, e))?;
                        Ok(key)
                    }
                    // Another process created it between our read and our create.
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                        EmployeeCodeKey::load_or_create(path)
                    }
                    Err(e) => Err(io(path, e)),
                }
            }
            Err(e) => Err(io(path, e)),
        }
    }

    fn cipher(&self) -> ChaCha20Poly1305 {
        ChaCha20Poly1305::new(Key::from_slice(&self.0))
    }

    /// Seal `code` for (org, pseudonym): (nonce, ciphertext).
    pub fn seal(&self, org_id: i64, pseudonym: &str, code: &str) -> Result<(Vec<u8>, Vec<u8>)> {
        use rand::RngCore;
        let mut nonce = [0u8; NONCE_BYTES];
        rand::rng().fill_bytes(&mut nonce);
        let aad = associated_data(org_id, pseudonym);
        let ciphertext = self
            .cipher()
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: code.as_bytes(),
                    aad: &aad,
                },
            )
            .map_err(|_| Error::Config("sealing an employee code failed".into()))?;
        Ok((nonce.to_vec(), ciphertext))
    }

    /// The code sealed for (org, pseudonym), or None when the key, the
    /// organization or the pseudonym is not the one it was sealed with.
    pub fn open(
        &self,
        org_id: i64,
        pseudonym: &str,
        nonce: &[u8],
        ciphertext: &[u8],
    ) -> Option<String> {
        if nonce.len() != NONCE_BYTES {
            return None;
        }
        let aad = associated_data(org_id, pseudonym);
        let plain = self
            .cipher()
            .decrypt(
                Nonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: &aad,
                },
            )
            .ok()?;
        String::from_utf8(plain).ok()
    }
}

fn io(path: &Path, e: std::io::Error) -> Error {
    Error::Config(format!("employee-code key file {}: {e}", path.display()))
}

fn associated_data(org_id: i64, pseudonym: &str) -> Vec<u8> {
    format!("erabareru employee code v1\0{org_id}\0{pseudonym}").into_bytes()
}

/// One employee's code as read from the employer's files, with its pseudonym.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmployeeCode {
    pub pseudonym: String,
    pub code: String,
}

/// What the store holds for an organization's pseudonyms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoredCode {
    Code(String),
    /// A row exists but does not open with this server's key (the key file changed).
    Unreadable,
}

impl Store {
    /// Use `key` to seal and open employee codes.
    pub fn with_employee_code_key(mut self, key: EmployeeCodeKey) -> Store {
        self.code_key = Some(Arc::new(key));
        self
    }

    pub(crate) fn employee_code_key(&self) -> Result<&EmployeeCodeKey> {
        self.code_key.as_deref().ok_or_else(|| {
            Error::Config("no employee-code key configured (employee_code_key_file)".into())
        })
    }

    /// Seal and store `codes` for `org_id` inside `tx` (a replaced row gets a new nonce).
    pub(crate) async fn put_employee_codes(
        &self,
        tx: &mut sqlx::Transaction<'_, sqlx::Any>,
        org_id: i64,
        codes: &[EmployeeCode],
    ) -> Result<()> {
        if codes.is_empty() {
            return Ok(());
        }
        let key = self.employee_code_key()?;
        for c in codes {
            let (nonce, ciphertext) = key.seal(org_id, &c.pseudonym, &c.code)?;
            sqlx::query(
                "INSERT INTO employee_codes (org_id, pseudonym, nonce, ciphertext) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (org_id, pseudonym) DO UPDATE SET nonce = excluded.nonce, ciphertext = excluded.ciphertext",
            )
            .bind(org_id)
            .bind(&c.pseudonym)
            .bind(nonce)
            .bind(ciphertext)
            .execute(&mut **tx)
            .await?;
        }
        Ok(())
    }

    /// Every stored code of an organization, by pseudonym, opened with this
    /// server's key. Without a configured key every row is unreadable.
    pub async fn employee_codes(&self, org_id: i64) -> Result<HashMap<String, StoredCode>> {
        let rows: Vec<(String, Vec<u8>, Vec<u8>)> = sqlx::query_as(
            "SELECT pseudonym, nonce, ciphertext FROM employee_codes WHERE org_id = $1",
        )
        .bind(org_id)
        .fetch_all(self.pool())
        .await?;
        let key = self.code_key.as_deref();
        Ok(rows
            .into_iter()
            .map(|(pseudonym, nonce, ciphertext)| {
                let code = key
                    .and_then(|k| k.open(org_id, &pseudonym, &nonce, &ciphertext))
                    .map(StoredCode::Code)
                    .unwrap_or(StoredCode::Unreadable);
                (pseudonym, code)
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_code_opens_only_for_its_key_organization_and_pseudonym() {
        let key = EmployeeCodeKey::random();
        let (nonce, ct) = key.seal(7, "P-0123456789", "E0042").unwrap();
        assert_eq!(
            key.open(7, "P-0123456789", &nonce, &ct).as_deref(),
            Some("E0042")
        );
        assert!(!ct.windows(5).any(|w| w == b"E0042"));
        assert_eq!(key.open(8, "P-0123456789", &nonce, &ct), None);
        assert_eq!(key.open(7, "P-9999999999", &nonce, &ct), None);
        assert_eq!(
            EmployeeCodeKey::random().open(7, "P-0123456789", &nonce, &ct),
            None
        );
        let (nonce2, ct2) = key.seal(7, "P-0123456789", "E0042").unwrap();
        assert_ne!((nonce, ct), (nonce2, ct2), "a fresh nonce per value");
    }

    #[test]
    fn the_key_file_is_created_once_private_and_checked() {
        let dir = std::env::temp_dir().join(format!("erabareru-key-{}", crate::new_token().0));
        let path = dir.join("employee-code.key");
        let a = EmployeeCodeKey::load_or_create(&path).unwrap();
        let b = EmployeeCodeKey::load_or_create(&path).unwrap();
        assert_eq!(a.0, b.0, "the second start reads the same key");
        assert_eq!(std::fs::read(&path).unwrap().len(), KEY_BYTES);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::write(&path, b"short").unwrap();
        assert!(matches!(
            EmployeeCodeKey::load_or_create(&path),
            Err(Error::Config(_))
        ));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
