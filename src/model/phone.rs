//! Phone numbers by the Chinese numbering plan: reading the many ways a
//! directory writes a number, rejecting what cannot be a Chinese number, and
//! writing a number back in the grouped form an operator reads aloud.
//!
//! The plan as this module knows it:
//!
//! * landlines: trunk `0` + area code + local number. `010` and `020`–`029`
//!   are 3-digit codes followed by 8 digits; every other code is `0[3-9]xx`
//!   followed by 7 or 8 digits. A local number never starts with `0` or `1`.
//!   Written without its area code a landline is a bare 7–8 digit number.
//! * mobiles: `1[3-9]` + 9 digits.
//! * toll-free: `400` / `800` + 7 digits.
//! * service numbers: `110`, `119`, `120`, `122` …, the `12xxx` government
//!   hotlines, carriers' `100xx`, post's `111xx`, `95xxx` (and the longer
//!   `95` numbers of 6–8 digits), local `96xxx`/`96xxxx`.
//!
//! A `+86` / `0086` / `86` country prefix is dropped and the trunk `0` put
//! back for landlines, so `+86 20 8775 5766` and `020-87755766` are the same
//! number.
//!
//! ```
//! use chahao::model::{PhoneKind, PhoneNumber};
//!
//! let n = PhoneNumber::parse("（020）8775 5766 转 8001").unwrap();
//! assert_eq!(n.digits(), "02087755766");
//! assert_eq!(n.kind(), PhoneKind::Landline);
//! assert_eq!(n.extension(), Some("8001"));
//! assert_eq!(n.display(), "020-8775-5766 转 8001");
//! ```

use std::fmt;
use std::str::FromStr;

/// What sort of number a [`PhoneNumber`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhoneKind {
    /// A fixed line (固话), with or without its area code.
    Landline,
    /// A mobile number (手机), 11 digits starting `13`–`19`.
    Mobile,
    /// A `400` or `800` number (企业热线/免费电话).
    TollFree,
    /// A short service or hotline number (特服号/热线), e.g. `110`, `12345`,
    /// `95588`; possibly written after an area code (`0755-12345`).
    Service,
}

/// Why a written number was rejected, for callers that act on the reason.
/// The human-readable wording is in [`PhoneError`]'s `Display`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhoneErrorKind {
    /// Nothing but blanks.
    Empty,
    /// A letter or sign that has no place in a phone number.
    InvalidCharacter,
    /// Several numbers in one field (`020-1234567/7654321`).
    SeveralNumbers,
    /// Misplaced `+`, unbalanced parentheses and the like.
    Malformed,
    /// A country code other than China's `+86`.
    ForeignNumber,
    /// An area code that cannot exist (`012`, `00…`).
    BadAreaCode,
    /// Too few digits for the form the number starts like.
    TooFewDigits,
    /// Too many digits for the form the number starts like.
    TooManyDigits,
    /// A local number that starts with `0` or `1`.
    BadLocalNumber,
    /// An 11-digit number starting `1` whose second digit is not `3`–`9`.
    BadMobilePrefix,
    /// A short number starting `1` that is no known service number.
    UnknownServiceNumber,
    /// An extension that is not 1–6 digits.
    BadExtension,
}

/// A written number that cannot be a Chinese phone number, with the reason.
///
/// Displays as the input followed by the reason, e.g.
/// `"020-1234" has too few digits for a 020 landline (needs 8 after the area code)`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{input:?} {reason}")]
pub struct PhoneError {
    input: String,
    kind: PhoneErrorKind,
    reason: String,
}

impl PhoneError {
    fn new(input: &str, kind: PhoneErrorKind, reason: impl Into<String>) -> Self {
        PhoneError {
            input: input.to_string(),
            kind,
            reason: reason.into(),
        }
    }

    /// The number as it was written.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// The reason, for callers that act on it.
    pub fn kind(&self) -> PhoneErrorKind {
        self.kind
    }

