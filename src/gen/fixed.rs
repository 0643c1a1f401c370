//! Real, named institutions: the famous ones every 114 operator is asked for
//! daily (they open the stream), the other real institutions of the city
//! (colleges, city hospitals, bus stations ...), and the templates of the
//! offices every district has (`广州市{区}人民政府`, `广州市公安局{区}分局` ...).
//! Names, short names, English names and addresses are real; the phone
//! numbers given to them are not.

use super::names::{
    AIRPORT_DEPTS, HOSPITAL_DEPTS, HOTEL_DEPTS, SCHOOL_DEPTS, STATION_DEPTS, TCM_DEPTS,
    UNIVERSITY_DEPTS, WOMEN_CHILDREN_DEPTS,
};

/// Where an institution is; a few famous ones are outside Guangzhou.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum City {
    /// 广东省广州市, area code 020.
    Guangzhou,
    /// 北京市, area code 010.
    Beijing,
    /// 上海市, area code 021.
    Shanghai,
}

impl City {
    /// Province, city and long-distance area code.
    pub fn parts(self) -> (&'static str, &'static str, &'static str) {
        match self {
            City::Guangzhou => ("广东省", "广州市", "020"),
            City::Beijing => ("北京市", "北京市", "010"),
            City::Shanghai => ("上海市", "上海市", "021"),
        }
    }
}

/// One real institution and what the directory knows about it.
pub struct FixedOrg {
    /// Official full name.
    pub name: &'static str,
    /// Short and former names.
    pub aliases: &'static [&'static str],
    /// English name.
    pub en: Option<&'static str>,
    /// Category from [`super::CATEGORIES`].
    pub category: &'static str,
    /// City the institution is in.
    pub city: City,
    /// District, e.g. `天河区`.
    pub district: &'static str,
    /// Address after the district, e.g. `中山二路58号`.
    pub address: &'static str,
    /// Labels of the main listing's numbers; the first is the main number.
    pub labels: &'static [&'static str],
    /// Department listings under the main one.
    pub depts: &'static [&'static str],
    /// How many of `depts` (from the front) to list.
    pub dept_count: usize,
    /// Popularity of the main listing.
    pub weight: f64,
}

const BASE: FixedOrg = FixedOrg {
    name: "",
    aliases: &[],
    en: None,
    category: "政府机关",
    city: City::Guangzhou,
    district: "越秀区",
    address: "",
    labels: &["总机"],
    depts: &[],
    dept_count: 0,
    weight: 100.0,
};

const HOSPITAL: FixedOrg = FixedOrg {
    category: "医院",
    labels: &["总机", "传真"],
    depts: HOSPITAL_DEPTS,
    dept_count: 18,
    weight: 3000.0,
    ..BASE
};

const UNIVERSITY: FixedOrg = FixedOrg {
    category: "学校",
    labels: &["总机", "传真"],
    depts: UNIVERSITY_DEPTS,
    dept_count: 14,
    weight: 1500.0,
    ..BASE
};

const HOTEL: FixedOrg = FixedOrg {
    category: "酒店",
    labels: &["总机", "传真"],
    depts: HOTEL_DEPTS,
    dept_count: 4,
    weight: 400.0,
    ..BASE
};

const STATION: FixedOrg = FixedOrg {
    category: "交通",
    labels: &["问询", "值班室"],
    depts: STATION_DEPTS,
    dept_count: 4,
    weight: 4000.0,
    ..BASE
};

