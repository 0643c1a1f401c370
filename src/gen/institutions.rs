//! The public side of the city: the famous institutions and the city
//! listings of banks and chains that open the stream, and the institutional
//! skeleton that follows (district offices, 街道办事处 and 镇政府, 派出所,
//! district hospitals and schools, 社区卫生服务中心, post offices, bank
//! branches, other real institutions).

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::fixed::{City, FixedOrg, DISTRICT_OFFICES, FAMOUS, REAL_ORGS};
use super::names::{
    street_stem, BANKS, CHAINS, DISTRICTS, HOSPITAL_DEPTS, SCHOOL_DEPTS, TCM_DEPTS,
    WOMEN_CHILDREN_DEPTS,
};
use super::{chinese_number, department_share, is_internal, Generator};

/// One group of the institutional skeleton, built when its turn comes.
#[derive(Clone, Copy)]
pub enum PoolItem {
    /// A district office: district, index into [`DISTRICT_OFFICES`].
    Office(usize, usize),
    /// A district hospital of the given kind.
    Hospital(usize, HospitalKind),
    /// A district school: district, ordinal (1 = 第一中学, 0 = 实验小学).
    DistrictSchool(usize, u32),
    /// `广州市第N中学`.
    CitySchool(u32),
    /// An entry of [`REAL_ORGS`].
    Real(usize),
    /// 街道办事处 or 镇人民政府: district, street index.
    StreetOffice(usize, usize),
    /// 派出所 of a street.
    Police(usize, usize),
    /// 社区卫生服务中心 or 镇卫生院 of a street.
    HealthCenter(usize, usize),
    /// 邮政支局 of a street.
    PostOffice(usize, usize),
    /// A branch of the bank with this index into [`BANKS`].
    BankBranch(usize),
}

/// Kinds of district hospitals.
#[derive(Clone, Copy)]
pub enum HospitalKind {
    /// 人民医院.
    People,
    /// 第二人民医院.
    SecondPeople,
    /// 中医院.
    ChineseMedicine,
    /// 妇幼保健院.
    WomenChildren,
}

/// Districts big enough to have a 第二人民医院.
const SECOND_HOSPITAL: &[&str] = &["番禺区", "白云区", "花都区", "增城区"];

/// City-numbered secondary schools that exist (广州市第一中学 … 第一百一十三中学,
/// a few numbers skipped).
fn city_school_numbers() -> impl Iterator<Item = u32> {
    (1..=113).filter(|n| n % 9 != 4)
}

/// The skeleton in the order it is built (taken from the end): district
/// offices, hospitals, schools and real institutions first, so that street
/// offices and police stations find their district's listing already there.
pub fn plan_pool(rng: &mut ChaCha8Rng) -> Vec<PoolItem> {
    let mut first = Vec::new();
    let mut then = Vec::new();
    for (d, district) in DISTRICTS.iter().enumerate() {
        for office in 0..DISTRICT_OFFICES.len() {
            first.push(PoolItem::Office(d, office));
        }
        first.push(PoolItem::Hospital(d, HospitalKind::People));
        first.push(PoolItem::Hospital(d, HospitalKind::ChineseMedicine));
        first.push(PoolItem::Hospital(d, HospitalKind::WomenChildren));
        if SECOND_HOSPITAL.contains(&district.name) {
            first.push(PoolItem::Hospital(d, HospitalKind::SecondPeople));
        }
        for ordinal in 0..3 {
            first.push(PoolItem::DistrictSchool(d, ordinal));
        }
        for s in 0..district.streets.len() {
            then.push(PoolItem::StreetOffice(d, s));
            then.push(PoolItem::Police(d, s));
            then.push(PoolItem::HealthCenter(d, s));
            then.push(PoolItem::PostOffice(d, s));
        }
    }
    first.extend(city_school_numbers().map(PoolItem::CitySchool));
    first.extend((0..REAL_ORGS.len()).map(PoolItem::Real));
    for (b, bank) in BANKS.iter().enumerate() {
        then.extend((0..bank.branches).map(|_| PoolItem::BankBranch(b)));
    }
    shuffle(rng, &mut first);
    shuffle(rng, &mut then);
    then.extend(first.into_iter().rev());
    then
}

fn shuffle<T>(rng: &mut ChaCha8Rng, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        items.swap(i, rng.random_range(0..=i));
    }
}

