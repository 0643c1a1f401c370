//! Phone numbers by the Chinese numbering plan, handed out without repeats:
//! 8-digit local numbers behind an area code (a listing's local number starts
//! with one of its district's exchange prefixes), mobiles `1[3-9]` + 9 digits
//! for small shops, and `400` numbers for chains. Each number is written in
//! one of the forms data editors really use (`020-87755766`,
//! `(020)87755766`, `02087755766`, `138 0013 8000`, `400-820-8820` ...).

use std::collections::HashSet;

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

/// Mobile prefixes in use, the common ones repeated.
const MOBILE_PREFIXES: &[u32] = &[
    130, 131, 132, 133, 134, 135, 135, 136, 136, 137, 137, 138, 138, 138, 139, 139, 139, 147, 150,
    151, 152, 153, 155, 156, 157, 158, 159, 159, 166, 173, 177, 180, 181, 182, 183, 185, 186, 187,
    188, 189, 189, 191, 198, 199,
];

/// Tries at the district's own prefixes before any free local number will do.
const PREFIX_TRIES: usize = 8;

/// Tries inside a switchboard's block before leaving it.
const BLOCK_TRIES: usize = 16;

/// The numbers handed out so far; none is given twice.
#[derive(Default)]
pub struct PhoneBook {
    landlines: HashSet<(u16, u32)>,
    mobiles: HashSet<u64>,
    hotlines: HashSet<u32>,
}

impl PhoneBook {
    /// A fresh local number behind `area` (`020`), preferring the given
    /// exchange prefixes, in a written form typical of the data editors.
    pub fn landline(&mut self, rng: &mut ChaCha8Rng, area: &str, prefixes: &[u32]) -> String {
        let code: u16 = area.parse().unwrap_or(20);
        let mut tries = 0;
        let local = loop {
            let candidate = if tries < PREFIX_TRIES && !prefixes.is_empty() {
                let prefix = prefixes[rng.random_range(0..prefixes.len())];
                prefix * 100_000 + rng.random_range(0..100_000)
            } else {
                rng.random_range(20_000_000..90_000_000)
            };
            tries += 1;
            if self.landlines.insert((code, candidate)) {
                break candidate;
            }
        };
        write_landline(rng, area, local)
    }

    /// A fresh local number in the same block of ten thousand as `near`
    /// (a written landline), as the extensions of one switchboard are; any
    /// fresh number of `prefixes` once the block is full.
    pub fn landline_near(
        &mut self,
        rng: &mut ChaCha8Rng,
        area: &str,
        near: &str,
        prefixes: &[u32],
    ) -> String {
        let code: u16 = area.parse().unwrap_or(20);
        let digits: String = near.chars().filter(char::is_ascii_digit).collect();
        if let Some(local) = digits
            .get(digits.len().saturating_sub(8)..)
            .and_then(|d| d.parse::<u32>().ok())
        {
            let block = local / 10_000 * 10_000;
            for _ in 0..BLOCK_TRIES {
                let candidate = block + rng.random_range(0..10_000);
                if self.landlines.insert((code, candidate)) {
                    return write_landline(rng, area, candidate);
                }
            }
        }
        self.landline(rng, area, prefixes)
    }

    /// A fresh mobile number, written as mobiles usually are.
    pub fn mobile(&mut self, rng: &mut ChaCha8Rng) -> String {
        let number = loop {
            let prefix = MOBILE_PREFIXES[rng.random_range(0..MOBILE_PREFIXES.len())] as u64;
            let candidate = prefix * 100_000_000 + rng.random_range(0..100_000_000u64);
            if self.mobiles.insert(candidate) {
                break candidate;
            }
        };
        let digits = number.to_string();
        match rng.random_range(0..20) {
            0..=13 => digits,
            14..=16 => format!("{} {} {}", &digits[..3], &digits[3..7], &digits[7..]),
            _ => format!("{}-{}-{}", &digits[..3], &digits[3..7], &digits[7..]),
        }
    }

    /// A fresh `400` service number, as chains print it.
    pub fn hotline(&mut self, rng: &mut ChaCha8Rng) -> String {
        let number = loop {
            let candidate = rng.random_range(0..10_000_000u32);
            if self.hotlines.insert(candidate) {
                break candidate;
            }
        };
        let digits = format!("400{number:07}");
        match rng.random_range(0..10) {
            0..=6 => format!("{}-{}-{}", &digits[..3], &digits[3..6], &digits[6..]),
            7 | 8 => digits,
            _ => format!("{} {} {}", &digits[..3], &digits[3..6], &digits[6..]),
        }
    }
}

/// Writes `020` + `87755766` in one of the common forms, the hyphenated one
/// most often.
fn write_landline(rng: &mut ChaCha8Rng, area: &str, local: u32) -> String {
    let (head, tail) = (local / 10_000, local % 10_000);
    match rng.random_range(0..100) {
        0..=59 => format!("{area}-{local}"),
        60..=74 => format!("({area}){local}"),
        75..=84 => format!("{area}{local}"),
        85..=94 => format!("{area}-{head} {tail:04}"),
        95..=97 => format!("{area} {head} {tail:04}"),
        _ => format!("+86 {} {head} {tail:04}", &area[1..]),
    }
}
