//! The endless part of the directory: companies (named region + trade name +
//! industry + legal form, with homophone and near-identical look-alikes),
//! branch companies, small factories, individual shops with mobile numbers,
//! restaurants, chain stores, hotels, property managers with their estate
//! offices, clinics, schools and 居委会.

use rand::RngExt;

use super::names::{
    street_stem, CHAINS, DISTRICTS, ESTATE_SUFFIXES, FACTORY_GOODS, FOOD_KINDS, GIVEN_CHARS,
    INDUSTRIES, INDUSTRY_TAIL, SHOP_KINDS, SURNAMES, TRADE_CHARS, TRADE_WORDS,
};
use super::{Generator, Listing};

/// How many recent companies are remembered for look-alikes and 分公司.
const RECENT_COMPANIES: usize = 512;

/// Share of companies named after an earlier one (one character, the
/// industry or the region differs).
const LOOKALIKE_SHARE: f64 = 0.12;

/// Kinds of business groups and their relative frequency.
const BUSINESS_MIX: &[(Business, u32)] = &[
    (Business::Company, 40),
    (Business::BranchCompany, 3),
    (Business::Factory, 5),
    (Business::Shop, 16),
    (Business::Restaurant, 9),
    (Business::ChainStore, 4),
    (Business::Hotel, 2),
    (Business::Property, 1),
    (Business::Clinic, 3),
    (Business::School, 5),
    (Business::Community, 1),
];

#[derive(Clone, Copy)]
enum Business {
    Company,
    BranchCompany,
    Factory,
    Shop,
    Restaurant,
    ChainStore,
    Hotel,
    Property,
    Clinic,
    School,
    Community,
}

/// How a company name places itself.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Region {
    /// `广州华宏科技有限公司`
    Guangzhou,
    /// `广州市华宏科技有限公司`
    GuangzhouShi,
    /// `广州市天河区华宏科技有限公司`
    District,
    /// `广东华宏科技有限公司`
    Guangdong,
    /// `华宏(广州)科技有限公司`
    Bracketed,
}

const REGIONS: &[(Region, u32)] = &[
    (Region::Guangzhou, 38),
    (Region::GuangzhouShi, 27),
    (Region::District, 16),
    (Region::Guangdong, 14),
    (Region::Bracketed, 5),
];

const LEGAL_FORMS: &[(&str, u32)] = &[
    ("有限公司", 86),
    ("股份有限公司", 5),
    ("有限责任公司", 5),
    ("集团有限公司", 4),
];

/// Industries close enough to be confused (`科技`/`电子科技`).
const RELATED_INDUSTRIES: &[&[&str]] = &[
    &["科技", "电子科技", "信息科技", "网络科技", "软件"],
    &["贸易", "商贸", "进出口"],
    &["建设工程", "建筑工程", "装饰工程"],
    &["物流", "供应链管理", "国际货运代理"],
];

/// The parts of a company name, kept to make look-alikes of it.
#[derive(Clone)]
pub struct CompanyRecord {
    trade: String,
    industry: &'static str,
    tail: &'static str,
    region: Region,
    legal: &'static str,
    district: usize,
    id: String,
    name: String,
}

impl CompanyRecord {
    fn compose(&self) -> String {
        let district = DISTRICTS[self.district].name;
        let (trade, industry, tail, legal) = (&self.trade, self.industry, self.tail, self.legal);
        match self.region {
            Region::Guangzhou => format!("广州{trade}{industry}{tail}{legal}"),
            Region::GuangzhouShi => format!("广州市{trade}{industry}{tail}{legal}"),
            Region::District => format!("广州市{district}{trade}{industry}{tail}{legal}"),
            Region::Guangdong => format!("广东{trade}{industry}{tail}{legal}"),
            Region::Bracketed => format!("{trade}(广州){industry}{tail}{legal}"),
        }
    }
}

fn weighted<T: Copy>(rng: &mut impl RngExt, items: &[(T, u32)]) -> T {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    let mut ticket = rng.random_range(0..total);
    for (item, w) in items {
        if ticket < *w {
            return *item;
        }
        ticket -= w;
    }
    items[items.len() - 1].0
}

impl Generator {
    /// Builds one business group.
    pub(super) fn build_business(&mut self) {
        match weighted(&mut self.rng, BUSINESS_MIX) {
            Business::Company => self.build_company(),
            Business::BranchCompany => self.build_branch_company(),
            Business::Factory => self.build_factory(),
            Business::Shop => self.build_shop(),
            Business::Restaurant => self.build_restaurant(),
            Business::ChainStore => self.build_chain_store(),
            Business::Hotel => self.build_hotel(),
            Business::Property => self.build_property(),
            Business::Clinic => self.build_clinic(),
            Business::School => self.build_school(),
            Business::Community => self.build_community(),
        }
    }