    /// The reason in words, without the input, e.g. `has too few digits for
    /// a 020 landline (needs 8 after the area code)`.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

/// A phone number checked against the Chinese numbering plan.
///
/// Two numbers are equal when they dial the same: formatting is gone, the
/// country prefix dropped, only the digits, the extension and the kind remain.
///
/// ```
/// use chahao::model::{PhoneKind, PhoneNumber};
///
/// let n = PhoneNumber::parse("+86 20 8775 5766").unwrap();
/// assert_eq!(n, PhoneNumber::parse("020-87755766").unwrap());
/// assert_eq!(n.area_code(), Some("020"));
/// assert_eq!(n.local_number(), "87755766");
///
/// let m = PhoneNumber::parse("138.0013.8000").unwrap();
/// assert_eq!((m.kind(), m.display().as_str()), (PhoneKind::Mobile, "138-0013-8000"));
///
/// // 中国工商银行客服热线
/// assert_eq!(PhoneNumber::parse("95588").unwrap().kind(), PhoneKind::Service);
/// assert!(PhoneNumber::parse("+1 415 555 0100").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PhoneNumber {
    digits: String,
    extension: Option<String>,
    kind: PhoneKind,
    area_len: usize,
}

/// Longest extension accepted, in digits.
const MAX_EXTENSION_DIGITS: usize = 6;

impl PhoneNumber {
    /// Reads a number in any of the written forms found in directories:
    /// `020-87755766`, `(020)8775 5766`, `（020）87755766`, `+86 20 8775 5766`,
    /// `0086-20-87755766`, `400-820-8820`, `138 0013 8000`, full-width digits,
    /// extensions (`转8001`, `分机8001`, `ext. 8001`, `x8001`, or a trailing
    /// group after a complete landline: `020-87755766-8001`), service numbers
    /// (`12345`, `95588`) and bare local numbers (`87755766`).
    ///
    /// ```
    /// use chahao::model::PhoneNumber;
    ///
    /// let n = PhoneNumber::parse("（020）8775 5766").unwrap();
    /// assert_eq!(n.display(), "020-8775-5766");
    /// let n = PhoneNumber::parse("０２０－８７７５５７６６－８００１").unwrap();
    /// assert_eq!(n.extension(), Some("8001"));
    ///
    /// let e = PhoneNumber::parse("020-1234").unwrap_err();
    /// assert_eq!(
    ///     e.to_string(),
    ///     r#""020-1234" has too few digits for a 020 landline (needs 8 after the area code)"#
    /// );
    /// ```
    pub fn parse(input: &str) -> Result<Self, PhoneError> {
        let text = fold_width(input);
        let text = text.trim();
        if text.is_empty() {
            return Err(PhoneError::new(input, PhoneErrorKind::Empty, "is empty"));
        }
        let fail = |kind, reason: String| PhoneError::new(input, kind, reason);

        let (main, extension) = split_extension(text);
        let extension = match extension {
            None => None,
            Some(ext) => {
                Some(check_extension(ext).map_err(|r| fail(PhoneErrorKind::BadExtension, r))?)
            }
        };
        let written = scan(main).map_err(|(kind, reason)| fail(kind, reason))?;
        let (digits, groups) = to_national(written).map_err(|(kind, reason)| fail(kind, reason))?;

        match classify(&digits) {
            Ok(shape) => Ok(PhoneNumber::from_shape(digits, extension, shape)),
            Err(whole) => {
                // `020-87755766-8001`: a trailing group after a complete
                // landline with its area code, or a 400/800 number, is an
                // extension. After a bare local number it is more likely a
                // typo, so that stays an error.
                let last = groups.last().copied().unwrap_or(0);
                if extension.is_none() && groups.len() > 1 && last <= MAX_EXTENSION_DIGITS {
                    let (head, tail) = digits.split_at(digits.len() - last);
                    if let Ok(shape @ ((PhoneKind::Landline, 3..) | (PhoneKind::TollFree, _))) =
                        classify(head)
                    {
                        let tail = tail.to_string();
                        return Ok(PhoneNumber::from_shape(head.to_string(), Some(tail), shape));
                    }
                }
                Err(fail(whole.0, whole.1))
            }
        }
    }

    fn from_shape(digits: String, extension: Option<String>, shape: Shape) -> Self {
        PhoneNumber {
            digits,
            extension,
            kind: shape.0,
            area_len: shape.1,
        }
    }

