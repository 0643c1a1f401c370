//! The word tables the generator builds names and addresses from: Guangzhou's
//! real districts with their real 街道/镇, roads, places and shopping centres,
//! the telephone exchange prefixes each district draws from, banks, chains,
//! company-name parts (auspicious trade-name characters grouped by reading, so
//! that homophone look-alikes such as 华宏/华鸿 occur), departments and people's
//! names. Only data lives here; the choices are made in the sibling modules.

/// One of Guangzhou's eleven districts and the real names found in it.
pub struct District {
    /// Full name, e.g. `天河区`.
    pub name: &'static str,
    /// The name without `区`, e.g. `天河`, as used in `天河支行`.
    pub stem: &'static str,
    /// English name.
    pub en: &'static str,
    /// Relative share of the city's businesses (listings are drawn by it).
    pub share: u32,
    /// The district's 街道 and 镇.
    pub streets: &'static [&'static str],
    /// Roads (路, 大道, 街) running through the district.
    pub roads: &'static [&'static str],
    /// Well-known places and neighbourhoods, used for branch and store names.
    pub places: &'static [&'static str],
    /// Shopping centres and office towers.
    pub buildings: &'static [&'static str],
    /// First three digits of the district's 8-digit local numbers.
    pub prefixes: &'static [u32],
}

