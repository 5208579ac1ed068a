//! A json dataset of arbitrary bytes: an error or a dataset, never a panic, abort, hang or OOM.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    reweigh_fuzz::dataset("fuzz.json", data);
});