/// The institutions that open the stream, in this order.
#[rustfmt::skip]
pub const FAMOUS: &[FixedOrg] = &[
    FixedOrg { name: "中山大学", aliases: &["中大"], en: Some("Sun Yat-sen University"), district: "海珠区", address: "新港西路135号", weight: 3000.0, dept_count: 18, ..UNIVERSITY },
    FixedOrg { name: "中山大学附属第一医院", aliases: &["中山一院", "附一", "中山医附一院"], en: Some("The First Affiliated Hospital, Sun Yat-sen University"), address: "中山二路58号", weight: 9000.0, dept_count: 29, ..HOSPITAL },
    FixedOrg { name: "中山大学孙逸仙纪念医院", aliases: &["中山二院", "孙逸仙纪念医院", "博济医院"], en: Some("Sun Yat-sen Memorial Hospital, Sun Yat-sen University"), address: "沿江西路107号", weight: 6000.0, dept_count: 24, ..HOSPITAL },
    FixedOrg { name: "中山大学附属第三医院", aliases: &["中山三院", "附三"], en: Some("The Third Affiliated Hospital, Sun Yat-sen University"), district: "天河区", address: "天河路600号", weight: 6000.0, dept_count: 24, ..HOSPITAL },
    FixedOrg { name: "中山大学肿瘤防治中心", aliases: &["中山肿瘤医院", "肿瘤医院"], en: Some("Sun Yat-sen University Cancer Center"), address: "东风东路651号", weight: 3000.0, dept_count: 10, ..HOSPITAL },
    FixedOrg { name: "中山大学中山眼科中心", aliases: &["中山眼科", "眼科中心"], en: Some("Zhongshan Ophthalmic Center, Sun Yat-sen University"), address: "先烈南路54号", weight: 2500.0, dept_count: 6, ..HOSPITAL },
    FixedOrg { name: "广东省人民医院", aliases: &["省医", "省人民医院"], en: Some("Guangdong Provincial People's Hospital"), address: "中山二路106号", weight: 9000.0, dept_count: 29, ..HOSPITAL },
    FixedOrg { name: "广东省中医院", aliases: &["省中医", "省中医院"], en: Some("Guangdong Provincial Hospital of Chinese Medicine"), address: "大德路111号", weight: 6000.0, depts: TCM_DEPTS, dept_count: 13, ..HOSPITAL },
    FixedOrg { name: "广州医科大学附属第一医院", aliases: &["广医一院", "广医附一"], en: Some("The First Affiliated Hospital of Guangzhou Medical University"), address: "沿江西路151号", weight: 4000.0, dept_count: 20, ..HOSPITAL },
    FixedOrg { name: "南方医科大学南方医院", aliases: &["南方医院"], en: Some("Nanfang Hospital, Southern Medical University"), district: "白云区", address: "广州大道北1838号", weight: 6000.0, dept_count: 24, ..HOSPITAL },
    FixedOrg { name: "暨南大学附属第一医院", aliases: &["华侨医院", "暨大附一"], en: Some("The First Affiliated Hospital of Jinan University"), district: "天河区", address: "黄埔大道西613号", weight: 4000.0, dept_count: 20, ..HOSPITAL },
    FixedOrg { name: "广州市第一人民医院", aliases: &["市一医院", "市一"], en: Some("Guangzhou First People's Hospital"), address: "盘福路1号", weight: 5000.0, dept_count: 22, ..HOSPITAL },
    FixedOrg { name: "广州市妇女儿童医疗中心", aliases: &["妇儿中心", "市儿童医院"], en: Some("Guangzhou Women and Children's Medical Center"), district: "天河区", address: "金穗路9号", weight: 5000.0, depts: WOMEN_CHILDREN_DEPTS, dept_count: 11, ..HOSPITAL },
    FixedOrg { name: "广东省妇幼保健院", aliases: &["省妇幼"], en: Some("Guangdong Women and Children Hospital"), district: "番禺区", address: "兴南大道521号", weight: 3000.0, depts: WOMEN_CHILDREN_DEPTS, dept_count: 9, ..HOSPITAL },
    FixedOrg { name: "华南理工大学", aliases: &["华工", "华南理工"], en: Some("South China University of Technology"), district: "天河区", address: "五山路381号", weight: 2500.0, ..UNIVERSITY },
    FixedOrg { name: "暨南大学", aliases: &["暨大"], en: Some("Jinan University"), district: "天河区", address: "黄埔大道西601号", weight: 2500.0, ..UNIVERSITY },
    FixedOrg { name: "华南师范大学", aliases: &["华师", "华南师大"], en: Some("South China Normal University"), district: "天河区", address: "中山大道西55号", weight: 2000.0, ..UNIVERSITY },
    FixedOrg { name: "广州大学", aliases: &["广大"], en: Some("Guangzhou University"), district: "番禺区", address: "外环西路230号", weight: 1500.0, dept_count: 10, ..UNIVERSITY },
    FixedOrg { name: "广东外语外贸大学", aliases: &["广外"], en: Some("Guangdong University of Foreign Studies"), district: "白云区", address: "白云大道北2号", weight: 1500.0, dept_count: 10, ..UNIVERSITY },
    FixedOrg { name: "华南农业大学", aliases: &["华农"], en: Some("South China Agricultural University"), district: "天河区", address: "五山路483号", weight: 1200.0, dept_count: 8, ..UNIVERSITY },
    FixedOrg { name: "广东工业大学", aliases: &["广工"], en: Some("Guangdong University of Technology"), district: "番禺区", address: "外环西路100号", weight: 1200.0, dept_count: 8, ..UNIVERSITY },
    FixedOrg { name: "广州白云国际机场", aliases: &["白云机场", "新白云机场"], en: Some("Guangzhou Baiyun International Airport"), category: "交通", district: "白云区", address: "机场路282号", labels: &["问询", "值班室", "投诉"], depts: AIRPORT_DEPTS, dept_count: 8, weight: 10000.0, ..BASE },
    FixedOrg { name: "广州南站", aliases: &["广州南", "南站"], en: Some("Guangzhou South Railway Station"), district: "番禺区", address: "石壁街南站北路", ..STATION },
    FixedOrg { name: "广州火车站", aliases: &["广州站"], en: Some("Guangzhou Railway Station"), address: "环市西路159号", ..STATION },
    FixedOrg { name: "广州东站", aliases: &["东站"], en: Some("Guangzhou East Railway Station"), district: "天河区", address: "东站路1号", ..STATION },
    FixedOrg { name: "广州北站", aliases: &["花都站"], en: Some("Guangzhou North Railway Station"), district: "花都区", address: "站前路1号", weight: 1000.0, ..STATION },
    FixedOrg { name: "广州塔", aliases: &["小蛮腰", "广州新电视塔"], en: Some("Canton Tower"), category: "旅游景点", district: "海珠区", address: "阅江西路222号", labels: &["客服", "总机"], weight: 2000.0, ..BASE },
    FixedOrg { name: "广州市人民政府", aliases: &["广州市政府", "市政府"], en: Some("Guangzhou Municipal People's Government"), address: "府前路1号", labels: &["总机", "值班室", "传真"], weight: 3000.0, ..BASE },
    FixedOrg { name: "广州市公安局", aliases: &["市公安局"], en: Some("Guangzhou Municipal Public Security Bureau"), category: "公安", address: "解放南路155号", labels: &["总机", "值班室", "传真"], depts: &["户政处", "出入境管理支队", "交通警察支队", "车辆管理所", "治安管理支队"], dept_count: 5, weight: 3000.0, ..BASE },
    FixedOrg { name: "广州地铁集团有限公司", aliases: &["广州地铁", "地铁"], en: Some("Guangzhou Metro"), category: "交通", district: "海珠区", address: "新港东路1238号", labels: &["客服", "总机"], depts: &["乘客服务中心", "失物招领", "投诉受理"], dept_count: 3, weight: 4000.0, ..BASE },
    FixedOrg { name: "广州市公共交通集团有限公司", aliases: &["广州公交", "公交集团"], en: Some("Guangzhou Public Transport Group"), category: "交通", address: "东风中路363号", labels: &["客服", "总机"], depts: &["公交服务热线", "失物招领"], dept_count: 2, weight: 1500.0, ..BASE },
    FixedOrg { name: "广州市出租汽车电召服务中心", aliases: &["出租车调度", "叫出租车"], category: "交通", district: "天河区", address: "天河北路183号", labels: &["电召"], weight: 1500.0, ..BASE },
    FixedOrg { name: "广东省汽车客运站", aliases: &["省汽车站", "省站"], en: Some("Guangdong Provincial Bus Station"), category: "交通", address: "环市西路145号", labels: &["问询", "值班室"], weight: 1500.0, ..BASE },
    FixedOrg { name: "广州市汽车客运站", aliases: &["市汽车站", "市站"], en: Some("Guangzhou Bus Station"), category: "交通", address: "环市西路158号", labels: &["问询", "值班室"], weight: 1200.0, ..BASE },
    FixedOrg { name: "广州天河客运站", aliases: &["天河客运站"], category: "交通", district: "天河区", address: "燕岭路633号", labels: &["问询"], weight: 900.0, ..BASE },
    FixedOrg { name: "广州供电局", aliases: &["供电局", "南方电网广州供电局"], en: Some("Guangzhou Power Supply Bureau"), category: "公用事业", district: "天河区", address: "天河南二路2号", labels: &["客服", "总机"], depts: &["故障报修", "营业厅"], dept_count: 2, weight: 2000.0, ..BASE },
    FixedOrg { name: "广州市自来水有限公司", aliases: &["自来水公司", "广州自来水"], en: Some("Guangzhou Water Supply Co."), category: "公用事业", address: "中山一路1号", labels: &["客服", "总机"], depts: &["抢修热线", "营业厅"], dept_count: 2, weight: 1500.0, ..BASE },
    FixedOrg { name: "广州燃气集团有限公司", aliases: &["广州燃气", "煤气公司"], en: Some("Guangzhou Gas Group"), category: "公用事业", district: "天河区", address: "黄埔大道西200号", labels: &["客服", "总机"], depts: &["燃气抢修", "营业厅"], dept_count: 2, weight: 1200.0, ..BASE },
    FixedOrg { name: "中国邮政集团有限公司广州市分公司", aliases: &["广州邮政", "邮政局"], en: Some("China Post Guangzhou Branch"), category: "邮政", address: "中山四路260号", labels: &["客服", "总机"], weight: 800.0, ..BASE },
    FixedOrg { name: "广州图书馆", aliases: &["广图", "市图书馆"], en: Some("Guangzhou Library"), category: "文化场馆", district: "天河区", address: "珠江东路4号", labels: &["咨询", "总机"], weight: 800.0, ..BASE },
    FixedOrg { name: "广东省博物馆", aliases: &["省博"], en: Some("Guangdong Museum"), category: "文化场馆", district: "天河区", address: "珠江东路2号", labels: &["咨询", "总机"], weight: 600.0, ..BASE },
    FixedOrg { name: "中国进出口商品交易会", aliases: &["广交会"], en: Some("China Import and Export Fair (Canton Fair)"), category: "文化场馆", district: "海珠区", address: "阅江中路380号", labels: &["客服", "总机"], weight: 800.0, ..BASE },
    FixedOrg { name: "长隆旅游度假区", aliases: &["长隆", "长隆欢乐世界"], en: Some("Chimelong Tourist Resort"), category: "旅游景点", district: "番禺区", address: "汉溪大道东299号", labels: &["客服", "总机"], weight: 1500.0, ..BASE },
    FixedOrg { name: "白天鹅宾馆", aliases: &["白天鹅"], en: Some("White Swan Hotel"), district: "荔湾区", address: "沙面南街1号", weight: 800.0, ..HOTEL },
    FixedOrg { name: "广州花园酒店", aliases: &["花园酒店"], en: Some("The Garden Hotel Guangzhou"), address: "环市东路368号", weight: 700.0, ..HOTEL },
    FixedOrg { name: "中国大酒店", aliases: &["中国大"], en: Some("China Hotel, A Marriott Hotel"), address: "流花路122号", weight: 600.0, ..HOTEL },
    FixedOrg { name: "广州东方宾馆", aliases: &["东方宾馆"], en: Some("Dong Fang Hotel"), address: "流花路120号", weight: 500.0, ..HOTEL },
    FixedOrg { name: "广州四季酒店", aliases: &["四季酒店"], en: Some("Four Seasons Hotel Guangzhou"), district: "天河区", address: "珠江西路5号", weight: 400.0, ..HOTEL },
    FixedOrg { name: "广州富力丽思卡尔顿酒店", aliases: &["丽思卡尔顿"], en: Some("The Ritz-Carlton, Guangzhou"), district: "天河区", address: "兴安路3号", weight: 300.0, ..HOTEL },
    FixedOrg { name: "北京大学", aliases: &["北大"], en: Some("Peking University"), city: City::Beijing, district: "海淀区", address: "颐和园路5号", weight: 800.0, dept_count: 4, ..UNIVERSITY },
    FixedOrg { name: "清华大学", aliases: &["清华"], en: Some("Tsinghua University"), city: City::Beijing, district: "海淀区", address: "双清路30号", weight: 800.0, dept_count: 4, ..UNIVERSITY },
    FixedOrg { name: "北京师范大学", aliases: &["北师大", "北师"], en: Some("Beijing Normal University"), city: City::Beijing, district: "海淀区", address: "新街口外大街19号", weight: 500.0, dept_count: 3, ..UNIVERSITY },
    FixedOrg { name: "复旦大学", aliases: &["复旦"], en: Some("Fudan University"), city: City::Shanghai, district: "杨浦区", address: "邯郸路220号", weight: 400.0, dept_count: 3, ..UNIVERSITY },
    FixedOrg { name: "北京协和医院", aliases: &["协和医院", "协和"], en: Some("Peking Union Medical College Hospital"), city: City::Beijing, district: "东城区", address: "帅府园1号", weight: 800.0, dept_count: 3, ..HOSPITAL },
];