/// Guangzhou's districts. Index order is stable (the generator stores indexes).
#[rustfmt::skip]
pub const DISTRICTS: &[District] = &[
    District {
        name: "越秀区",
        stem: "越秀",
        en: "Yuexiu District",
        share: 10,
        streets: &[
            "洪桥街", "北京街", "六榕街", "流花街", "光塔街", "人民街", "东山街",
            "农林街", "梅花村街", "黄花岗街", "华乐街", "建设街", "大塘街", "珠光街",
            "大东街", "白云街", "登峰街", "矿泉街",
        ],
        roads: &[
            "中山三路", "中山四路", "中山五路", "中山六路", "东风东路", "东风中路",
            "东风西路", "解放北路", "解放中路", "解放南路", "北京路", "环市东路",
            "越秀北路", "越秀南路", "人民北路", "人民中路", "人民南路", "较场西路",
            "农林下路", "寺右新马路", "惠福东路", "一德路", "起义路", "流花路",
            "西湖路", "先烈中路", "东湖路", "建设六马路", "沿江中路", "仓边路",
            "盘福路", "德政北路", "广卫路", "小北路",
        ],
        places: &[
            "北京路", "公园前", "东山口", "海珠广场", "农林下", "淘金", "区庄", "杨箕",
            "小北", "西门口", "越秀公园", "火车站", "流花", "五羊新城", "建设马路",
            "一德路",
        ],
        buildings: &[
            "中华广场", "广百百货", "友谊商店", "动漫星城", "流花展贸中心",
            "好世界广场", "世贸大厦",
        ],
        prefixes: &[833, 837, 838, 835, 831, 873, 876, 222, 281, 393, 832],
    },
    District {
        name: "海珠区",
        stem: "海珠",
        en: "Haizhu District",
        share: 12,
        streets: &[
            "赤岗街", "新港街", "昌岗街", "江南中街", "滨江街", "素社街", "海幢街",
            "南华西街", "龙凤街", "沙园街", "南石头街", "凤阳街", "瑞宝街", "江海街",
            "琶洲街", "南洲街", "华洲街", "官洲街",
        ],
        roads: &[
            "江南大道中", "江南大道北", "江南大道南", "工业大道中", "工业大道北",
            "新港中路", "新港西路", "新港东路", "昌岗中路", "宝岗大道", "南华西路",
            "滨江东路", "滨江西路", "革新路", "东晓路", "广州大道南", "石榴岗路",
            "琶洲大道", "阅江中路", "前进路", "同福中路", "晓港西路", "南洲路",
            "赤岗路",
        ],
        places: &[
            "江南西", "市二宫", "昌岗", "客村", "琶洲", "赤岗", "晓港", "宝岗", "沥滘",
            "东晓南", "中大", "万胜围", "工业大道", "南洲", "滨江东",
        ],
        buildings: &[
            "万国广场", "海珠广场", "广州国际采购中心", "丽影广场", "合生广场",
            "保利世贸博览馆",
        ],
        prefixes: &[844, 843, 841, 840, 893, 341, 342, 892, 843, 896],
    },
    District {
        name: "荔湾区",
        stem: "荔湾",
        en: "Liwan District",
        share: 8,
        streets: &[
            "沙面街", "岭南街", "华林街", "多宝街", "昌华街", "逢源街", "龙津街",
            "金花街", "彩虹街", "南源街", "西村街", "站前街", "桥中街", "白鹤洞街",
            "冲口街", "花地街", "石围塘街", "茶滘街", "东漖街", "海龙街", "东沙街",
            "中南街",
        ],
        roads: &[
            "中山七路", "中山八路", "康王中路", "康王南路", "上下九路", "第十甫路",
            "龙津西路", "黄沙大道", "芳村大道中", "花地大道", "东漖北路", "恩宁路",
            "多宝路", "宝华路", "西华路", "环市西路", "龙溪大道", "南岸路",
            "光复北路", "长寿路",
        ],
        places: &[
            "上下九", "陈家祠", "西关", "芳村", "黄沙", "荔湾湖", "长寿路", "坑口",
            "花地湾", "西场", "彩虹桥", "中山八", "沙面", "鹤洞",
        ],
        buildings: &["荔湾广场", "富力广场", "悦汇城", "芳村花园", "兴业广场"],
        prefixes: &[818, 815, 812, 814, 817, 819, 813, 223, 387],
    },
    District {
        name: "天河区",
        stem: "天河",
        en: "Tianhe District",
        share: 18,
        streets: &[
            "五山街", "员村街", "车陂街", "沙河街", "石牌街", "沙东街", "天河南街",
            "林和街", "兴华街", "棠下街", "天园街", "猎德街", "冼村街", "元岗街",
            "黄村街", "龙洞街", "长兴街", "凤凰街", "前进街", "珠吉街", "新塘街",
        ],
        roads: &[
            "天河路", "天河北路", "体育东路", "体育西路", "中山大道西", "中山大道中",
            "黄埔大道西", "黄埔大道中", "花城大道", "珠江东路", "珠江西路", "华夏路",
            "冼村路", "林和西路", "林和中路", "广州大道北", "天河东路", "五山路",
            "石牌东路", "石牌西路", "员村二横路", "天府路", "瘦狗岭路", "龙口西路",
            "天寿路", "燕岭路", "科韵路", "车陂路", "华观路", "龙洞北路", "兴民路",
            "金穗路", "体育东横街", "岗顶路",
        ],
        places: &[
            "珠江新城", "石牌", "岗顶", "员村", "五山", "棠下", "天河城", "体育中心",
            "天河北", "猎德", "华景新城", "车陂", "东圃", "龙洞", "天河客运站",
            "体育东", "石牌桥", "骏景", "天园", "沙河", "燕塘", "师大暨大",
        ],
        buildings: &[
            "中信广场", "天河城", "正佳广场", "太古汇", "万菱汇", "天环广场",
            "高德置地广场", "花城汇", "广州国际金融中心", "天河又一城",
            "维多利广场", "时代广场", "羊城国际商贸中心", "保利中心",
        ],
        prefixes: &[875, 870, 385, 388, 220, 228, 289, 290, 852, 856, 383, 877],
    },
    District {
        name: "白云区",
        stem: "白云",
        en: "Baiyun District",
        share: 16,
        streets: &[
            "三元里街", "松洲街", "景泰街", "同德街", "黄石街", "棠景街", "新市街",
            "同和街", "京溪街", "永平街", "嘉禾街", "均禾街", "石井街", "金沙街",
            "云城街", "鹤龙街", "白云湖街", "石门街", "龙归街", "大源街", "人和镇",
            "太和镇", "钟落潭镇", "江高镇",
        ],
        roads: &[
            "白云大道北", "白云大道南", "广园中路", "机场路", "三元里大道", "同和路",
            "京溪路", "沙太路", "增槎路", "广州大道北", "云城东路", "云城西路",
            "黄石东路", "石井大道", "嘉禾望岗路", "齐富路", "广花一路", "同泰路",
            "金沙洲路", "鹤龙一路",
        ],
        places: &[
            "三元里", "同和", "京溪", "嘉禾", "新市", "白云新城", "机场路", "金沙洲",
            "梓元岗", "黄石", "石井", "太和", "人和", "江高", "永泰", "龙归", "同德围",
        ],
        buildings: &[
            "白云万达广场", "凯德广场云尚", "百信广场", "白云绿地中心",
            "五号停机坪",
        ],
        prefixes: &[863, 866, 867, 360, 361, 362, 365, 264, 870, 863, 869],
    },
    District {
        name: "黄埔区",
        stem: "黄埔",
        en: "Huangpu District",
        share: 8,
        streets: &[
            "黄埔街", "红山街", "鱼珠街", "大沙街", "文冲街", "穗东街", "南岗街",
            "长洲街", "夏港街", "萝岗街", "联和街", "永和街", "东区街", "云埔街",
            "长岭街", "九佛街", "龙湖街", "新龙镇",
        ],
        roads: &[
            "黄埔东路", "开创大道", "科学大道", "香雪大道", "大沙地东", "丰乐北路",
            "港湾路", "萝岗大道", "开发大道", "茅岗路", "护林路", "科丰路", "伴河路",
            "石化路",
        ],
        places: &[
            "大沙地", "鱼珠", "萝岗", "科学城", "香雪", "文冲", "长洲岛", "夏园", "南岗",
            "知识城", "开发区",
        ],
        buildings: &["万达广场(萝岗)", "合景摩方", "凯德乐峰广场", "黄埔万达广场"],
        prefixes: &[822, 820, 821, 823, 825, 320, 322, 329, 622],
    },
    District {
        name: "番禺区",
        stem: "番禺",
        en: "Panyu District",
        share: 14,
        streets: &[
            "市桥街", "沙头街", "东环街", "桥南街", "小谷围街", "大石街", "洛浦街",
            "石壁街", "钟村街", "大龙街", "南村镇", "新造镇", "化龙镇", "石楼镇",
            "沙湾街", "石碁镇",
        ],
        roads: &[
            "桥南路", "清河东路", "西丽南路", "迎宾路", "番禺大道北", "兴南大道",
            "汉溪大道东", "外环东路", "外环西路", "亚运大道", "福德路", "东环路",
            "德兴路", "光明北路", "市桥大北路", "南大路", "105国道大石段", "钟汉路",
        ],
        places: &[
            "市桥", "大石", "大学城", "钟村", "番禺广场", "祈福新邨", "洛溪", "南村",
            "万博", "汉溪长隆", "沙湾", "石楼", "丽江花园", "华南新城", "星河湾",
        ],
        buildings: &[
            "番禺万达广场", "天河城(番禺)", "易发商业街", "万博中心",
            "番禺奥园广场",
        ],
        prefixes: &[848, 845, 846, 847, 348, 345, 346, 398, 399, 311],
    },
    District {
        name: "花都区",
        stem: "花都",
        en: "Huadu District",
        share: 6,
        streets: &[
            "新华街", "新雅街", "秀全街", "花城街", "花东镇", "花山镇", "炭步镇",
            "赤坭镇", "狮岭镇", "梯面镇",
        ],
        roads: &[
            "迎宾大道", "公益大道", "建设北路", "秀全大道", "花城路", "茶园路",
            "凤凰北路", "新华路", "宝华路", "商业大道", "龙珠路", "云山大道",
        ],
        places: &[
            "新华", "狮岭", "花都广场", "花山", "炭步", "花东", "芙蓉", "融创文旅城",
            "雅瑶",
        ],
        buildings: &["花都广百", "花都融创茂", "花都万达广场", "马溪商业中心"],
        prefixes: &[868, 869, 861, 369, 368, 366, 367],
    },
    District {
        name: "南沙区",
        stem: "南沙",
        en: "Nansha District",
        share: 2,
        streets: &[
            "南沙街", "珠江街", "龙穴街", "万顷沙镇", "横沥镇", "黄阁镇", "东涌镇",
            "大岗镇", "榄核镇",
        ],
        roads: &[
            "进港大道", "环市大道中", "黄阁大道", "凤凰大道", "海滨路", "双山大道",
            "港前大道", "金隆路",
        ],
        places: &[
            "蕉门", "金洲", "黄阁", "东涌", "南沙湾", "大岗", "榄核", "明珠湾",
        ],
        buildings: &["南沙万达广场", "南沙大酒店", "南沙金洲广场"],
        prefixes: &[849, 394, 395, 396],
    },
    District {
        name: "从化区",
        stem: "从化",
        en: "Conghua District",
        share: 2,
        streets: &[
            "街口街", "城郊街", "江埔街", "温泉镇", "良口镇", "吕田镇", "太平镇",
            "鳌头镇",
        ],
        roads: &[
            "河滨北路", "新城东路", "青云路", "从城大道", "中田路", "府前路",
            "旺城大道",
        ],
        places: &["街口", "温泉", "太平", "鳌头", "良口", "从化广场"],
        buildings: &["从化百货", "从化万达广场"],
        prefixes: &[879, 878, 874, 619],
    },
    District {
        name: "增城区",
        stem: "增城",
        en: "Zengcheng District",
        share: 5,
        streets: &[
            "荔城街", "增江街", "朱村街", "永宁街", "荔湖街", "宁西街", "新塘镇",
            "石滩镇", "中新镇", "派潭镇", "小楼镇", "正果镇", "仙村镇",
        ],
        roads: &[
            "府佑路", "增城大道", "荔城大道", "挂绿路", "新塘大道", "东坑三横路",
            "广深大道", "港口大道", "荔景大道", "夏埔路",
        ],
        places: &[
            "荔城", "新塘", "永和", "石滩", "中新", "派潭", "挂绿广场", "凤凰城",
            "增城广场",
        ],
        buildings: &["增城万达广场", "新塘汇美广场", "东汇城"],
        prefixes: &[826, 827, 828, 829, 324, 325, 326],
    },
];

