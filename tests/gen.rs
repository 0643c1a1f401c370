//! The synthetic directory generator. Properties proved:
//!
//! 1. The stream is a function of the seed: same seed, same bytes; another
//!    seed, other bytes. `write_jsonl` lines read back as the same listings.
//! 2. Ids are unique and of the form `GZ-0000001`.
//! 3. Every listing validates, and every phone number fits the Chinese
//!    numbering plan (checked here too, while the real parser is being written).
//! 4. A `parent_id` always names a listing generated earlier in the stream.
//! 5. Real-data collisions occur in 20,000 listings: `人民医院` in several
//!    districts, ≥ 20 branches of 中国工商银行, company names one character
//!    apart, hospitals with department listings.
//! 6. Between 1% and 3% of the listings are ex-directory, across kinds.
//! 7. The famous institutions, with their aliases and English names, are in
//!    the first 1,000 listings.
//! 8. Categories come from the fixed vocabulary; every listing has its place.
//! 9. Weights are finite, ≥ 0 and heavy-tailed.
//! 10. No two listings share a number, except chain stores sharing their
//!     chain's 400 number.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use chahao::gen::{write_jsonl, Generator, CATEGORIES};
use chahao::model::Listing;

type TestResult = Result<(), String>;

const SAMPLE: usize = 20_000;

/// The first 20,000 listings of seed 114 (or `CHAHAO_GEN_SEED`), generated
/// once for all tests.
fn sample() -> &'static [Listing] {
    static SAMPLE_LISTINGS: OnceLock<Vec<Listing>> = OnceLock::new();
    SAMPLE_LISTINGS.get_or_init(|| {
        let seed = std::env::var("CHAHAO_GEN_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(114);
        Generator::new(seed).take(SAMPLE).collect()
    })
}

fn jsonl(count: usize, seed: u64) -> Vec<u8> {
    let mut out = Vec::new();
    write_jsonl(count, seed, &mut out).expect("writing to a Vec cannot fail");
    out
}

/// The number as dialled from within China, or `None` when it does not fit
/// the numbering plan: area code + 8-digit local number (not starting with 0
/// or 1), mobile `1[3-9]` + 9 digits, `400`/`800` + 7 digits.
fn dialled(number: &str) -> Option<String> {
    let mut digits: String = number.chars().filter(char::is_ascii_digit).collect();
    if number.trim_start().starts_with("+86") {
        digits = format!("0{}", &digits[2..]);
    }
    let b = digits.as_bytes();
    let landline = b.len() == 11
        && ["010", "020", "021"].iter().any(|a| digits.starts_with(a))
        && (b'2'..=b'9').contains(&b[3]);
    let mobile = b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]);
    let service = b.len() == 10 && (digits.starts_with("400") || digits.starts_with("800"));
    (landline || mobile || service).then_some(digits)
}

#[test]
fn same_seed_same_stream_other_seed_other_stream() -> TestResult {
    let (a, b, c) = (jsonl(3_000, 7), jsonl(3_000, 7), jsonl(3_000, 8));
    if a != b {
        return Err("seed 7 gave two different streams".into());
    }
    if a == c {
        return Err("seeds 7 and 8 gave the same stream".into());
    }
    let text = String::from_utf8(a).map_err(|e| e.to_string())?;
    let expected: Vec<Listing> = Generator::new(7).take(3_000).collect();
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() != expected.len() {
        return Err(format!("{} lines for 3000 listings", lines.len()));
    }
    for (line, listing) in lines.iter().zip(&expected) {
        let read: Listing = serde_json::from_str(line).map_err(|e| format!("{e}: {line}"))?;
        if &read != listing {
            return Err(format!("line reads back differently: {line}"));
        }
    }
    Ok(())
}