    /// The canonical digits without formatting or extension: `02087755766`,
    /// `13800138000`, `4008208820`, `12345`, or `87755766` for a bare local
    /// number.
    pub fn digits(&self) -> &str {
        &self.digits
    }

    /// The extension (分机号) digits, if one was written.
    pub fn extension(&self) -> Option<&str> {
        self.extension.as_deref()
    }

    /// What sort of number this is.
    pub fn kind(&self) -> PhoneKind {
        self.kind
    }

    /// The area code with its trunk `0` (`020`, `0763`), or `None` for
    /// mobiles, toll-free and service numbers and bare local numbers.
    pub fn area_code(&self) -> Option<&str> {
        (self.area_len > 0).then(|| &self.digits[..self.area_len])
    }

    /// The digits after the area code; all the digits when there is none.
    pub fn local_number(&self) -> &str {
        &self.digits[self.area_len..]
    }

    /// The number grouped for reading aloud: `020-8775-5766`,
    /// `0763-323-4567`, `138-0013-8000`, `400-820-8820`, `12345`, a bare
    /// `8775-5766`, and `020-8775-5766 转 8001` with an extension.
    ///
    /// ```
    /// use chahao::model::PhoneNumber;
    ///
    /// let show = |s| PhoneNumber::parse(s).unwrap().display();
    /// assert_eq!(show("07633234567"), "0763-323-4567");
    /// assert_eq!(show("400 820 8820"), "400-820-8820");
    /// assert_eq!(show("020-87755766转8001"), "020-8775-5766 转 8001");
    /// ```
    pub fn display(&self) -> String {
        let d = self.digits.as_str();
        let mut out = String::with_capacity(d.len() + 12);
        match self.kind {
            PhoneKind::Landline => {
                if let Some(area) = self.area_code() {
                    out.push_str(area);
                    out.push('-');
                }
                let local = self.local_number();
                let split = local.len().saturating_sub(4);
                out.push_str(&local[..split]);
                out.push('-');
                out.push_str(&local[split..]);
            }
            PhoneKind::Mobile => {
                out.push_str(&d[..3]);
                out.push('-');
                out.push_str(&d[3..7]);
                out.push('-');
                out.push_str(&d[7..]);
            }
            PhoneKind::TollFree => {
                out.push_str(&d[..3]);
                out.push('-');
                out.push_str(&d[3..6]);
                out.push('-');
                out.push_str(&d[6..]);
            }
            PhoneKind::Service => {
                if let Some(area) = self.area_code() {
                    out.push_str(area);
                    out.push('-');
                }
                out.push_str(self.local_number());
            }
        }
        if let Some(ext) = &self.extension {
            out.push_str(" 转 ");
            out.push_str(ext);
        }
        out
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

impl FromStr for PhoneNumber {
    type Err = PhoneError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PhoneNumber::parse(s)
    }
}

/// Turns what an operator types for a reverse lookup — possibly only part of
/// a number — into bare digits: formatting goes, full-width becomes ASCII,
/// and a leading `+86` / `0086` becomes the trunk `0` form [`PhoneNumber::parse`]
/// uses. Returns `None` if the input holds anything but digits, blanks,
/// `-`, `.`, `(`, `)`, `+` (or their full-width forms), or no digit at all.
///
/// ```
/// use chahao::model::phone::normalize_digits;
///
/// assert_eq!(normalize_digits("020-8775").as_deref(), Some("0208775"));
/// assert_eq!(normalize_digits("8775 5766").as_deref(), Some("87755766"));
/// assert_eq!(normalize_digits("+86 20 8775").as_deref(), Some("0208775"));
/// assert_eq!(normalize_digits("0086 138 0013").as_deref(), Some("1380013"));
/// assert_eq!(normalize_digits("（０２０）８７７５").as_deref(), Some("0208775"));
/// assert_eq!(normalize_digits("中山大学"), None);
/// ```
pub fn normalize_digits(s: &str) -> Option<String> {
    let text = fold_width(s);
    let mut digits = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '0'..='9' => digits.push(c),
            c if is_separator(c) || c == '+' => {}
            _ => return None,
        }
    }
    let rest = if text.trim_start().starts_with('+') {
        digits.strip_prefix("86")
    } else {
        digits.strip_prefix("0086")
    };
    if let Some(rest) = rest {
        digits = if needs_trunk_zero(rest) {
            format!("0{rest}")
        } else {
            rest.to_string()
        };
    }
    (!digits.is_empty()).then_some(digits)
}