/// Street stems that are also names of other things (a city, a district, a
/// mountain), where the real names keep the `街` (`北京街派出所`, not
/// `北京派出所`).
#[rustfmt::skip]
pub const KEEP_JIE: &[&str] = &[
    "北京", "人民", "白云", "黄埔", "南沙", "珠江", "新华", "东山", "大东", "建设",
    "华乐", "新港", "东区",
];

/// Returns the stem of a street name: `石牌街` → `石牌`, `人和镇` → `人和`,
/// but `北京街` → `北京街` (see [`KEEP_JIE`]).
pub fn street_stem(street: &str) -> &str {
    let stem = street
        .strip_suffix('街')
        .or_else(|| street.strip_suffix('镇'))
        .unwrap_or(street);
    if street.ends_with('街') && KEEP_JIE.contains(&stem) {
        street
    } else {
        stem
    }
}

/// A bank with branches all over the city.
pub struct Bank {
    /// The bank's name, e.g. `中国工商银行`.
    pub name: &'static str,
    /// What people call it, e.g. `工行`.
    pub short: Option<&'static str>,
    /// English name of the bank.
    pub en: &'static str,
    /// Name of the city listing, e.g. `中国工商银行广州分行`.
    pub city_name: &'static str,
    /// Written between the bank and the branch: `广州` for national banks.
    pub infix: &'static str,
    /// How many branches the bank has in the city.
    pub branches: u32,
    /// Popularity of the city listing.
    pub weight: f64,
}

