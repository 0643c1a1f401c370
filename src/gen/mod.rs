//! A synthetic but realistic Guangzhou (广州, area code 020) 114 directory,
//! deterministic for a seed.
//!
//! Every relevance and speed figure of chahao is measured on this data, so it
//! imitates a real big-city directory: real district, 街道, road and place
//! names; real institutions with their real names, short names (简称) and
//! English names; the collisions of real data (one `人民医院` per district,
//! hundreds of `中国工商银行…支行`, company names one homophone apart such as
//! `广州华宏科技有限公司`/`广州华鸿科技有限公司`); departments and branches linked
//! to their organisation by `parent_id`; heavy-tailed call popularity; about 2%
//! ex-directory listings. **All phone numbers are synthetic** (they follow the
//! numbering plan but are drawn at random), and so are all organisations
//! other than the named real institutions in `fixed`.
//!
//! The stream has three parts:
//! 1. the famous institutions 114 operators are asked for every day
//!    (中山大学, 中山一院, 广州南站, 白云机场 …, and a few nationwide ones such
//!    as 北京大学), then the city listings of the banks and the chains — any
//!    sample of 1,000 or more listings holds all of them;
//! 2. the city's institutional skeleton (district offices, 街道办事处,
//!    派出所, district hospitals and schools, bank branches, post offices ...),
//!    interleaved one group in three with businesses, used up after roughly
//!    15,000 listings;
//! 3. businesses without end: companies, factories, small shops, restaurants,
//!    chain stores, hotels, property managers, clinics, schools, 居委会.
//!
//! A listing's parent always comes earlier in the stream than the listing.

pub mod changes;

mod business;
mod fixed;
mod institutions;
mod names;
mod phones;

use std::collections::{HashMap, HashSet, VecDeque};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{self, Write};

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::model::{Listing, ListingPhone};

use self::fixed::City;
use self::institutions::PoolItem;
use self::names::{District, BUILDING_WORDS, DISTRICTS, TRADE_CHARS};
use self::phones::PhoneBook;

/// The categories every generated listing carries one of.
pub const CATEGORIES: &[&str] = &[
    "政府机关",
    "公安",
    "医院",
    "学校",
    "银行",
    "酒店",
    "餐饮",
    "商店",
    "公司",
    "交通",
    "公用事业",
    "物业",
    "邮政",
    "社区",
    "文化场馆",
    "旅游景点",
];

/// One institution group of the skeleton is built after this many groups.
const POOL_EVERY: u64 = 3;

/// Endless, deterministic stream of synthetic Guangzhou listings.
///
/// ```
/// use chahao::gen::Generator;
/// let first: Vec<_> = Generator::new(7).take(1_000).collect();
/// assert!(first.iter().any(|l| l.name == "中山大学附属第一医院"));
/// assert_eq!(first, Generator::new(7).take(1_000).collect::<Vec<_>>());
/// ```
pub struct Generator {
    rng: ChaCha8Rng,
    serial: u64,
    groups: u64,
    queue: VecDeque<Listing>,
    /// The institutional skeleton still to come, taken from the end.
    pool: Vec<PoolItem>,
    phones: PhoneBook,
    /// Hashes of names that must not repeat (companies, schools, branches).
    taken: HashSet<u64>,
    parents: Parents,
    /// Recently generated companies, for look-alikes and 分公司.
    companies: Vec<business::CompanyRecord>,
    company_cursor: usize,
    district_total: u32,
}

/// Ids of listings that later listings hang under.
#[derive(Default)]
struct Parents {
    banks: Vec<String>,
    /// Per chain: main listing id and its 400 number.
    chains: Vec<(String, String)>,
    /// Per chain: stores generated so far.
    chain_stores: Vec<u32>,
    post: Option<String>,
    district_government: HashMap<usize, String>,
    district_police: HashMap<usize, String>,
    street_offices: HashMap<(usize, usize), String>,
}

impl Generator {
    /// A generator whose stream depends only on `seed`.
    pub fn new(seed: u64) -> Generator {
        let mut generator = Generator {
            rng: ChaCha8Rng::seed_from_u64(seed),
            serial: 0,
            groups: 0,
            queue: VecDeque::new(),
            pool: Vec::new(),
            phones: PhoneBook::default(),
            taken: HashSet::new(),
            parents: Parents::default(),
            companies: Vec::new(),
            company_cursor: 0,
            district_total: DISTRICTS.iter().map(|d| d.share).sum(),
        };
        generator.build_prelude();
        generator.pool = institutions::plan_pool(&mut generator.rng);
        generator
    }