#[test]
fn ids_are_unique_and_well_formed() -> TestResult {
    let mut seen = HashSet::new();
    for listing in sample() {
        let digits = listing.id.strip_prefix("GZ-").unwrap_or("");
        if digits.len() < 7 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("bad id {:?}", listing.id));
        }
        if !seen.insert(listing.id.as_str()) {
            return Err(format!("id {} given twice", listing.id));
        }
    }
    Ok(())
}

#[test]
fn every_listing_validates_and_every_number_fits_the_plan() -> TestResult {
    for listing in sample() {
        listing
            .validate()
            .map_err(|errors| format!("{listing:?} does not validate: {errors:?}"))?;
        for phone in &listing.phones {
            if dialled(&phone.number).is_none() {
                return Err(format!("{}: number {:?}", listing.name, phone.number));
            }
        }
    }
    Ok(())
}

#[test]
fn parents_come_before_their_children() -> TestResult {
    let mut seen: HashMap<&str, &Listing> = HashMap::new();
    let mut children = 0;
    for listing in sample() {
        if let Some(parent) = &listing.parent_id {
            if !seen.contains_key(parent.as_str()) {
                return Err(format!(
                    "{} {} names parent {parent}, not generated before it",
                    listing.id, listing.name
                ));
            }
            children += 1;
        }
        seen.insert(&listing.id, listing);
    }
    if children < SAMPLE / 10 {
        return Err(format!("only {children} listings have a parent"));
    }
    Ok(())
}

#[test]
fn district_hospitals_collide_across_districts() -> TestResult {
    let districts: HashSet<&str> = sample()
        .iter()
        .filter(|l| l.department.is_none())
        .filter(|l| l.name.starts_with("广州市") && l.name.ends_with("区人民医院"))
        .filter_map(|l| l.district.as_deref())
        .collect();
    if districts.len() < 5 {
        return Err(format!("区人民医院 only in {districts:?}"));
    }
    Ok(())
}

#[test]
fn big_banks_have_many_branches_under_their_city_listing() -> TestResult {
    let by_id: HashMap<&str, &Listing> = sample().iter().map(|l| (l.id.as_str(), l)).collect();
    let branches: Vec<&Listing> = sample()
        .iter()
        .filter(|l| l.name.starts_with("中国工商银行广州") && l.name.ends_with("支行"))
        .collect();
    if branches.len() < 20 {
        return Err(format!("{} branches of 中国工商银行", branches.len()));
    }
    for branch in branches {
        let parent = branch.parent_id.as_deref().and_then(|id| by_id.get(id));
        if parent.map(|p| p.name.as_str()) != Some("中国工商银行广州分行") {
            return Err(format!("{} hangs under {parent:?}", branch.name));
        }
        if !branch.aliases.iter().any(|a| a.starts_with("工行")) {
            return Err(format!("{} lacks its 工行 alias", branch.name));
        }
    }
    Ok(())
}

#[test]
fn company_names_one_character_apart_exist() -> TestResult {
    let names: HashSet<&str> = sample()
        .iter()
        .filter(|l| l.category.as_deref() == Some("公司"))
        .map(|l| l.name.as_str())
        .collect();
    let mut masked: HashMap<String, Vec<&str>> = HashMap::new();
    for name in &names {
        let chars: Vec<char> = name.chars().collect();
        for i in 0..chars.len() {
            let mut key = chars.clone();
            key[i] = '*';
            masked
                .entry(key.into_iter().collect())
                .or_default()
                .push(name);
        }
    }
    let pairs: Vec<&Vec<&str>> = masked.values().filter(|v| v.len() > 1).collect();
    if pairs.len() < 50 {
        return Err(format!("only {} look-alike groups: {pairs:?}", pairs.len()));
    }
    // One name inside the other with one or two characters more:
    // 广州华宏科技有限公司 / 广州市华宏科技有限公司 / 广州华宏电子科技有限公司.
    let mut longer = Vec::new();
    for name in &names {
        let chars: Vec<char> = name.chars().collect();
        for width in 1..=2 {
            for at in 0..chars.len().saturating_sub(width) {
                let shorter: String = chars[..at].iter().chain(&chars[at + width..]).collect();
                if names.contains(shorter.as_str()) {
                    longer.push((shorter, *name));
                }
            }
        }
    }
    if longer.len() < 20 {
        return Err(format!(
            "only {} names extend another: {longer:?}",
            longer.len()
        ));
    }
    Ok(())
}