/// `(kind, area-code length)` of a classified digit string.
type Shape = (PhoneKind, usize);
/// An error kind and its reason, before the input is attached.
type Problem = (PhoneErrorKind, String);

/// Maps full-width forms (digits, `（）－＋．`, letters), the ideographic
/// space and the many dashes to ASCII, so the rest of the module only sees
/// one spelling.
fn fold_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' | '\u{00A0}' | '\t' => ' ',
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' => '-',
            '\u{3001}' => ',',
            _ => c,
        })
        .collect()
}

fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '-' | '.' | '(' | ')')
}

/// Splits `020-87755766 转 8001` at the first extension marker.
fn split_extension(text: &str) -> (&str, Option<&str>) {
    let lower = text.to_ascii_lowercase();
    let found = ["转", "分机", "ext", "x"]
        .iter()
        .filter_map(|m| lower.find(m).map(|at| (at, m.len())))
        .min();
    match found {
        Some((at, len)) => (&text[..at], Some(&text[at + len..])),
        None => (text, None),
    }
}

fn check_extension(ext: &str) -> Result<String, String> {
    // `ext.: 8001`, `转分机 8001`
    let ext = ext
        .trim_start_matches([' ', '.', ':', '-'])
        .trim_start_matches("分机")
        .trim();
    if (1..=MAX_EXTENSION_DIGITS).contains(&ext.len()) && ext.bytes().all(|b| b.is_ascii_digit()) {
        Ok(ext.to_string())
    } else {
        Err(format!(
            "has extension {ext:?}; an extension must be 1-{MAX_EXTENSION_DIGITS} digits"
        ))
    }
}

/// The digits of the main part as written, before any country prefix is
/// taken off.
struct Written {
    plus: bool,
    digits: String,
    /// Length of each digit group, in writing order.
    groups: Vec<usize>,
}

fn scan(main: &str) -> Result<Written, Problem> {
    let mut written = Written {
        plus: false,
        digits: String::new(),
        groups: Vec::new(),
    };
    let mut in_group = false;
    let mut depth = 0i32;
    for c in main.trim().chars() {
        match c {
            '0'..='9' => {
                written.digits.push(c);
                if in_group {
                    *written.groups.last_mut().expect("group open") += 1;
                } else {
                    written.groups.push(1);
                    in_group = true;
                }
                continue;
            }
            '+' if written.digits.is_empty() && !written.plus && depth == 0 => written.plus = true,
            '+' => {
                return Err((
                    PhoneErrorKind::Malformed,
                    "has a '+' that is not at the start (only a country code may follow '+')"
                        .into(),
                ))
            }
            '(' => depth += 1,
            ')' => depth -= 1,
            ' ' | '-' | '.' => {}
            '/' | ',' | ';' | '|' | '或' => {
                return Err((
                    PhoneErrorKind::SeveralNumbers,
                    format!(
                    "holds more than one number (separated by {c:?}); give one number per entry"
                ),
                ))
            }
            _ => {
                return Err((
                    PhoneErrorKind::InvalidCharacter,
                    format!("contains {c:?}, which cannot be part of a phone number"),
                ))
            }
        }
        if !(0..=1).contains(&depth) {
            return Err((
                PhoneErrorKind::Malformed,
                "has unbalanced parentheses".into(),
            ));
        }
        in_group = false;
    }
    if depth != 0 {
        return Err((
            PhoneErrorKind::Malformed,
            "has unbalanced parentheses".into(),
        ));
    }
    if written.digits.is_empty() {
        return Err((PhoneErrorKind::TooFewDigits, "has no digits".into()));
    }
    Ok(written)
}