/// Other real institutions of the city, mixed into the early stream.
#[rustfmt::skip]
pub const REAL_ORGS: &[FixedOrg] = &[
    FixedOrg { name: "南方医科大学", aliases: &["南医大", "原第一军医大学"], en: Some("Southern Medical University"), district: "白云区", address: "沙太南路1023号", weight: 800.0, dept_count: 8, ..UNIVERSITY },
    FixedOrg { name: "广州医科大学", aliases: &["广医"], en: Some("Guangzhou Medical University"), district: "番禺区", address: "新造镇新造路1号", weight: 600.0, dept_count: 6, ..UNIVERSITY },
    FixedOrg { name: "广州中医药大学", aliases: &["广中医"], en: Some("Guangzhou University of Chinese Medicine"), district: "番禺区", address: "外环东路232号", weight: 600.0, dept_count: 6, ..UNIVERSITY },
    FixedOrg { name: "广东财经大学", aliases: &["广财", "广财大"], en: Some("Guangdong University of Finance and Economics"), district: "海珠区", address: "仑头路21号", weight: 400.0, dept_count: 6, ..UNIVERSITY },
    FixedOrg { name: "广州美术学院", aliases: &["广美"], en: Some("Guangzhou Academy of Fine Arts"), district: "海珠区", address: "昌岗东路257号", weight: 300.0, dept_count: 4, ..UNIVERSITY },
    FixedOrg { name: "星海音乐学院", aliases: &["星海"], en: Some("Xinghai Conservatory of Music"), district: "番禺区", address: "外环西路398号", weight: 200.0, dept_count: 4, ..UNIVERSITY },
    FixedOrg { name: "广东药科大学", aliases: &["广药"], en: Some("Guangdong Pharmaceutical University"), district: "番禺区", address: "外环东路280号", weight: 200.0, dept_count: 4, ..UNIVERSITY },
    FixedOrg { name: "广州体育学院", aliases: &["广体"], en: Some("Guangzhou Sport University"), district: "天河区", address: "广州大道北1268号", weight: 150.0, dept_count: 3, ..UNIVERSITY },
    FixedOrg { name: "仲恺农业工程学院", aliases: &["仲恺"], en: Some("Zhongkai University of Agriculture and Engineering"), district: "海珠区", address: "纺织路501号", weight: 150.0, dept_count: 3, ..UNIVERSITY },
    FixedOrg { name: "广东技术师范大学", aliases: &["广师大", "广东技师"], en: Some("Guangdong Polytechnic Normal University"), district: "天河区", address: "中山大道西293号", weight: 150.0, dept_count: 3, ..UNIVERSITY },
    FixedOrg { name: "广州番禺职业技术学院", aliases: &["番职院"], district: "番禺区", address: "市良路342号", weight: 100.0, dept_count: 3, ..UNIVERSITY },
    FixedOrg { name: "广东轻工职业技术学院", aliases: &["广轻工"], district: "海珠区", address: "新港西路152号", weight: 100.0, dept_count: 3, ..UNIVERSITY },
    FixedOrg { name: "华南师范大学附属中学", aliases: &["华附"], en: Some("The Affiliated High School of South China Normal University"), district: "天河区", address: "中山大道西1号", weight: 400.0, depts: SCHOOL_DEPTS, dept_count: 3, ..UNIVERSITY },
    FixedOrg { name: "广东实验中学", aliases: &["省实"], en: Some("Guangdong Experimental High School"), district: "荔湾区", address: "龙溪大道省实路1号", weight: 400.0, depts: SCHOOL_DEPTS, dept_count: 3, ..UNIVERSITY },
    FixedOrg { name: "广州市执信中学", aliases: &["执信"], en: Some("Guangzhou Zhixin High School"), address: "执信南路152号", weight: 300.0, depts: SCHOOL_DEPTS, dept_count: 3, ..UNIVERSITY },
    FixedOrg { name: "广东广雅中学", aliases: &["广雅"], en: Some("Guangdong Guangya High School"), district: "荔湾区", address: "广雅路1号", weight: 300.0, depts: SCHOOL_DEPTS, dept_count: 3, ..UNIVERSITY },
    FixedOrg { name: "广州市第八人民医院", aliases: &["市八医院", "八院"], en: Some("Guangzhou Eighth People's Hospital"), address: "东风东路627号", weight: 1200.0, dept_count: 10, ..HOSPITAL },
    FixedOrg { name: "广州市红十字会医院", aliases: &["红会医院"], en: Some("Guangzhou Red Cross Hospital"), district: "海珠区", address: "同福中路396号", weight: 1200.0, dept_count: 12, ..HOSPITAL },
    FixedOrg { name: "广州市中西医结合医院", aliases: &["中西医结合医院"], district: "花都区", address: "迎宾大道87号", weight: 600.0, dept_count: 10, ..HOSPITAL },
    FixedOrg { name: "广州医科大学附属脑科医院", aliases: &["广州市惠爱医院", "芳村精神病院", "脑科医院"], en: Some("The Affiliated Brain Hospital of Guangzhou Medical University"), district: "荔湾区", address: "明心路36号", weight: 800.0, dept_count: 6, ..HOSPITAL },
    FixedOrg { name: "中山大学附属第六医院", aliases: &["中山六院"], en: Some("The Sixth Affiliated Hospital, Sun Yat-sen University"), district: "天河区", address: "员村二横路26号", weight: 2000.0, dept_count: 16, ..HOSPITAL },
    FixedOrg { name: "广州医科大学附属第二医院", aliases: &["广医二院"], district: "海珠区", address: "昌岗东路250号", weight: 1500.0, dept_count: 14, ..HOSPITAL },
    FixedOrg { name: "广州中医药大学第一附属医院", aliases: &["中医一院", "广中医一附院"], district: "白云区", address: "机场路16号", weight: 2000.0, depts: TCM_DEPTS, dept_count: 12, ..HOSPITAL },
    FixedOrg { name: "广州市公安局交通警察支队车辆管理所", aliases: &["广州车管所", "车管所"], category: "公安", district: "白云区", address: "广园中路283号", labels: &["咨询", "总机"], weight: 1500.0, ..BASE },
    FixedOrg { name: "广州市公安局出入境管理支队", aliases: &["广州出入境", "出入境管理处"], category: "公安", address: "解放南路155号", labels: &["咨询", "总机"], weight: 1200.0, ..BASE },
    FixedOrg { name: "广州市政务服务中心", aliases: &["市政务中心", "市民服务中心"], district: "天河区", address: "天河北路28号", labels: &["咨询", "总机"], weight: 1000.0, ..BASE },
    FixedOrg { name: "广州市社会保险基金管理中心", aliases: &["广州市社保局", "市社保"], district: "天河区", address: "环市东路339号", labels: &["咨询", "总机"], weight: 1500.0, ..BASE },
    FixedOrg { name: "国家税务总局广州市税务局", aliases: &["广州市税务局"], address: "天河路1号", labels: &["咨询", "总机"], weight: 800.0, ..BASE },
    FixedOrg { name: "广州市市场监督管理局", aliases: &["市市场监管局", "广州工商局"], district: "天河区", address: "天河北路12号", labels: &["咨询", "投诉"], weight: 600.0, ..BASE },
    FixedOrg { name: "广州市广州公证处", aliases: &["广州公证处"], address: "越秀南路182号", labels: &["咨询", "总机"], weight: 300.0, ..BASE },
    FixedOrg { name: "广州市南方公证处", aliases: &["南方公证处"], address: "文德北路170号", labels: &["咨询", "总机"], weight: 250.0, ..BASE },
    FixedOrg { name: "广州动物园", en: Some("Guangzhou Zoo"), category: "旅游景点", address: "先烈中路120号", labels: &["咨询", "总机"], weight: 500.0, ..BASE },
    FixedOrg { name: "白云山风景名胜区", aliases: &["白云山"], en: Some("Baiyun Mountain Scenic Area"), category: "旅游景点", district: "白云区", address: "广园中路801号", labels: &["咨询", "总机"], weight: 500.0, ..BASE },
    FixedOrg { name: "越秀公园", en: Some("Yuexiu Park"), category: "旅游景点", address: "解放北路988号", labels: &["咨询"], weight: 300.0, ..BASE },
    FixedOrg { name: "天河体育中心", aliases: &["天体"], en: Some("Tianhe Sports Center"), category: "文化场馆", district: "天河区", address: "天河路299号", labels: &["咨询", "总机"], weight: 400.0, ..BASE },
    FixedOrg { name: "广州大剧院", en: Some("Guangzhou Opera House"), category: "文化场馆", district: "天河区", address: "珠江西路1号", labels: &["票务", "总机"], weight: 300.0, ..BASE },
    FixedOrg { name: "广州白云宾馆", aliases: &["白云宾馆"], en: Some("Baiyun Hotel Guangzhou"), address: "环市东路367号", weight: 250.0, ..HOTEL },
    FixedOrg { name: "广州南沙客运港", aliases: &["南沙客运港", "南沙码头"], category: "交通", district: "南沙区", address: "港前大道南162号", labels: &["问询"], weight: 300.0, ..BASE },
    FixedOrg { name: "芳村客运站", category: "交通", district: "荔湾区", address: "花地大道中51号", labels: &["问询"], weight: 300.0, ..BASE },
    FixedOrg { name: "海珠客运站", category: "交通", district: "海珠区", address: "南洲路182号", labels: &["问询"], weight: 250.0, ..BASE },
    FixedOrg { name: "番禺市桥汽车站", aliases: &["市桥汽车站"], category: "交通", district: "番禺区", address: "西丽南路25号", labels: &["问询"], weight: 250.0, ..BASE },
];