/// The banks of the city, the biggest first.
#[rustfmt::skip]
pub const BANKS: &[Bank] = &[
    Bank { name: "中国工商银行", short: Some("工行"), en: "Industrial and Commercial Bank of China, Guangzhou Branch", city_name: "中国工商银行广州分行", infix: "广州", branches: 260, weight: 900.0 },
    Bank { name: "中国建设银行", short: Some("建行"), en: "China Construction Bank, Guangzhou Branch", city_name: "中国建设银行广州分行", infix: "广州", branches: 240, weight: 800.0 },
    Bank { name: "中国农业银行", short: Some("农行"), en: "Agricultural Bank of China, Guangzhou Branch", city_name: "中国农业银行广州分行", infix: "广州", branches: 200, weight: 600.0 },
    Bank { name: "中国银行", short: Some("中行"), en: "Bank of China, Guangzhou Branch", city_name: "中国银行广州分行", infix: "广州", branches: 200, weight: 700.0 },
    Bank { name: "交通银行", short: Some("交行"), en: "Bank of Communications, Guangzhou Branch", city_name: "交通银行广州分行", infix: "广州", branches: 90, weight: 300.0 },
    Bank { name: "招商银行", short: Some("招行"), en: "China Merchants Bank, Guangzhou Branch", city_name: "招商银行广州分行", infix: "广州", branches: 90, weight: 400.0 },
    Bank { name: "中国邮政储蓄银行", short: Some("邮储银行"), en: "Postal Savings Bank of China, Guangzhou Branch", city_name: "中国邮政储蓄银行广州分行", infix: "广州", branches: 150, weight: 200.0 },
    Bank { name: "广州农商银行", short: Some("广州农商行"), en: "Guangzhou Rural Commercial Bank", city_name: "广州农村商业银行股份有限公司", infix: "", branches: 220, weight: 400.0 },
    Bank { name: "广发银行", short: Some("广发"), en: "China Guangfa Bank, Guangzhou Branch", city_name: "广发银行广州分行", infix: "广州", branches: 80, weight: 300.0 },
    Bank { name: "广州银行", short: None, en: "Bank of Guangzhou", city_name: "广州银行股份有限公司", infix: "", branches: 90, weight: 250.0 },
    Bank { name: "上海浦东发展银行", short: Some("浦发银行"), en: "Shanghai Pudong Development Bank, Guangzhou Branch", city_name: "上海浦东发展银行广州分行", infix: "广州", branches: 40, weight: 120.0 },
    Bank { name: "中信银行", short: None, en: "China CITIC Bank, Guangzhou Branch", city_name: "中信银行广州分行", infix: "广州", branches: 40, weight: 120.0 },
    Bank { name: "兴业银行", short: None, en: "Industrial Bank, Guangzhou Branch", city_name: "兴业银行广州分行", infix: "广州", branches: 40, weight: 120.0 },
    Bank { name: "中国民生银行", short: Some("民生银行"), en: "China Minsheng Bank, Guangzhou Branch", city_name: "中国民生银行广州分行", infix: "广州", branches: 35, weight: 100.0 },
    Bank { name: "平安银行", short: None, en: "Ping An Bank, Guangzhou Branch", city_name: "平安银行广州分行", infix: "广州", branches: 45, weight: 120.0 },
    Bank { name: "中国光大银行", short: Some("光大银行"), en: "China Everbright Bank, Guangzhou Branch", city_name: "中国光大银行广州分行", infix: "广州", branches: 35, weight: 100.0 },
];