    /// A trade name (字号): usually two auspicious characters of different
    /// readings, sometimes three, sometimes a place word.
    fn trade_name(&mut self) -> String {
        match self.rng.random_range(0..100) {
            0..=74 => self.two_chars(),
            75..=84 => {
                let mut s = self.two_chars();
                s.push_str(self.trade_char());
                s
            }
            85..=92 => self.pick(TRADE_WORDS).to_string(),
            _ => format!("{}{}", self.pick(TRADE_WORDS), self.trade_char()),
        }
    }

    fn two_chars(&mut self) -> String {
        loop {
            let (a, b) = (self.trade_char(), self.trade_char());
            if a != b {
                return format!("{a}{b}");
            }
        }
    }

    /// A variant of an earlier company: a homophone character, a related
    /// industry, another region form, or `发展` added.
    fn lookalike(&mut self, mut record: CompanyRecord) -> CompanyRecord {
        match self.rng.random_range(0..100) {
            0..=44 => {
                let chars: Vec<char> = record.trade.chars().collect();
                let at = self.rng.random_range(0..chars.len());
                let own = chars[at].to_string();
                let group = TRADE_CHARS
                    .iter()
                    .find(|g| g.contains(&own.as_str()) && g.len() > 1);
                if let Some(group) = group {
                    let others: Vec<&str> = group.iter().copied().filter(|c| *c != own).collect();
                    let swap = self.pick(&others);
                    record.trade = chars
                        .iter()
                        .enumerate()
                        .map(|(i, c)| {
                            if i == at {
                                swap.to_string()
                            } else {
                                c.to_string()
                            }
                        })
                        .collect();
                } else {
                    record.industry = self.pick(INDUSTRIES);
                }
            }
            45..=69 => {
                let related = RELATED_INDUSTRIES
                    .iter()
                    .find(|g| g.contains(&record.industry));
                record.industry = match related {
                    Some(group) => self.pick(group),
                    None => self.pick(INDUSTRIES),
                };
            }
            70..=89 => record.region = weighted(&mut self.rng, REGIONS),
            _ => {
                record.tail = if record.tail.is_empty() {
                    INDUSTRY_TAIL
                } else {
                    ""
                }
            }
        }
        record
    }

    fn fresh_company(&mut self) -> CompanyRecord {
        let region = weighted(&mut self.rng, REGIONS);
        let district = self.pick_district();
        let tail = if self.chance(0.1) { INDUSTRY_TAIL } else { "" };
        let mut legal = weighted(&mut self.rng, LEGAL_FORMS);
        if legal == "集团有限公司" && region == Region::District {
            legal = "有限公司";
        }
        CompanyRecord {
            trade: self.trade_name(),
            industry: self.pick(INDUSTRIES),
            tail,
            region,
            legal,
            district,
            id: String::new(),
            name: String::new(),
        }
    }

    fn remember_company(&mut self, record: CompanyRecord) {
        if self.companies.len() < RECENT_COMPANIES {
            self.companies.push(record);
        } else {
            self.companies[self.company_cursor] = record;
            self.company_cursor = (self.company_cursor + 1) % RECENT_COMPANIES;
        }
    }

    fn build_company(&mut self) {
        let mut record = None;
        for attempt in 0..6 {
            let candidate =
                if attempt < 3 && !self.companies.is_empty() && self.chance(LOOKALIKE_SHARE) {
                    let earlier = self.pick_company();
                    self.lookalike(earlier)
                } else {
                    self.fresh_company()
                };
            let name = candidate.compose();
            if self.take_name(&name) {
                record = Some(CompanyRecord { name, ..candidate });
                break;
            }
        }
        let Some(mut record) = record else { return };
        let d = record.district;
        let mut listing = self.blank(record.name.clone(), "公司", d);
        listing.address = Some(self.address(d));
        match self.rng.random_range(0..20) {
            0..=15 => {
                let number = self.landline(d);
                Self::add_phone(&mut listing, number, None);
            }
            16 | 17 => {
                for label in ["总机", "传真"] {
                    let number = self.landline(d);
                    Self::add_phone(&mut listing, number, Some(label));
                }
            }
            _ => {
                let number = self.mobile();
                Self::add_phone(&mut listing, number, None);
            }
        }
        if self.chance(0.12) {
            listing
                .aliases
                .push(format!("{}{}", record.trade, record.industry));
        }
        listing.listed = !self.chance(0.025);
        listing.weight = self.weight(1.0, 1.1);
        record.id = listing.id.clone();
        self.remember_company(record);
        self.queue.push_back(listing);
    }

