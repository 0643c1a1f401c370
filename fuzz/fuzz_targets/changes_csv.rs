//! A change file (and the same bytes as a listing file) read as CSV, in
//! UTF-8 or GB18030. The properties are `chahao_fuzz::check_file`
//! (fuzz/src/lib.rs).
#![no_main]

use chahao::batch::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    chahao_fuzz::check_file(bytes, Format::Csv);
});
