//! A conversion's time budget: a deadline the long-running loops check, so a hostile or
//! pathological file ends in a clear `timed out` error instead of holding a worker.
//!
//! The deadline lives in a thread-local set by [`crate::convert`] for the duration of one call
//! (conversions never spawn threads), so the readers need no extra parameter.

use std::cell::Cell;
use std::time::Instant;

use crate::error::DetectError;

thread_local! {
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// Sets the deadline for the current thread until the guard is dropped.
pub(crate) struct Guard(Option<Instant>);

impl Guard {
    pub(crate) fn set(deadline: Option<Instant>) -> Guard {
        Guard(DEADLINE.with(|d| d.replace(deadline)))
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        DEADLINE.with(|d| d.set(self.0));
    }
}

/// Fails once the current thread's deadline has passed.
pub(crate) fn check() -> Result<(), DetectError> {
    match DEADLINE.with(Cell::get) {
        Some(deadline) if Instant::now() >= deadline => Err(DetectError::TimedOut),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_passed_deadline_fails_and_the_guard_restores_the_previous_one() {
        assert!(check().is_ok());
        {
            let _outer = Guard::set(Some(Instant::now() + Duration::from_secs(3600)));
            assert!(check().is_ok());
            {
                let _inner = Guard::set(Some(Instant::now()));
                assert!(matches!(check(), Err(DetectError::TimedOut)));
            }
            assert!(check().is_ok());
        }
        assert!(check().is_ok());
    }
}