    fn pick_company(&mut self) -> CompanyRecord {
        let at = self.rng.random_range(0..self.companies.len());
        self.companies[at].clone()
    }

    /// `广州华宏科技有限公司天河分公司` under its head office.
    fn build_branch_company(&mut self) {
        if self.companies.is_empty() {
            return self.build_company();
        }
        let parent = self.pick_company();
        let d = self.pick_district();
        let name = format!("{}{}分公司", parent.name, DISTRICTS[d].stem);
        if d == parent.district || !self.take_name(&name) {
            return self.build_company();
        }
        let mut listing = self.blank(name, "公司", d);
        listing.parent_id = Some(parent.id.clone());
        listing.address = Some(self.address(d));
        let number = self.landline(d);
        Self::add_phone(&mut listing, number, None);
        listing.listed = !self.chance(0.03);
        listing.weight = self.weight(0.8, 1.0);
        self.queue.push_back(listing);
    }

    /// `广州市白云区华宏皮具厂`, mostly in the industrial districts.
    fn build_factory(&mut self) {
        let d = self.pick(&[4, 4, 6, 6, 7, 10, 5, 8]);
        let name = format!(
            "广州市{}{}{}厂",
            DISTRICTS[d].name,
            self.two_chars(),
            self.pick(FACTORY_GOODS)
        );
        if !self.take_name(&name) {
            return;
        }
        let mut listing = self.blank(name, "公司", d);
        listing.address = Some(self.address(d));
        let number = self.landline(d);
        Self::add_phone(&mut listing, number, None);
        if self.chance(0.3) {
            let number = self.mobile();
            Self::add_phone(&mut listing, number, Some("销售"));
        }
        listing.listed = !self.chance(0.04);
        listing.weight = self.weight(0.5, 1.0);
        self.queue.push_back(listing);
    }

    /// A small shop, usually reached on the owner's mobile. Names such as
    /// `陈记水果店` repeat across the city, as they do in reality.
    fn build_shop(&mut self) {
        let d = self.pick_district();
        let kind = self.pick(SHOP_KINDS);
        let name = match self.rng.random_range(0..20) {
            0..=2 => format!("{}记{}", self.pick(SURNAMES), kind),
            3 | 4 => {
                let place = self.pick(DISTRICTS[d].places);
                format!("{place}{}记{}", self.pick(SURNAMES), kind)
            }
            5..=10 => format!("{}{}", self.pick(DISTRICTS[d].places), kind),
            11..=15 => format!("{}{}", self.two_chars(), kind),
            _ => {
                let form = self.pick(&["商行", "经营部", "商店"]);
                let name = format!("广州市{}{}{}", DISTRICTS[d].name, self.two_chars(), form);
                if !self.take_name(&name) {
                    return;
                }
                name
            }
        };
        let mut listing = self.blank(name, "商店", d);
        listing.address = Some(self.address(d));
        if self.chance(0.75) {
            let number = self.mobile();
            Self::add_phone(&mut listing, number, None);
            if self.chance(0.1) {
                let number = self.landline(d);
                Self::add_phone(&mut listing, number, None);
            }
        } else {
            let number = self.landline(d);
            Self::add_phone(&mut listing, number, None);
        }
        listing.listed = !self.chance(0.025);
        listing.weight = self.weight(0.6, 1.0);
        self.queue.push_back(listing);
    }

    fn build_restaurant(&mut self) {
        let d = self.pick_district();
        let kind = self.pick(FOOD_KINDS);
        let mut name = match self.rng.random_range(0..10) {
            0..=3 => format!("{}记{}", self.pick(SURNAMES), kind),
            4 | 5 => format!("{}{}", self.pick(DISTRICTS[d].places), kind),
            6..=8 => format!("{}{}", self.two_chars(), kind),
            _ => format!(
                "{}{}",
                self.trade_name(),
                self.pick(&["酒家", "饭店", "餐厅", "茶楼"])
            ),
        };
        if self.chance(0.15) {
            name.push_str(&format!("({}店)", self.pick(DISTRICTS[d].places)));
        }
        let mut listing = self.blank(name, "餐饮", d);
        listing.address = Some(self.address(d));
        let number = if self.chance(0.6) {
            self.landline(d)
        } else {
            self.mobile()
        };
        Self::add_phone(&mut listing, number, None);
        if self.chance(0.15) {
            let number = self.landline(d);
            Self::add_phone(&mut listing, number, Some("订座"));
        }
        listing.listed = !self.chance(0.015);
        listing.weight = self.weight(2.0, 1.0);
        self.queue.push_back(listing);
    }