    /// Builds the next group of listings into the queue (possibly none, when
    /// a name turned out to be taken).
    fn fill(&mut self) {
        self.groups += 1;
        if self.groups.is_multiple_of(POOL_EVERY) {
            if let Some(item) = self.pool.pop() {
                self.build_pool_item(item);
                return;
            }
        }
        self.build_business();
    }

    fn next_id(&mut self) -> String {
        self.serial += 1;
        format!("GZ-{:07}", self.serial)
    }

    /// A listing with an id, a name, a category and a Guangzhou district, and
    /// nothing else yet.
    fn blank(&mut self, name: String, category: &str, district: usize) -> Listing {
        self.blank_in(name, category, City::Guangzhou, DISTRICTS[district].name)
    }

    fn blank_in(&mut self, name: String, category: &str, city: City, district: &str) -> Listing {
        let (province, city_name, _) = city.parts();
        Listing {
            id: self.next_id(),
            name,
            phones: Vec::new(),
            aliases: Vec::new(),
            department: None,
            parent_id: None,
            category: Some(category.to_string()),
            province: Some(province.to_string()),
            city: Some(city_name.to_string()),
            district: Some(district.to_string()),
            address: None,
            name_en: None,
            listed: true,
            weight: 0.0,
            extra: serde_json::Map::new(),
        }
    }

    /// A department listing under `main`: same name, place and address.
    fn department_of(&mut self, main: &Listing, department: &str) -> Listing {
        let mut listing = Listing {
            id: self.next_id(),
            department: Some(department.to_string()),
            parent_id: Some(main.id.clone()),
            phones: Vec::new(),
            aliases: Vec::new(),
            name_en: None,
            listed: true,
            weight: 0.0,
            ..main.clone()
        };
        listing.extra.clear();
        listing
    }

    /// Pushes `main` (with one number per label) and its departments, each
    /// with a number of its own.
    fn push_with_departments(
        &mut self,
        mut main: Listing,
        district: usize,
        labels: &[&str],
        departments: &[&'static str],
        unlisted_share: f64,
    ) -> String {
        for label in labels {
            let number = self.landline(district);
            Self::add_phone(&mut main, number, Some(label));
        }
        main.listed = !self.chance(unlisted_share);
        let id = main.id.clone();
        let first = main.clone();
        self.queue.push_back(main);
        for (position, department) in departments.iter().enumerate() {
            let mut listing = self.department_of(&first, department);
            let number = self.phones.landline_near(
                &mut self.rng,
                "020",
                &first.phones[0].number,
                DISTRICTS[district].prefixes,
            );
            Self::add_phone(&mut listing, number, None);
            listing.weight =
                self.weight(first.weight * department_share(department, position), 0.4);
            listing.listed = !is_internal(department) && !self.chance(unlisted_share);
            self.queue.push_back(listing);
        }
        id
    }

    /// A fresh local number in district `district`.
    fn landline(&mut self, district: usize) -> String {
        self.phones
            .landline(&mut self.rng, "020", DISTRICTS[district].prefixes)
    }

    fn mobile(&mut self) -> String {
        self.phones.mobile(&mut self.rng)
    }

    /// Pushes a number with an optional label.
    fn add_phone(listing: &mut Listing, number: String, label: Option<&str>) {
        listing.phones.push(ListingPhone {
            number,
            label: label.map(str::to_string),
        });
    }

    /// A district drawn by its share of the city's businesses.
    fn pick_district(&mut self) -> usize {
        let mut ticket = self.rng.random_range(0..self.district_total);
        for (i, d) in DISTRICTS.iter().enumerate() {
            if ticket < d.share {
                return i;
            }
            ticket -= d.share;
        }
        DISTRICTS.len() - 1
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.rng.random_range(0..items.len())]
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p)
    }

    /// A street address in the district: `广州市天河区天河路385号`, sometimes
    /// with a building and room.
    fn address(&mut self, district: usize) -> String {
        self.address_near(district, "")
    }

    /// An address matching a branch or store named after `place`: on that
    /// road, or in that building, when `place` is one.
    fn address_near(&mut self, district: usize, place: &str) -> String {
        let d: &District = &DISTRICTS[district];
        let in_building = d.buildings.contains(&place);
        let road = if d.roads.contains(&place) {
            place
        } else {
            self.pick(d.roads)
        };
        let number = if self.chance(0.7) {
            self.rng.random_range(1..300)
        } else {
            self.rng.random_range(300..1200)
        };
        let mut address = format!("广州市{}{}{}号", d.name, road, number);
        let floor = self.rng.random_range(2..40);
        match self.rng.random_range(0..10) {
            _ if in_building => {
                let level = self.rng.random_range(1..6);
                address.push_str(&format!("{place}{level}楼"));
            }
            0 | 1 => {
                let building = self.pick(d.buildings);
                let room = self.rng.random_range(1..20);
                address.push_str(&format!("{building}{floor}{room:02}室"));
            }
            2 => {
                let word = self.pick(BUILDING_WORDS);
                let trade = self.trade_char();
                address.push_str(&format!("{trade}{word}{}楼", floor / 2));
            }
            3 => address.push_str("首层"),
            _ => {}
        }
        address
    }

    /// One auspicious trade-name character.
    fn trade_char(&mut self) -> &'static str {
        let group = self.pick(TRADE_CHARS);
        self.pick(group)
    }

    /// A popularity weight around `base`, log-normally spread and rounded to
    /// hundredths.
    fn weight(&mut self, base: f64, sigma: f64) -> f64 {
        let u1 = 1.0 - self.rng.random::<f64>();
        let u2: f64 = self.rng.random();
        let z = (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos();
        let w = base * (sigma * z).exp();
        ((w * 100.0).round() / 100.0).max(0.01)
    }

    /// Returns true if and only if `name` was not taken before, and takes it.
    fn take_name(&mut self, name: &str) -> bool {
        let mut hasher = DefaultHasher::new();
        name.hash(&mut hasher);
        self.taken.insert(hasher.finish())
    }
}