/// Picks `count` of `items` after the first `keep`, keeping their order
/// (selection sampling).
fn sample_in_order(
    rng: &mut ChaCha8Rng,
    items: &[&'static str],
    keep: usize,
    count: usize,
) -> Vec<&'static str> {
    let mut picked: Vec<&'static str> = items.iter().take(keep).copied().collect();
    let rest = &items[keep.min(items.len())..];
    let mut needed = count.min(rest.len());
    for (i, item) in rest.iter().enumerate() {
        if needed == 0 {
            break;
        }
        if rng.random_range(0..rest.len() - i) < needed {
            picked.push(item);
            needed -= 1;
        }
    }
    picked
}

impl Generator {
    /// The famous institutions, then the city listings of banks and chains.
    pub(super) fn build_prelude(&mut self) {
        for org in FAMOUS {
            let id = self.build_fixed(org, org.dept_count);
            if org.name == "中国邮政集团有限公司广州市分公司" {
                self.parents.post = Some(id);
            }
        }
        for bank in BANKS {
            let district = self.district_index("天河区");
            let mut main = self.blank(bank.city_name.to_string(), "银行", district);
            if !bank.city_name.starts_with(bank.name) {
                main.aliases.push(bank.name.to_string());
            }
            main.aliases.extend(bank.short.map(str::to_string));
            main.name_en = Some(bank.en.to_string());
            main.address = Some(self.address(district));
            for label in ["总机", "客服", "传真"] {
                let number = self.landline(district);
                Self::add_phone(&mut main, number, Some(label));
            }
            main.weight = self.weight(bank.weight, 0.2);
            self.take_name(&main.name);
            self.parents.banks.push(main.id.clone());
            self.queue.push_back(main);
        }
        for chain in CHAINS {
            let district = self.pick_district();
            let mut main = self.blank(chain.brand.to_string(), chain.category, district);
            main.aliases = chain.aliases.iter().map(|a| a.to_string()).collect();
            main.name_en = chain.en.map(str::to_string);
            main.address = Some(self.address(district));
            let hotline = self.phones.hotline(&mut self.rng);
            Self::add_phone(&mut main, hotline.clone(), Some("客服"));
            let office = self.landline(district);
            Self::add_phone(&mut main, office, Some("总部"));
            main.weight = self.weight(50.0 + f64::from(chain.stores), 0.3);
            self.parents.chains.push((main.id.clone(), hotline));
            self.parents.chain_stores.push(0);
            self.queue.push_back(main);
        }
    }

    fn district_index(&self, name: &str) -> usize {
        DISTRICTS.iter().position(|d| d.name == name).unwrap_or(0)
    }

    /// A real institution and `dept_count` of its departments; returns the
    /// main listing's id.
    fn build_fixed(&mut self, org: &FixedOrg, dept_count: usize) -> String {
        let (_, city_name, area) = org.city.parts();
        let prefixes: &[u32] = match org.city {
            City::Guangzhou => DISTRICTS[self.district_index(org.district)].prefixes,
            _ => &[],
        };
        let mut main = self.blank_in(org.name.to_string(), org.category, org.city, org.district);
        main.aliases = org.aliases.iter().map(|a| a.to_string()).collect();
        main.name_en = org.en.map(str::to_string);
        main.address = Some(format!("{city_name}{}{}", org.district, org.address));
        for label in org.labels {
            let number = self.phones.landline(&mut self.rng, area, prefixes);
            Self::add_phone(&mut main, number, Some(label));
        }
        main.weight = self.weight(org.weight, 0.15);
        self.take_name(&main.name);
        let id = main.id.clone();
        let departments: Vec<&str> = org.depts.iter().take(dept_count).copied().collect();
        let main_weight = main.weight;
        let first = main.clone();
        self.queue.push_back(main);
        for (position, department) in departments.into_iter().enumerate() {
            let mut listing = self.department_of(&first, department);
            let number =
                self.phones
                    .landline_near(&mut self.rng, area, &first.phones[0].number, prefixes);
            Self::add_phone(&mut listing, number, None);
            listing.weight = self.weight(main_weight * department_share(department, position), 0.3);
            listing.listed = !is_internal(department);
            self.queue.push_back(listing);
        }
        id
    }

    /// Builds one group of the skeleton.
    pub(super) fn build_pool_item(&mut self, item: PoolItem) {
        match item {
            PoolItem::Office(d, office) => self.build_office(d, office),
            PoolItem::Hospital(d, kind) => self.build_district_hospital(d, kind),
            PoolItem::DistrictSchool(d, ordinal) => self.build_district_school(d, ordinal),
            PoolItem::CitySchool(n) => self.build_city_school(n),
            PoolItem::Real(i) => {
                let org = &REAL_ORGS[i];
                let count = org.dept_count;
                self.build_fixed(org, count);
            }
            PoolItem::StreetOffice(d, s) => self.build_street_office(d, s),
            PoolItem::Police(d, s) => self.build_police_station(d, s),
            PoolItem::HealthCenter(d, s) => self.build_health_center(d, s),
            PoolItem::PostOffice(d, s) => self.build_post_office(d, s),
            PoolItem::BankBranch(b) => self.build_bank_branch(b),
        }
    }