/// Takes off a `+86` / `0086` / `86` country prefix and restores the trunk
/// `0` of a landline, returning the national digits and their group lengths.
fn to_national(w: Written) -> Result<(String, Vec<usize>), Problem> {
    let Written {
        plus,
        digits,
        mut groups,
    } = w;
    let foreign = |code: &str| {
        (
            PhoneErrorKind::ForeignNumber,
            format!(
                "has the foreign country code +{code}; only Chinese numbers (+86) are accepted"
            ),
        )
    };
    let prefix_len = if plus {
        if !digits.starts_with("86") {
            let code = &digits[..groups[0].min(3)];
            return Err(foreign(code));
        }
        2
    } else if let Some(rest) = digits.strip_prefix("00") {
        if !rest.starts_with("86") {
            let code = &rest[..rest.len().min(3)];
            if code.is_empty() {
                return Err((
                    PhoneErrorKind::BadAreaCode,
                    "has no area code after 00".into(),
                ));
            }
            return Err(foreign(code));
        }
        4
    } else if digits.starts_with("86") && digits.len() >= 11 {
        // No national number of 11 or more digits starts with 8.
        2
    } else {
        return Ok((digits, groups));
    };

    let rest = &digits[prefix_len..];
    if rest.is_empty() {
        return Err((
            PhoneErrorKind::TooFewDigits,
            "has nothing after the country code +86".into(),
        ));
    }
    let mut dropped = prefix_len;
    while dropped > 0 {
        if groups[0] <= dropped {
            dropped -= groups.remove(0);
        } else {
            groups[0] -= dropped;
            dropped = 0;
        }
    }
    // `+86 800 …` is a toll-free number when complete, area code 08xx otherwise.
    let toll_free = (rest.starts_with("400") || rest.starts_with("800")) && rest.len() == 10;
    if !toll_free && (needs_trunk_zero(rest) || rest.starts_with(['4', '8'])) {
        groups[0] += 1;
        Ok((format!("0{rest}"), groups))
    } else {
        Ok((rest.to_string(), groups))
    }
}

/// Returns true if and only if the national digits after a `+86` are a
/// landline that needs its trunk `0` back: not already written with it
/// (`+86 (0)20 …`), not a mobile, not a 400/800 number. Beijing's `10` is a
/// landline although it starts with 1.
fn needs_trunk_zero(rest: &str) -> bool {
    let b = rest.as_bytes();
    match b.first() {
        None | Some(b'0') => false,
        Some(b'1') => b.get(1) == Some(&b'0'),
        Some(b'4' | b'8') => b.get(1) != Some(&b'0'),
        Some(_) => true,
    }
}

/// Classifies national digits (no formatting, no country prefix).
fn classify(d: &str) -> Result<Shape, Problem> {
    match d.as_bytes().first() {
        Some(b'0') => classify_with_area_code(d),
        Some(b'1') => classify_leading_one(d),
        Some(_) => classify_other(d),
        None => Err((PhoneErrorKind::TooFewDigits, "has no digits".into())),
    }
}

/// How many digits the area code of `digits` (which start with a 0 that
/// is not the international 00) takes: three for 010 and 02x, four for
/// every other code.
///
/// ```
/// use chahao::model::phone::area_code_len;
/// assert_eq!(area_code_len("02087755766"), 3);
/// assert_eq!(area_code_len("01012345678"), 3);
/// assert_eq!(area_code_len("07633234567"), 4);
/// ```
pub fn area_code_len(digits: &str) -> usize {
    if digits.starts_with("010") || digits.starts_with("02") {
        3
    } else {
        4
    }
}