    /// `点都德(体育东店)`, `7天酒店(广州体育中心店)` under the chain's listing,
    /// with the chain's 400 number next to the store's own.
    fn build_chain_store(&mut self) {
        let weights: Vec<(usize, u32)> = CHAINS
            .iter()
            .enumerate()
            .map(|(i, c)| (i, c.stores.saturating_sub(self.parents.chain_stores[i])))
            .filter(|(_, room)| *room > 0)
            .collect();
        if weights.is_empty() {
            return self.build_company();
        }
        for _ in 0..4 {
            let c = weighted(&mut self.rng, &weights);
            let chain = &CHAINS[c];
            let d = self.pick_district();
            let district = &DISTRICTS[d];
            let place = match self.rng.random_range(0..10) {
                0..=3 => self.pick(district.places),
                4..=6 => self.pick(district.roads),
                7 => street_stem(self.pick(district.streets)),
                _ => self.pick(district.buildings),
            };
            let city = if chain.city_in_store { "广州" } else { "" };
            let name = format!("{}({city}{place}店)", chain.brand);
            if !self.take_name(&name) {
                continue;
            }
            let mut listing = self.blank(name, chain.category, d);
            self.parents.chain_stores[c] += 1;
            let (parent, hotline) = self.parents.chains[c].clone();
            listing.parent_id = Some(parent);
            listing.address = Some(self.address_near(d, place));
            let number = self.landline(d);
            Self::add_phone(&mut listing, number, Some("门店"));
            if self.chance(0.5) {
                Self::add_phone(&mut listing, hotline, Some("客服"));
            }
            listing.listed = !self.chance(0.003);
            let base = if chain.category == "酒店" { 8.0 } else { 4.0 };
            listing.weight = self.weight(base, 0.8);
            self.queue.push_back(listing);
            return;
        }
        self.build_company();
    }

    fn build_hotel(&mut self) {
        let d = self.pick_district();
        let trade = self.two_chars();
        let name = match self.rng.random_range(0..10) {
            0..=2 => format!("广州{trade}大酒店"),
            3..=5 => format!("广州{trade}酒店"),
            6 | 7 => format!("广州{}{trade}酒店", self.pick(DISTRICTS[d].places)),
            8 => format!("广州{trade}宾馆"),
            _ => format!("{trade}公寓({}店)", self.pick(DISTRICTS[d].places)),
        };
        if !self.take_name(&name) {
            return;
        }
        let mut listing = self.blank(name, "酒店", d);
        listing.address = Some(self.address(d));
        let number = self.landline(d);
        Self::add_phone(&mut listing, number, Some("总机"));
        if self.chance(0.4) {
            let number = self.landline(d);
            Self::add_phone(&mut listing, number, Some("订房"));
        }
        listing.listed = !self.chance(0.01);
        listing.weight = self.weight(5.0, 1.0);
        self.queue.push_back(listing);
    }

    /// `广州华宏物业管理有限公司` and the offices of the estates it runs
    /// (`丽江花园管理处`).
    fn build_property(&mut self) {
        let d = self.pick_district();
        let prefix = self.pick(&["广州", "广州市", "广东"]);
        let name = format!("{prefix}{}物业管理有限公司", self.trade_name());
        if !self.take_name(&name) {
            return;
        }
        let mut main = self.blank(name, "物业", d);
        main.address = Some(self.address(d));
        let number = self.landline(d);
        Self::add_phone(&mut main, number, Some("总机"));
        main.listed = !self.chance(0.01);
        main.weight = self.weight(2.0, 0.8);
        let first = main.clone();
        self.queue.push_back(main);
        let estates = self.rng.random_range(1..7);
        for _ in 0..estates {
            let ed = if self.chance(0.6) {
                d
            } else {
                self.pick_district()
            };
            let stem = if self.chance(0.5) {
                self.pick(DISTRICTS[ed].places).to_string()
            } else {
                self.two_chars()
            };
            let estate = format!("{stem}{}", self.pick(ESTATE_SUFFIXES));
            let mut office = self.department_of(&first, &format!("{estate}管理处"));
            office.district = Some(DISTRICTS[ed].name.to_string());
            office.address = Some(self.address(ed));
            let number = self.landline(ed);
            Self::add_phone(&mut office, number, None);
            if self.chance(0.3) {
                let number = self.mobile();
                Self::add_phone(&mut office, number, Some("24小时值班"));
            }
            office.listed = !self.chance(0.01);
            office.weight = self.weight(3.0, 0.8);
            self.queue.push_back(office);
        }
    }

