//! Every committed fuzz input for the dataset loader (fuzz/corpus/dataset_*, fuzz/regressions/)
//! loads or fails with an error: never a panic or an abort. The fuzz targets run on nightly only;
//! this keeps what they found in the ordinary test run.

use std::path::Path;

use reweigh_data::{LoadOptions, load_bytes};

fn each_file(dir: &Path, mut f: impl FnMut(&Path, &[u8])) -> usize {
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            f(&path, &std::fs::read(&path).unwrap());
            n += 1;
        }
    }
    n
}

#[test]
fn every_fuzz_input_loads_or_is_an_error() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let mut loaded = 0;
    for (dir, ext) in [
        ("corpus/dataset_csv", "csv"),
        ("corpus/dataset_json", "json"),
        ("corpus/dataset_parquet", "parquet"),
        ("regressions/dataset_parquet", "parquet"),
    ] {
        let n = each_file(&fuzz.join(dir), |path, bytes| {
            let origin = format!("{}.{ext}", path.display());
            if load_bytes(&origin, bytes, &LoadOptions::default()).is_ok() {
                loaded += 1;
            }
        });
        assert!(n > 0, "{dir} is empty");
    }
    // The seeds from datasets/ are among them, and load.
    assert!(loaded >= 21, "only {loaded} inputs loaded");
}