#[test]
fn hospitals_have_department_listings() -> TestResult {
    let by_id: HashMap<&str, &Listing> = sample().iter().map(|l| (l.id.as_str(), l)).collect();
    let mut hospitals_with_departments = HashSet::new();
    for listing in sample() {
        let (Some(department), Some(parent)) = (&listing.department, &listing.parent_id) else {
            continue;
        };
        let parent = by_id[parent.as_str()];
        if listing.category.as_deref() == Some("医院") {
            if parent.name != listing.name || parent.department.is_some() {
                return Err(format!(
                    "{} {department} hangs under {} {:?}",
                    listing.name, parent.name, parent.department
                ));
            }
            hospitals_with_departments.insert(parent.id.as_str());
        }
    }
    if hospitals_with_departments.len() < 30 {
        return Err(format!(
            "only {} hospitals have departments",
            hospitals_with_departments.len()
        ));
    }
    let first = sample()
        .iter()
        .find(|l| l.name == "中山大学附属第一医院" && l.department.as_deref() == Some("挂号处"));
    first
        .map(|_| ())
        .ok_or_else(|| "中山一院 has no 挂号处 listing".to_string())
}

#[test]
fn about_two_percent_are_ex_directory() -> TestResult {
    let unlisted: Vec<&Listing> = sample().iter().filter(|l| !l.listed).collect();
    let share = unlisted.len() as f64 / SAMPLE as f64;
    if !(0.01..=0.03).contains(&share) {
        return Err(format!("{:.2}% ex-directory", share * 100.0));
    }
    let kinds: HashSet<&str> = unlisted
        .iter()
        .filter_map(|l| l.category.as_deref())
        .collect();
    if kinds.len() < 5 {
        return Err(format!("ex-directory only among {kinds:?}"));
    }
    Ok(())
}

#[test]
fn famous_institutions_open_the_stream() -> TestResult {
    let first: Vec<Listing> = Generator::new(99).take(1_000).collect();
    let expected: &[(&str, &str, Option<&str>)] = &[
        ("中山大学", "中大", Some("Sun Yat-sen University")),
        (
            "中山大学附属第一医院",
            "中山一院",
            Some("The First Affiliated Hospital, Sun Yat-sen University"),
        ),
        ("中山大学附属第一医院", "附一", None),
        ("中山大学孙逸仙纪念医院", "中山二院", None),
        ("中山大学附属第三医院", "中山三院", None),
        ("广东省人民医院", "省医", None),
        ("南方医科大学南方医院", "南方医院", None),
        (
            "华南理工大学",
            "华工",
            Some("South China University of Technology"),
        ),
        ("暨南大学", "暨大", Some("Jinan University")),
        ("华南师范大学", "华师", None),
        ("广东外语外贸大学", "广外", None),
        (
            "广州白云国际机场",
            "白云机场",
            Some("Guangzhou Baiyun International Airport"),
        ),
        ("北京师范大学", "北师大", Some("Beijing Normal University")),
        ("北京大学", "北大", None),
        ("广州地铁集团有限公司", "广州地铁", None),
    ];
    for (name, alias, en) in expected {
        let main = first
            .iter()
            .find(|l| l.name == *name && l.department.is_none())
            .ok_or_else(|| format!("{name} not in the first 1000 listings"))?;
        if !main.aliases.iter().any(|a| a == alias) {
            return Err(format!("{name} lacks alias {alias}: {:?}", main.aliases));
        }
        if en.is_some() && main.name_en.as_deref() != *en {
            return Err(format!("{name} is called {:?} in English", main.name_en));
        }
    }
    for name in [
        "广州医科大学附属第一医院",
        "广州大学",
        "广州南站",
        "广州火车站",
        "广州东站",
        "广州塔",
        "广州市人民政府",
        "广州市公安局",
        "清华大学",
    ] {
        if !first.iter().any(|l| l.name == name) {
            return Err(format!("{name} not in the first 1000 listings"));
        }
    }
    Ok(())
}