/// Offices every district has. `{d}` is the district (`天河区`), `{s}` its
/// stem (`天河`).
pub struct OfficeTemplate {
    /// Name pattern.
    pub name: &'static str,
    /// Alias patterns.
    pub aliases: &'static [&'static str],
    /// Category.
    pub category: &'static str,
    /// Labels of its numbers.
    pub labels: &'static [&'static str],
    /// Department listings under it.
    pub depts: &'static [&'static str],
    /// Popularity.
    pub weight: f64,
}

const OFFICE: OfficeTemplate = OfficeTemplate {
    name: "",
    aliases: &[],
    category: "政府机关",
    labels: &["总机"],
    depts: &[],
    weight: 40.0,
};

/// The district offices.
#[rustfmt::skip]
pub const DISTRICT_OFFICES: &[OfficeTemplate] = &[
    OfficeTemplate { name: "广州市{d}人民政府", aliases: &["{d}政府", "{s}区政府"], labels: &["总机", "值班室", "传真"], depts: &["办公室", "信访局"], weight: 300.0, ..OFFICE },
    OfficeTemplate { name: "广州市公安局{d}分局", aliases: &["{s}公安分局"], category: "公安", labels: &["值班室", "总机"], depts: super::names::POLICE_DEPTS, weight: 400.0 },
    OfficeTemplate { name: "国家税务总局广州市{d}税务局", aliases: &["{d}税务局", "{s}税务"], labels: &["咨询", "总机"], depts: &["纳税服务厅"], weight: 150.0, ..OFFICE },
    OfficeTemplate { name: "广州市{d}人力资源和社会保障局", aliases: &["{d}人社局"], labels: &["咨询", "总机"], weight: 100.0, ..OFFICE },
    OfficeTemplate { name: "广州市{d}社会保险基金管理中心", aliases: &["{d}社保局", "{s}社保"], labels: &["咨询", "总机"], weight: 200.0, ..OFFICE },
    OfficeTemplate { name: "广州市{d}医疗保障局", aliases: &["{d}医保局"], labels: &["咨询"], weight: 100.0, ..OFFICE },
    OfficeTemplate { name: "广州市{d}市场监督管理局", aliases: &["{d}市场监管局", "{s}工商局"], labels: &["咨询", "投诉"], weight: 100.0, ..OFFICE },
    OfficeTemplate { name: "广州市{d}政务服务中心", aliases: &["{d}政务中心"], labels: &["咨询", "总机"], weight: 150.0, ..OFFICE },
    OfficeTemplate { name: "广州市{d}民政局", ..OFFICE },
    OfficeTemplate { name: "广州市{d}婚姻登记处", aliases: &["{s}婚姻登记处"], labels: &["咨询"], weight: 60.0, ..OFFICE },
    OfficeTemplate { name: "广州市{d}教育局", aliases: &["{d}教育局"], weight: 80.0, ..OFFICE },
    OfficeTemplate { name: "广州市{d}卫生健康局", aliases: &["{d}卫健局"], ..OFFICE },
    OfficeTemplate { name: "广州市{d}住房和城乡建设局", aliases: &["{d}住建局"], ..OFFICE },
    OfficeTemplate { name: "广州市{d}城市管理和综合执法局", aliases: &["{d}城管局"], labels: &["投诉", "总机"], ..OFFICE },
    OfficeTemplate { name: "广州市{d}人民法院", aliases: &["{s}法院"], labels: &["总机", "诉讼服务"], weight: 80.0, ..OFFICE },
    OfficeTemplate { name: "广州市{d}人民检察院", aliases: &["{s}检察院"], weight: 50.0, ..OFFICE },
    OfficeTemplate { name: "广州市公安局交通警察支队{s}大队", aliases: &["{s}交警大队"], category: "公安", labels: &["值班室"], weight: 100.0, ..OFFICE },
    OfficeTemplate { name: "广州市公安局交通警察支队车辆管理所{s}分所", aliases: &["{s}车管所"], category: "公安", labels: &["咨询"], weight: 120.0, ..OFFICE },
    OfficeTemplate { name: "广州市{d}消防救援大队", aliases: &["{s}消防"], labels: &["值班室"], weight: 40.0, ..OFFICE },
    OfficeTemplate { name: "广州市{d}疾病预防控制中心", aliases: &["{d}疾控中心"], labels: &["咨询", "总机"], weight: 80.0, ..OFFICE },
    OfficeTemplate { name: "广州市{d}图书馆", aliases: &["{s}图书馆"], category: "文化场馆", labels: &["咨询"], weight: 30.0, ..OFFICE },
    OfficeTemplate { name: "广州市{d}不动产登记中心", labels: &["咨询"], weight: 60.0, ..OFFICE },
    OfficeTemplate { name: "广州市{d}退役军人事务局", weight: 20.0, ..OFFICE },
];