fn classify_with_area_code(d: &str) -> Result<Shape, Problem> {
    let b = d.as_bytes();
    let area_len = match (b.get(1), b.get(2)) {
        (None, _) | (Some(b'1'), None) => {
            return Err((
                PhoneErrorKind::TooFewDigits,
                format!("is too short for a landline ({d} is not even an area code)"),
            ))
        }
        (Some(b'0'), _) => {
            return Err((
                PhoneErrorKind::BadAreaCode,
                "has an area code starting 00, which is the international prefix".into(),
            ))
        }
        (Some(b'1'), Some(b'0')) | (Some(b'2'), _) => area_code_len(d),
        (Some(b'1'), Some(_)) => {
            return Err((
                PhoneErrorKind::BadAreaCode,
                format!(
                    "has area code {}, which does not exist (the only code starting 01 is 010)",
                    &d[..3]
                ),
            ))
        }
        _ => area_code_len(d),
    };
    if d.len() < area_len {
        return Err((
            PhoneErrorKind::TooFewDigits,
            format!("is too short for a landline ({d} is not even an area code)"),
        ));
    }
    let (area, local) = d.split_at(area_len);
    if is_local_service(local) {
        return Ok((PhoneKind::Service, area_len));
    }
    let (min, max, need) = if area_len == 3 {
        (8, 8, "8")
    } else {
        (7, 8, "7 or 8")
    };
    if local.len() < min || local.len() > max {
        let (kind, few_many) = if local.len() < min {
            (PhoneErrorKind::TooFewDigits, "few")
        } else {
            (PhoneErrorKind::TooManyDigits, "many")
        };
        return Err((
            kind,
            format!("has too {few_many} digits for a {area} landline (needs {need} after the area code)"),
        ));
    }
    if matches!(local.as_bytes()[0], b'0' | b'1') {
        return Err((
            PhoneErrorKind::BadLocalNumber,
            format!("has local number {local} after area code {area}, but a local number never starts with 0 or 1"),
        ));
    }
    Ok((PhoneKind::Landline, area_len))
}

fn classify_leading_one(d: &str) -> Result<Shape, Problem> {
    let b = d.as_bytes();
    if d.len() == 11 {
        return if (b'3'..=b'9').contains(&b[1]) {
            Ok((PhoneKind::Mobile, 0))
        } else {
            Err((
                PhoneErrorKind::BadMobilePrefix,
                format!(
                    "is not a mobile number: mobiles start 13-19, not {}",
                    &d[..2]
                ),
            ))
        };
    }
    if is_service(d) {
        return Ok((PhoneKind::Service, 0));
    }
    if d.len() > 11 {
        return Err((
            PhoneErrorKind::TooManyDigits,
            format!("has {} digits; a mobile number has 11", d.len()),
        ));
    }
    if d.len() >= 7 && (b'3'..=b'9').contains(&b[1]) {
        return Err((
            PhoneErrorKind::TooFewDigits,
            format!("has {} digits; a mobile number has 11", d.len()),
        ));
    }
    Err((
        PhoneErrorKind::UnknownServiceNumber,
        "is neither a mobile number (11 digits starting 13-19) nor a known service number (110, 12xxx, 100xx ...)"
            .into(),
    ))
}

fn classify_other(d: &str) -> Result<Shape, Problem> {
    let n = d.len();
    let toll_free = d.starts_with("400") || d.starts_with("800");
    if toll_free && n == 10 {
        return Ok((PhoneKind::TollFree, 0));
    }
    if d.starts_with("95") && (5..=8).contains(&n)
        || d.starts_with("96") && (5..=6).contains(&n)
        || d == "999"
    {
        return Ok((PhoneKind::Service, 0));
    }
    if (7..=8).contains(&n) {
        return Ok((PhoneKind::Landline, 0));
    }
    let too_few = if toll_free { n < 10 } else { n < 7 };
    let kind = if too_few {
        PhoneErrorKind::TooFewDigits
    } else {
        PhoneErrorKind::TooManyDigits
    };
    let reason = if toll_free {
        format!("has {n} digits; a {} number has 10", &d[..3])
    } else if n < 7 {
        format!("has {n} digits; a local number without area code has 7 or 8")
    } else {
        format!(
            "has {n} digits, too many for a local number; write a landline with its area code starting 0"
        )
    };
    Err((kind, reason))
}

/// Returns true if and only if `d` is a nationwide short number starting 1:
/// emergency (110 119 120 122 112), the directory (114), the `12xxx`
/// hotlines, carriers' `100xx`, post's `111xx`, and `116114`/`118114`.
fn is_service(d: &str) -> bool {
    matches!(
        d,
        "110" | "112" | "114" | "119" | "120" | "122" | "116114" | "118114"
    ) || d.len() == 5 && (d.starts_with("12") || d.starts_with("100") || d.starts_with("111"))
}

/// Returns true if and only if `local` is a service number that directories
/// write after a city's area code (`0755-12345`, `020-96900`).
fn is_local_service(local: &str) -> bool {
    let n = local.len();
    n == 5 && (local.starts_with("12") || local.starts_with("95"))
        || (5..=6).contains(&n) && local.starts_with("96")
}