#[test]
fn every_listing_has_a_category_of_the_vocabulary_and_a_place() -> TestResult {
    let mut used = HashSet::new();
    for listing in sample() {
        let category = listing.category.as_deref().unwrap_or("(none)");
        if !CATEGORIES.contains(&category) {
            return Err(format!("{} has category {category}", listing.name));
        }
        used.insert(category);
        if listing.province.is_none()
            || listing.city.is_none()
            || listing.district.is_none()
            || listing.address.is_none()
        {
            return Err(format!("{listing:?} lacks its place"));
        }
        if listing.city.as_deref() == Some("广州市")
            && !listing
                .address
                .as_deref()
                .unwrap_or("")
                .starts_with("广州市")
        {
            return Err(format!("{} is at {:?}", listing.name, listing.address));
        }
    }
    if used.len() < CATEGORIES.len() {
        return Err(format!("only {used:?} in use"));
    }
    Ok(())
}

#[test]
fn weights_are_heavy_tailed() -> TestResult {
    let mut weights: Vec<f64> = sample().iter().map(|l| l.weight).collect();
    if let Some(bad) = weights.iter().find(|w| !w.is_finite() || **w < 0.0) {
        return Err(format!("weight {bad}"));
    }
    weights.sort_by(|a, b| b.total_cmp(a));
    let total: f64 = weights.iter().sum();
    let top: f64 = weights[..SAMPLE / 100].iter().sum();
    let median = weights[SAMPLE / 2];
    if top / total < 0.3 || weights[0] < 1000.0 * median {
        return Err(format!(
            "top 1% hold {:.1}% of the weight; max {} median {median}",
            100.0 * top / total,
            weights[0]
        ));
    }
    Ok(())
}

#[test]
fn numbers_are_not_shared_except_chain_hotlines() -> TestResult {
    let mut owner: HashMap<String, &Listing> = HashMap::new();
    let mut shared_hotlines = 0;
    for listing in sample() {
        for phone in &listing.phones {
            let number = dialled(&phone.number).unwrap_or_default();
            let Some(first) = owner.get(&number) else {
                owner.insert(number, listing);
                continue;
            };
            // The chain's own listing comes first and owns its 400 number.
            let same_chain = number.starts_with("400")
                && listing.parent_id.as_deref() == Some(first.id.as_str());
            if !same_chain {
                return Err(format!(
                    "{number} belongs to {} and {}",
                    first.name, listing.name
                ));
            }
            shared_hotlines += 1;
        }
    }
    if shared_hotlines == 0 {
        return Err("no chain store shows its chain's 400 number".into());
    }
    Ok(())
}

/// Run with `cargo test --release --test gen -- --ignored --nocapture`;
/// set `CHAHAO_GEN_OUT` to keep the file.
#[test]
#[ignore = "timing: run in release"]
fn a_million_listings_in_well_under_30_seconds() -> TestResult {
    let path = std::env::var("CHAHAO_GEN_OUT")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| std::env::temp_dir().join("chahao-gen-1m.jsonl"));
    let file = std::fs::File::create(&path).map_err(|e| e.to_string())?;
    let started = std::time::Instant::now();
    write_jsonl(1_000_000, 114, file).map_err(|e| e.to_string())?;
    let took = started.elapsed();
    let bytes = std::fs::metadata(&path).map_err(|e| e.to_string())?.len();
    println!("1,000,000 listings, {bytes} bytes, in {took:.2?}");
    if took.as_secs_f64() > 15.0 {
        return Err(format!("took {took:.2?}"));
    }
    Ok(())
}
