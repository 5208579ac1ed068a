//! The API key: read from the environment or a file, checked, and never shown. [`ApiKey`] has no
//! `Display`, its `Debug` prints `ApiKey(<redacted>)`, and every error about it names where it came
//! from (the variable or the file), never its text.

use std::path::Path;

/// The environment variable the key is read from when no file is given.
pub const ENV_VAR: &str = "AA_API_KEY";

/// The largest key file read: 4 KiB (AA's keys are a few dozen characters).
pub const MAX_KEY_FILE_BYTES: u64 = 4096;

/// The shortest key searched for in responses.
pub const MIN_SEARCHED_LEN: usize = 8;

/// The longest key accepted, in bytes.
pub const MAX_KEY_LEN: usize = 1024;

/// An API key. Its text leaves this type only as the `x-api-key` header value
/// ([`ApiKey::header_value`]) and for the check that a response does not contain it.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl std::fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ApiKey(<redacted>)")
    }
}

impl ApiKey {
    /// Checks a key's text; `source` names where it came from (for the error, which never quotes
    /// the key).
    pub fn new(text: &str, source: &str) -> Result<ApiKey, String> {
        // One trailing line break (a file written by `echo`) and surrounding blanks are not part of it.
        let key = text.trim();
        if key.is_empty() {
            return Err(format!(
                "{source} is empty. Fix: put the key from your Artificial Analysis account's API page there"
            ));
        }
        if key.len() > MAX_KEY_LEN {
            return Err(format!(
                "{source} holds {} bytes, more than the {MAX_KEY_LEN} an API key can have. Fix: put only the key there",
                key.len()
            ));
        }
        if let Some(at) = key.bytes().position(|b| !(0x21..=0x7e).contains(&b)) {
            return Err(format!(
                "{source}: the key has a character that cannot be sent in an HTTP header (a space, line break, control or non-ASCII character) at byte {}; the key is not shown. Fix: copy the key again, alone on one line",
                at + 1
            ));
        }
        Ok(ApiKey(key.to_string()))
    }

    /// The key from [`ENV_VAR`], or `None` when the variable is unset.
    pub fn from_env() -> Result<Option<ApiKey>, String> {
        match std::env::var(ENV_VAR) {
            Ok(text) => {
                ApiKey::new(&text, &format!("the environment variable {ENV_VAR}")).map(Some)
            }
            Err(std::env::VarError::NotPresent) => Ok(None),
            Err(std::env::VarError::NotUnicode(_)) => Err(format!(
                "the environment variable {ENV_VAR} is not valid UTF-8; the key is not shown. Fix: set it to the key alone"
            )),
        }
    }

    /// The key from a file: a regular file of at most [`MAX_KEY_FILE_BYTES`] holding the key (one
    /// trailing line break allowed).
    pub fn from_file(path: &Path) -> Result<ApiKey, String> {
        use std::io::Read;
        let name = format!("--api-key-file {}", path.display());
        let meta = std::fs::metadata(path).map_err(|e| format!("{name}: cannot read: {e}"))?;
        if !meta.is_file() {
            return Err(format!(
                "{name}: is not a regular file. Fix: name a file that holds the key"
            ));
        }
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .and_then(|f| f.take(MAX_KEY_FILE_BYTES + 1).read_to_end(&mut bytes))
            .map_err(|e| format!("{name}: cannot read: {e}"))?;
        if bytes.len() as u64 > MAX_KEY_FILE_BYTES {
            return Err(format!(
                "{name}: is larger than {MAX_KEY_FILE_BYTES} bytes; a key file holds the key alone. Fix: name the file that holds only the key"
            ));
        }
        let text = String::from_utf8(bytes).map_err(|_| {
            format!(
                "{name}: is not UTF-8 text; the key is not shown. Fix: save the key as plain text"
            )
        })?;
        ApiKey::new(&text, &name)
    }

    /// The `x-api-key` header value.
    pub(crate) fn header_value(&self) -> &str {
        &self.0
    }

    /// Whether `bytes` contain the key (a response that echoes it is not written). A key shorter
    /// than [`MIN_SEARCHED_LEN`] is not searched for: it would match ordinary text (a dummy key
    /// such as `x` for a loopback replay), and AA's keys are much longer.
    pub fn occurs_in(&self, bytes: &[u8]) -> bool {
        let k = self.0.as_bytes();
        k.len() >= MIN_SEARCHED_LEN && bytes.windows(k.len()).any(|w| w == k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_never_shown() {
        let key = ApiKey::new("  aa-SECRET-123\n", "test").unwrap();
        assert_eq!(key.header_value(), "aa-SECRET-123");
        assert_eq!(format!("{key:?}"), "ApiKey(<redacted>)");
        assert!(key.occurs_in(b"xx aa-SECRET-123 yy"));
        assert!(!key.occurs_in(b"aa-SECRET-12"));
        // A dummy key of a few characters is not searched for (it is in ordinary text).
        assert!(
            !ApiKey::new("k", "test")
                .unwrap()
                .occurs_in(b"{\"slug\":\"k\"}")
        );
        let e = ApiKey::new("aa-SECRET\u{7}x", "the environment variable AA_API_KEY").unwrap_err();
        assert!(e.contains("AA_API_KEY") && e.contains("byte 10"), "{e}");
        assert!(!e.contains("SECRET"), "{e}");
        let e = ApiKey::new("two words", "src").unwrap_err();
        assert!(!e.contains("two") && !e.contains("words"), "{e}");
        assert!(ApiKey::new(" \n", "src").unwrap_err().contains("empty"));
        assert!(ApiKey::new(&"k".repeat(MAX_KEY_LEN + 1), "src").is_err());
        assert!(ApiKey::new(&"k".repeat(MAX_KEY_LEN), "src").is_ok());
    }

    #[test]
    fn a_key_file_is_bounded_and_never_quoted() {
        let dir = std::env::temp_dir().join(format!("reweigh-key-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("key");
        std::fs::write(&file, "from-file-key\n").unwrap();
        assert_eq!(
            ApiKey::from_file(&file).unwrap().header_value(),
            "from-file-key"
        );
        std::fs::write(&file, "x".repeat(5000)).unwrap();
        let e = ApiKey::from_file(&file).unwrap_err();
        assert!(e.contains("4096") && !e.contains("xxx"), "{e}");
        assert!(
            ApiKey::from_file(&dir)
                .unwrap_err()
                .contains("not a regular file")
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