/// A chain of restaurants, hotels or shops whose stores are named
/// `brand(place店)`.
pub struct Chain {
    /// Brand, also the name of the chain's main listing, e.g. `点都德`.
    pub brand: &'static str,
    /// Category of every listing of the chain.
    pub category: &'static str,
    /// English name, if the brand has one.
    pub en: Option<&'static str>,
    /// How many stores the chain has in the city (at most; store names must
    /// not repeat).
    pub stores: u32,
    /// Hotels write `7天酒店(广州体育中心店)`: the city comes first.
    pub city_in_store: bool,
    /// Aliases of the main listing.
    pub aliases: &'static [&'static str],
}

/// Chains with many stores in the city.
#[rustfmt::skip]
pub const CHAINS: &[Chain] = &[
    Chain { brand: "广州酒家", category: "餐饮", en: Some("Guangzhou Restaurant"), stores: 20, city_in_store: false, aliases: &["广州酒家集团"] },
    Chain { brand: "陶陶居", category: "餐饮", en: Some("Tao Tao Ju"), stores: 25, city_in_store: false, aliases: &[] },
    Chain { brand: "点都德", category: "餐饮", en: Some("Dian Dou De"), stores: 60, city_in_store: false, aliases: &[] },
    Chain { brand: "炳胜品味", category: "餐饮", en: None, stores: 15, city_in_store: false, aliases: &["炳胜"] },
    Chain { brand: "真功夫", category: "餐饮", en: Some("Real Kungfu"), stores: 60, city_in_store: false, aliases: &[] },
    Chain { brand: "都城快餐", category: "餐饮", en: None, stores: 300, city_in_store: false, aliases: &["都城"] },
    Chain { brand: "麦当劳", category: "餐饮", en: Some("McDonald's"), stores: 400, city_in_store: false, aliases: &["McDonald's"] },
    Chain { brand: "肯德基", category: "餐饮", en: Some("KFC"), stores: 450, city_in_store: false, aliases: &["KFC"] },
    Chain { brand: "必胜客", category: "餐饮", en: Some("Pizza Hut"), stores: 80, city_in_store: false, aliases: &[] },
    Chain { brand: "星巴克", category: "餐饮", en: Some("Starbucks"), stores: 300, city_in_store: false, aliases: &["Starbucks"] },
    Chain { brand: "喜茶", category: "餐饮", en: Some("HEYTEA"), stores: 80, city_in_store: false, aliases: &[] },
    Chain { brand: "7天酒店", category: "酒店", en: Some("7 Days Inn"), stores: 150, city_in_store: true, aliases: &["7天连锁酒店"] },
    Chain { brand: "如家酒店", category: "酒店", en: Some("Home Inn"), stores: 80, city_in_store: true, aliases: &["如家"] },
    Chain { brand: "汉庭酒店", category: "酒店", en: Some("Hanting Hotel"), stores: 150, city_in_store: true, aliases: &["汉庭"] },
    Chain { brand: "锦江之星", category: "酒店", en: Some("Jinjiang Inn"), stores: 40, city_in_store: true, aliases: &[] },
    Chain { brand: "维也纳酒店", category: "酒店", en: Some("Vienna Hotel"), stores: 200, city_in_store: true, aliases: &["维也纳"] },
    Chain { brand: "全季酒店", category: "酒店", en: Some("Ji Hotel"), stores: 80, city_in_store: true, aliases: &["全季"] },
    Chain { brand: "大参林", category: "商店", en: None, stores: 900, city_in_store: false, aliases: &["大参林药店"] },
    Chain { brand: "海王星辰", category: "商店", en: None, stores: 300, city_in_store: false, aliases: &["海王星辰药店"] },
    Chain { brand: "采芝林", category: "商店", en: None, stores: 60, city_in_store: false, aliases: &["采芝林药店"] },
    Chain { brand: "华润万家", category: "商店", en: Some("China Resources Vanguard"), stores: 150, city_in_store: false, aliases: &["万家"] },
    Chain { brand: "百佳超市", category: "商店", en: Some("PARKnSHOP"), stores: 40, city_in_store: false, aliases: &["百佳"] },
    Chain { brand: "永旺", category: "商店", en: Some("AEON"), stores: 12, city_in_store: false, aliases: &["吉之岛"] },
    Chain { brand: "美宜佳", category: "商店", en: None, stores: 600, city_in_store: false, aliases: &[] },
    Chain { brand: "钱大妈", category: "商店", en: None, stores: 600, city_in_store: false, aliases: &[] },
    Chain { brand: "周大福", category: "商店", en: Some("Chow Tai Fook"), stores: 100, city_in_store: false, aliases: &[] },
    Chain { brand: "中国移动营业厅", category: "公用事业", en: Some("China Mobile"), stores: 300, city_in_store: false, aliases: &["中国移动", "移动营业厅"] },
    Chain { brand: "中国电信营业厅", category: "公用事业", en: Some("China Telecom"), stores: 200, city_in_store: false, aliases: &["中国电信", "电信营业厅"] },
    Chain { brand: "中国联通营业厅", category: "公用事业", en: Some("China Unicom"), stores: 150, city_in_store: false, aliases: &["中国联通", "联通营业厅"] },
    Chain { brand: "顺丰速运", category: "邮政", en: Some("SF Express"), stores: 400, city_in_store: false, aliases: &["顺丰"] },
];

