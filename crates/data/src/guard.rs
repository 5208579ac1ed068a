//! A polars read that cannot take the process down: its errors and panics become [`DataError`]s.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;
use std::sync::atomic::{AtomicUsize, Ordering};

use polars::prelude::PolarsResult;
use reweigh_evals::{DataError, DataErrorKind as K};

/// Active guards: while one runs, panics print nothing (the guard reports them as errors).
static GUARDS: AtomicUsize = AtomicUsize::new(0);
static HOOK: Once = Once::new();

/// Runs a polars read, turning an error or a panic into a [`DataError`] (`expected` describes the
/// input). The last line of defence against inputs that make polars panic: the known causes are
/// refused before reading. While a guard runs, the panic hook prints nothing, in any thread (polars
/// decodes on its own thread pool); outside guards, the previous hook runs as before.
pub(crate) fn guarded<T>(
    origin: &str,
    expected: &str,
    read: impl FnOnce() -> PolarsResult<T>,
) -> Result<T, DataError> {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if GUARDS.load(Ordering::SeqCst) == 0 {
                previous(info);
            }
        }));
    });
    GUARDS.fetch_add(1, Ordering::SeqCst);
    let result = catch_unwind(AssertUnwindSafe(read));
    GUARDS.fetch_sub(1, Ordering::SeqCst);
    let fix = "check the file's structure against datasets/README.md; if another tool reads it, export it again";
    match result {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e)) => Err(DataError::new(K::Format, origin, expected)
            .value(e.to_string())
            .fix(fix)),
        Err(payload) => Err(DataError::new(K::Format, origin, expected)
            .value(format!(
                "the reader failed: {}",
                panic_message(payload.as_ref())
            ))
            .fix(fix)),
    }
}

fn panic_message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "an internal error".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_inside_a_guarded_read_is_an_error() {
        let e = guarded(
            "p.parquet",
            "a valid Parquet file",
            || -> PolarsResult<()> {
                panic!("index out of bounds: the len is 0 but the index is 7")
            },
        )
        .unwrap_err();
        assert_eq!(e.kind, K::Format);
        assert_eq!(
            e.to_string(),
            "p.parquet, value 'the reader failed: index out of bounds: the len is 0 but the index is 7': \
expected a valid Parquet file. Fix: check the file's structure against datasets/README.md; if another \
tool reads it, export it again"
        );
        // Outside a guard, panics propagate as before.
        assert!(std::panic::catch_unwind(|| panic!("outside")).is_err());
    }
}