    fn build_office(&mut self, d: usize, office: usize) {
        let template = &DISTRICT_OFFICES[office];
        let district = &DISTRICTS[d];
        let fill = |pattern: &str| {
            pattern
                .replace("{d}", district.name)
                .replace("{s}", district.stem)
        };
        let mut main = self.blank(fill(template.name), template.category, d);
        main.aliases = template.aliases.iter().map(|a| fill(a)).collect();
        main.address = Some(self.address(d));
        main.weight = self.weight(template.weight, 0.4);
        if office == 0 {
            main.name_en = Some(format!("People's Government of {}, Guangzhou", district.en));
        }
        let id = self.push_with_departments(main, d, template.labels, template.depts, 0.002);
        match office {
            0 => self.parents.district_government.insert(d, id),
            1 => self.parents.district_police.insert(d, id),
            _ => None,
        };
    }

    fn build_district_hospital(&mut self, d: usize, kind: HospitalKind) {
        let district = &DISTRICTS[d];
        let (name, aliases, en, depts, weight) = match kind {
            HospitalKind::People => (
                format!("广州市{}人民医院", district.name),
                vec![
                    format!("{}人民医院", district.name),
                    format!("{}人民医院", district.stem),
                ],
                format!("Guangzhou {} People's Hospital", district.en),
                HOSPITAL_DEPTS,
                600.0,
            ),
            HospitalKind::SecondPeople => (
                format!("广州市{}第二人民医院", district.name),
                vec![format!("{}二院", district.stem)],
                format!("The Second People's Hospital of {}, Guangzhou", district.en),
                HOSPITAL_DEPTS,
                300.0,
            ),
            HospitalKind::ChineseMedicine => (
                format!("广州市{}中医院", district.name),
                vec![format!("{}中医院", district.stem)],
                format!(
                    "Guangzhou {} Hospital of Traditional Chinese Medicine",
                    district.en
                ),
                TCM_DEPTS,
                300.0,
            ),
            HospitalKind::WomenChildren => (
                format!("广州市{}妇幼保健院", district.name),
                vec![format!("{}妇幼", district.name)],
                format!(
                    "Guangzhou {} Maternal and Child Health Hospital",
                    district.en
                ),
                WOMEN_CHILDREN_DEPTS,
                250.0,
            ),
        };
        let extra = self.rng.random_range(5..11);
        let departments = sample_in_order(&mut self.rng, depts, 2, extra);
        let mut main = self.blank(name, "医院", d);
        main.aliases = aliases;
        main.name_en = Some(en);
        main.address = Some(self.address(d));
        main.weight = self.weight(weight, 0.5);
        self.take_name(&main.name);
        self.push_with_departments(main, d, &["总机", "传真"], &departments, 0.0);
    }

    fn build_district_school(&mut self, d: usize, ordinal: u32) {
        let district = &DISTRICTS[d];
        let (name, aliases) = match ordinal {
            0 => (format!("广州市{}实验小学", district.name), vec![]),
            n => (
                format!("广州市{}第{}中学", district.name, chinese_number(n)),
                vec![format!("{}{}中", district.stem, chinese_number(n))],
            ),
        };
        let mut main = self.blank(name, "学校", d);
        main.aliases = aliases;
        main.address = Some(self.address(d));
        main.weight = self.weight(40.0, 0.5);
        self.take_name(&main.name);
        let departments: &[&str] = if ordinal == 0 { &[] } else { SCHOOL_DEPTS };
        self.push_with_departments(main, d, &["办公室", "传真"], departments, 0.003);
    }

    fn build_city_school(&mut self, n: u32) {
        let d = self.pick_district();
        let numeral = chinese_number(n);
        let mut main = self.blank(format!("广州市第{numeral}中学"), "学校", d);
        main.aliases = vec![format!("广州{numeral}中"), format!("{numeral}中")];
        main.address = Some(self.address(d));
        main.weight = self.weight(if n <= 20 { 80.0 } else { 30.0 }, 0.5);
        self.take_name(&main.name);
        let departments = sample_in_order(&mut self.rng, SCHOOL_DEPTS, 1, 1);
        self.push_with_departments(main, d, &["办公室"], &departments, 0.003);
    }