/// Auspicious trade-name characters grouped by reading (tones ignored), so
/// that picking a sibling from the same group makes a homophone look-alike.
#[rustfmt::skip]
pub const TRADE_CHARS: &[&[&str]] = &[
    &["华", "骅", "桦"],
    &["宏", "鸿", "弘", "泓", "虹"],
    &["信", "鑫", "欣", "新", "馨", "心"],
    &["达", "大"],
    &["盛", "胜", "晟", "圣"],
    &["泰", "太"],
    &["恒", "衡", "亨"],
    &["源", "元", "远", "原"],
    &["嘉", "佳", "家"],
    &["利", "力", "立", "丽"],
    &["荣", "融", "蓉"],
    &["祥", "翔"],
    &["丰", "峰", "锋", "枫"],
    &["瑞", "锐"],
    &["辉", "晖", "汇", "慧", "惠"],
    &["金", "锦"],
    &["安"],
    &["通", "同"],
    &["凯", "楷"],
    &["致", "志", "智"],
    &["诚", "成", "城", "承"],
    &["德", "得"],
    &["裕", "宇", "誉", "煜", "昱"],
    &["顺"],
    &["美"],
    &["兴", "星"],
    &["腾"],
    &["创"],
    &["科"],
    &["凌", "灵", "领"],
    &["永"],
    &["龙", "隆"],
    &["天", "添"],
    &["海"],
    &["粤", "越", "悦", "跃"],
    &["穗"],
    &["南"],
    &["方", "芳"],
    &["明", "铭", "鸣"],
    &["正", "政"],
    &["思", "斯"],
    &["云", "韵"],
    &["泽"],
    &["宝", "保"],
    &["富", "福"],
    &["中", "众"],
    &["联"],
    &["广"],
    &["万"],
    &["东"],
    &["卓"],
    &["奥"],
    &["昌", "长"],
    &["益", "亿", "逸"],
    &["合", "和"],
];