    fn build_clinic(&mut self) {
        let d = self.pick_district();
        let trade = self.two_chars();
        let (name, departments): (String, &[&str]) = match self.rng.random_range(0..20) {
            0..=2 => (format!("广州{trade}医院"), &["挂号处", "体检中心", "妇科"]),
            3..=6 => (format!("广州{trade}口腔门诊部"), &[]),
            7 => (format!("广州{trade}口腔医院"), &["挂号处"]),
            8 | 9 => (format!("广州{trade}中医门诊部"), &[]),
            10..=13 => {
                let given: String = (0..self.rng.random_range(1..3))
                    .map(|_| self.pick(GIVEN_CHARS))
                    .collect();
                let kind = self.pick(&["西医诊所", "中医诊所", "口腔诊所", "诊所"]);
                (format!("{}{given}{kind}", self.pick(SURNAMES)), &[])
            }
            14 | 15 => (format!("广州{trade}医疗美容门诊部"), &[]),
            16 => (format!("广州{trade}体检中心"), &[]),
            _ => {
                let kind = self.pick(&["眼科医院", "妇产医院", "骨科医院", "皮肤病医院"]);
                (format!("广州{trade}{kind}"), &["挂号处"])
            }
        };
        if !self.take_name(&name) {
            return;
        }
        let mut main = self.blank(name, "医院", d);
        main.address = Some(self.address(d));
        main.weight = self.weight(3.0, 1.0);
        let labels: &[&str] = if departments.is_empty() {
            &["预约"]
        } else {
            &["总机"]
        };
        self.push_with_departments(main, d, labels, departments, 0.01);
    }

    /// Primary schools and kindergartens named after their street or place,
    /// and private training schools.
    fn build_school(&mut self) {
        let d = self.pick_district();
        let district = &DISTRICTS[d];
        let stem = match self.rng.random_range(0..10) {
            0..=2 => self.pick(district.roads).to_string(),
            3..=4 => self.pick(district.places).to_string(),
            5 => street_stem(self.pick(district.streets)).to_string(),
            _ => self.two_chars(),
        };
        let name = match self.rng.random_range(0..20) {
            0..=6 => format!("广州市{}{stem}小学", district.name),
            7..=13 => format!("广州市{}{stem}幼儿园", district.name),
            14 | 15 => format!("广州市{}{stem}中学", district.name),
            16 | 17 => format!("广州{}培训学校", self.trade_name()),
            _ => format!("广州市{}{}外国语学校", district.name, self.two_chars()),
        };
        if !self.take_name(&name) {
            return;
        }
        let mut main = self.blank(name, "学校", d);
        main.address = Some(self.address_near(d, &stem));
        main.weight = self.weight(4.0, 0.9);
        let labels: &[&str] = if self.chance(0.3) {
            &["办公室", "传真"]
        } else {
            &["办公室"]
        };
        self.push_with_departments(main, d, labels, &[], 0.01);
    }

    /// `广州市天河区石牌街南苑社区居民委员会` under its 街道办事处.
    fn build_community(&mut self) {
        const FIRST: &[&str] = &[
            "东", "南", "西", "北", "新", "华", "龙", "金", "荔", "花", "翠", "岭", "石", "梅",
            "松", "桂", "兰", "锦", "宝", "海", "江", "沙", "云", "明", "福", "瑞", "和", "安",
        ];
        const SECOND: &[&str] = &[
            "苑", "园", "村", "坊", "岗", "塘", "湖", "源", "兴", "乐", "景", "华", "盛", "安",
            "平", "湾", "洲", "桥",
        ];
        let d = self.pick_district();
        let district = &DISTRICTS[d];
        let s = self.rng.random_range(0..district.streets.len());
        let street = district.streets[s];
        let community = format!("{}{}", self.pick(FIRST), self.pick(SECOND));
        let name = format!("广州市{}{street}{community}社区居民委员会", district.name);
        if !self.take_name(&name) {
            return;
        }
        let mut listing: Listing = self.blank(name, "社区", d);
        listing.aliases = vec![format!("{community}社区居委会")];
        listing.address = Some(self.address(d));
        listing.parent_id = self.parents.street_offices.get(&(d, s)).cloned();
        let number = self.landline(d);
        Self::add_phone(&mut listing, number, None);
        listing.listed = !self.chance(0.02);
        listing.weight = self.weight(1.5, 0.7);
        self.queue.push_back(listing);
    }
}