    fn build_street_office(&mut self, d: usize, s: usize) {
        let district = &DISTRICTS[d];
        let street = district.streets[s];
        let (name, aliases) = match street.strip_suffix('镇') {
            Some(town) => (
                format!("广州市{}{}人民政府", district.name, street),
                vec![format!("{street}政府"), format!("{town}镇政府")],
            ),
            None => (
                format!("广州市{}{}道办事处", district.name, street),
                vec![
                    format!("{}{}道办事处", district.name, street),
                    format!("{street}道办"),
                ],
            ),
        };
        let mut main = self.blank(name, "政府机关", d);
        main.aliases = aliases;
        main.aliases.dedup();
        main.address = Some(self.address(d));
        main.parent_id = self.parents.district_government.get(&d).cloned();
        main.weight = self.weight(30.0, 0.5);
        let id = self.push_with_departments(main, d, &["总机", "值班室"], &[], 0.0);
        self.parents.street_offices.insert((d, s), id);
    }

    fn build_police_station(&mut self, d: usize, s: usize) {
        let district = &DISTRICTS[d];
        let stem = street_stem(district.streets[s]);
        let mut main = self.blank(
            format!("广州市公安局{}分局{}派出所", district.name, stem),
            "公安",
            d,
        );
        main.aliases = vec![
            format!("{stem}派出所"),
            format!("{}{}派出所", district.stem, stem),
        ];
        main.address = Some(self.address(d));
        main.parent_id = self.parents.district_police.get(&d).cloned();
        main.weight = self.weight(60.0, 0.5);
        self.push_with_departments(main, d, &["值班室", "户籍室"], &[], 0.0);
    }

    fn build_health_center(&mut self, d: usize, s: usize) {
        let district = &DISTRICTS[d];
        let street = district.streets[s];
        let name = if street.ends_with('镇') {
            format!("广州市{}{}卫生院", district.name, street)
        } else {
            format!("广州市{}{}社区卫生服务中心", district.name, street)
        };
        let mut main = self.blank(name, "医院", d);
        main.aliases = vec![format!("{}卫生院", street_stem(street))];
        if street.ends_with('街') {
            main.aliases = vec![format!("{street}社区医院")];
        }
        main.address = Some(self.address(d));
        main.weight = self.weight(20.0, 0.6);
        let count = self.rng.random_range(0..3);
        let departments = sample_in_order(
            &mut self.rng,
            &["预防接种门诊", "全科门诊", "妇幼保健"],
            0,
            count,
        );
        self.push_with_departments(main, d, &["总机"], &departments, 0.005);
    }

    fn build_post_office(&mut self, d: usize, s: usize) {
        let stem = street_stem(DISTRICTS[d].streets[s]);
        let mut main = self.blank(format!("广州{stem}邮政支局"), "邮政", d);
        if !self.take_name(&main.name) {
            main.name = format!("广州{}{}邮政支局", DISTRICTS[d].stem, stem);
            self.take_name(&main.name);
        }
        main.address = Some(self.address(d));
        main.parent_id = self.parents.post.clone();
        main.weight = self.weight(10.0, 0.6);
        self.push_with_departments(main, d, &["营业厅"], &[], 0.003);
    }

    fn build_bank_branch(&mut self, b: usize) {
        let bank = &BANKS[b];
        for _ in 0..20 {
            let d = self.pick_district();
            let district = &DISTRICTS[d];
            let place = match self.rng.random_range(0..10) {
                0 => district.stem,
                1..=3 => street_stem(self.pick(district.streets)),
                4..=6 => self.pick(district.roads),
                7 | 8 => self.pick(district.places),
                _ => self.pick(district.buildings),
            };
            let name = format!("{}{}{}支行", bank.name, bank.infix, place);
            if !self.take_name(&name) {
                continue;
            }
            let mut branch = self.blank(name, "银行", d);
            if let Some(short) = bank.short {
                branch.aliases.push(format!("{short}{place}支行"));
            }
            branch.address = Some(self.address_near(d, place));
            branch.parent_id = Some(self.parents.banks[b].clone());
            branch.weight = self.weight(bank.weight / 40.0, 0.6);
            let labels: &[&str] = if self.chance(0.3) {
                &["营业厅", "对公业务"]
            } else {
                &["营业厅"]
            };
            self.push_with_departments(branch, d, labels, &[], 0.003);
            return;
        }
    }
}