/// Words used whole as trade names or their first half (`粤信`, `穗丰`).
#[rustfmt::skip]
pub const TRADE_WORDS: &[&str] = &[
    "华南", "珠江", "白云", "羊城", "五羊", "南方", "岭南", "越秀", "花城", "穗港",
    "粤港", "珠三角", "华夏", "中南", "南粤", "新世纪", "东方", "金穗", "天河", "番禺",
    "大湾区", "红棉", "木棉",
];

/// Industry words of company names, the commonest first. The neighbours
/// `科技`/`电子科技`/`信息科技` are all here on purpose.
#[rustfmt::skip]
pub const INDUSTRIES: &[&str] = &[
    "科技", "贸易", "商贸", "电子科技", "信息科技", "网络科技", "实业", "投资",
    "建设工程", "建筑工程", "装饰工程", "物流", "供应链管理", "餐饮管理",
    "酒店管理", "房地产开发", "医疗器械", "生物科技", "化工", "服装", "皮具",
    "五金制品", "塑料制品", "印刷", "广告", "文化传播", "教育科技", "人力资源",
    "企业管理咨询", "汽车服务", "电器", "机电设备", "家具", "食品", "纺织", "进出口",
    "环保科技", "新能源科技", "软件", "电子商务", "国际货运代理", "财务咨询",
    "健康管理", "化妆品", "珠宝", "灯饰", "音响设备", "包装材料", "模具", "机械设备",
    "装修设计", "搬家服务", "清洁服务", "保安服务", "家政服务", "旅行社",
    "会展服务", "翻译服务",
];

/// Word sometimes inserted between industry and legal form (`科技发展`).
pub const INDUSTRY_TAIL: &str = "发展";

/// Products of small factories (`广州市白云区华宏皮具厂`).
#[rustfmt::skip]
pub const FACTORY_GOODS: &[&str] = &[
    "皮具", "五金", "服装", "塑料", "印刷", "家具", "鞋业", "纸品", "玩具", "包装",
    "电子", "灯饰", "制衣", "针织", "食品", "铝材",
];

/// Kinds of individual businesses with a phone shop counter (`陈记水果店`).
#[rustfmt::skip]
pub const SHOP_KINDS: &[&str] = &[
    "水果店", "便利店", "五金店", "手机维修", "理发店", "美容院", "干洗店", "花店",
    "文具店", "眼镜店", "烟酒商行", "粮油店", "茶叶店", "药店", "母婴店", "宠物店",
    "电动车行", "汽车维修店", "开锁店", "家电维修部", "打印店", "洗车场", "服装店",
    "鞋店", "布艺店", "建材店", "灯饰店", "调味品商行", "冻品批发部", "海味干货店",
];

/// Kinds of independent restaurants (`陈记肠粉店`, `华盛海鲜酒家`).
#[rustfmt::skip]
pub const FOOD_KINDS: &[&str] = &[
    "肠粉店", "粥粉面", "烧腊店", "茶餐厅", "海鲜酒家", "大排档", "云吞面", "牛杂店",
    "甜品店", "砂锅粥", "煲仔饭", "潮汕牛肉火锅", "湘菜馆", "川菜馆", "东北饺子馆",
    "兰州拉面", "沙县小吃", "酒家", "茶楼", "烧烤店", "猪脚饭", "奶茶店", "客家菜馆",
    "顺德菜馆", "椰子鸡",
];