impl Iterator for Generator {
    type Item = Listing;

    fn next(&mut self) -> Option<Listing> {
        loop {
            if let Some(listing) = self.queue.pop_front() {
                return Some(listing);
            }
            self.fill();
        }
    }
}

/// Writes the first `count` listings of seed `seed` to `out`, one JSON object
/// per line.
pub fn write_jsonl<W: Write>(count: usize, seed: u64, out: W) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 20, out);
    for listing in Generator::new(seed).take(count) {
        serde_json::to_writer(&mut out, &listing)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

/// Popularity share of a department of its organisation, the front desks
/// most asked for.
fn department_share(department: &str, position: usize) -> f64 {
    match department {
        "挂号处" | "问询处" | "招生办公室" | "前台" | "乘客服务中心" | "故障报修" => {
            0.5
        }
        "急诊科" | "T1航站楼问询" | "T2航站楼问询" | "失物招领" => 0.3,
        _ if position < 6 => 0.1,
        _ => 0.04,
    }
}

/// Departments no one outside may call.
fn is_internal(department: &str) -> bool {
    department == "院长办公室"
}

/// Chinese numeral for 1..=999 as used in school names: `六`, `十六`, `一百一十三`.
fn chinese_number(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let (hundreds, tens, ones) = (n / 100, n / 10 % 10, n % 10);
    let mut s = String::new();
    if hundreds > 0 {
        s.push_str(DIGITS[hundreds as usize]);
        s.push('百');
        if tens == 0 && ones > 0 {
            s.push('零');
        }
    }
    if tens > 0 {
        if tens > 1 || hundreds > 0 {
            s.push_str(DIGITS[tens as usize]);
        }
        s.push('十');
    }
    if ones > 0 {
        s.push_str(DIGITS[ones as usize]);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::chinese_number;

    #[test]
    fn numerals_read_as_in_school_names() {
        let got: Vec<String> = [1, 6, 10, 16, 20, 47, 100, 101, 113]
            .into_iter()
            .map(chinese_number)
            .collect();
        assert_eq!(
            got,
            [
                "一",
                "六",
                "十",
                "十六",
                "二十",
                "四十七",
                "一百",
                "一百零一",
                "一百一十三"
            ]
        );
    }
}