/// Common Chinese surnames, the commonest in Guangdong first.
#[rustfmt::skip]
pub const SURNAMES: &[&str] = &[
    "陈", "李", "黄", "张", "梁", "林", "刘", "吴", "罗", "何", "郑", "杨", "谭", "周", "王",
    "冯", "邓", "麦", "叶", "苏", "卢", "朱", "蔡", "许", "徐", "郭", "曾", "潘", "关", "钟",
    "赖", "方", "邱", "温", "余", "江", "莫", "彭", "区", "谢",
];

/// Characters of people's given names.
#[rustfmt::skip]
pub const GIVEN_CHARS: &[&str] = &[
    "伟", "强", "军", "华", "明", "志", "国", "建", "文", "辉", "敏", "静", "丽", "燕", "芳",
    "婷", "杰", "勇", "俊", "浩", "嘉", "锦", "健", "荣", "东", "海", "平", "玲", "红", "霞",
    "晓", "永", "宇", "欣", "思", "卫", "德", "炳", "坚", "耀",
];

/// Second characters of estate names (`华景新城`, `丽江花园`).
#[rustfmt::skip]
pub const ESTATE_SUFFIXES: &[&str] = &[
    "花园", "新城", "豪庭", "雅苑", "山庄", "名苑", "公馆", "广场", "小区", "新村",
    "雅居", "华庭", "花园二期", "嘉园", "御景", "湾",
];

/// Building words for addresses (`华盛大厦`).
pub const BUILDING_WORDS: &[&str] = &[
    "大厦",
    "广场",
    "商务中心",
    "中心",
    "大楼",
    "创意园",
    "产业园",
];

/// Departments of a big general hospital, the most asked for first.
#[rustfmt::skip]
pub const HOSPITAL_DEPTS: &[&str] = &[
    "挂号处", "急诊科", "住院部", "门诊部", "儿科", "妇产科", "口腔科", "眼科",
    "耳鼻喉科", "皮肤科", "骨科", "心血管内科", "消化内科", "呼吸内科", "神经内科",
    "内分泌科", "肿瘤科", "体检中心", "药房", "检验科", "放射科", "康复科", "中医科",
    "医务科", "投诉办公室", "总值班室", "发热门诊", "预防接种门诊", "院长办公室",
];

/// Departments of a hospital of Chinese medicine.
#[rustfmt::skip]
pub const TCM_DEPTS: &[&str] = &[
    "挂号处", "急诊科", "住院部", "针灸科", "推拿科", "骨伤科", "中药房",
    "治未病中心", "妇科", "儿科", "体检中心", "康复科", "院长办公室",
];

/// Departments of a maternal and child health hospital.
#[rustfmt::skip]
pub const WOMEN_CHILDREN_DEPTS: &[&str] = &[
    "挂号处", "产科", "妇科", "儿科", "新生儿科", "儿童保健科", "孕妇学校",
    "预防接种门诊", "体检中心", "急诊科", "院长办公室",
];

/// Departments of a university: offices first, then colleges.
#[rustfmt::skip]
pub const UNIVERSITY_DEPTS: &[&str] = &[
    "招生办公室", "校长办公室", "保卫处", "教务处", "研究生院", "图书馆", "校医院",
    "学生处", "就业指导中心", "后勤处", "国际交流处", "继续教育学院",
    "计算机学院", "外国语学院", "经济学院", "法学院", "管理学院", "数学学院",
    "物理学院", "化学学院", "新闻与传播学院", "土木与交通学院", "医学院",
];

/// Departments of a big hotel.
pub const HOTEL_DEPTS: &[&str] = &[
    "前台",
    "订房部",
    "餐饮部",
    "中餐厅",
    "宴会销售部",
    "商务中心",
];

/// Departments of the airport.
#[rustfmt::skip]
pub const AIRPORT_DEPTS: &[&str] = &[
    "问询处", "T1航站楼问询", "T2航站楼问询", "失物招领", "机场医疗急救",
    "贵宾服务", "停车场", "机场快线",
];

/// Departments of a railway station.
pub const STATION_DEPTS: &[&str] = &["问询处", "客运值班室", "失物招领", "重点旅客服务"];

/// Departments of a secondary school.
pub const SCHOOL_DEPTS: &[&str] = &["办公室", "教务处", "招生办公室"];

/// Departments of a district public security bureau.
pub const POLICE_DEPTS: &[&str] = &["户政科", "出入境接待大厅", "治安管理大队"];
