//! The tiers of the ranking, on a small hand-written directory of real
//! organisations.
//!
//! Properties proven here:
//! 1. Every way of matching is reached by some query and shown with its
//!    label: exact, prefix, alias, short_name, inner, number, full_pinyin,
//!    mixed, initials, english, fuzzy_pinyin, homophone, typo, and the
//!    qualifiers department, area and category when only they matched.
//! 2. A better tier ranks above a worse one, whatever the popularity, for
//!    every pair of neighbouring tiers one query can reach together:
//!    exact > prefix; a whole alias as typed ranks with the exact names,
//!    so above a prefix (`华工` is 华南理工大学 before 华工科技); alias >
//!    short_name,
//!    short_name > inner, inner and number > the tiers below prefix only,
//!    full_pinyin > initials.
//!
//! Neighbouring tiers no single query reaches together, so not pinned
//! here: inner/number and full_pinyin/mixed (Han or digits against
//! letters), initials/english and fuzzy_pinyin, fuzzy_pinyin and homophone
//! (letters against Han), homophone and typo (a slip is looked for only
//! when nothing else matched), typo and the qualifiers.

mod common;

use chahao::model::Listing;
use chahao::search::{search, Filters, Hit};
use common::{ids, kinds, listing, Entry};

/// The directory every test here searches.
fn directory() -> Vec<Listing> {
    vec![
        listing("z1", "中山大学", "020-84112828", 90.0)
            .alias("中大")
            .category("高校")
            .area("广州市", "海珠区")
            .address("新港西路135号")
            .english("Sun Yat-sen University"),
        listing("z2", "中山大学附属第一医院", "020-87755766", 80.0)
            .alias("中山一院")
            .category("医院")
            .area("广州市", "越秀区")
            .address("中山二路58号")
            .english("The First Affiliated Hospital of Sun Yat-sen University"),
        listing("z3", "中山大学附属第一医院", "020-87332200", 30.0)
            .department("急诊科", "z2")
            .category("医院")
            .area("广州市", "越秀区"),
        listing("h1", "华南理工大学", "020-87110000", 70.0)
            .alias("华工")
            .category("高校")
            .area("广州市", "天河区")
            .english("South China University of Technology"),
        listing("h2", "华工科技产业股份有限公司", "027-87180126", 20.0)
            .category("企业")
            .area("武汉市", "洪山区"),
        listing("b1", "北京师范大学", "010-58807962", 60.0)
            .alias("北师大")
            .category("高校")
            .area("北京市", "海淀区")
            .english("Beijing Normal University"),
        listing("b2", "深圳市北师大南山附属学校", "0755-26665101", 10.0)
            .category("中小学")
            .area("深圳市", "南山区"),
        listing("d1", "山东大学", "0531-88395114", 30.0)
            .category("高校")
            .area("济南市", "历城区"),
        listing("d2", "东南大学附属中大医院", "025-83262000", 95.0)
            .category("医院")
            .area("南京市", "鼓楼区"),
        listing("d3", "华安基金管理有限公司", "021-38969999", 95.0)
            .category("企业")
            .area("上海市", "浦东新区"),
        listing("d4", "海南航空控股股份有限公司", "0898-95339", 20.0)
            .category("企业")
            .area("海口市", "美兰区"),
        listing("t1", "12345政务服务便民热线", "12345", 30.0).category("公共服务"),
        listing("t2", "广州12345政务服务便民热线", "020-12345", 90.0).category("公共服务"),
        listing("t3", "广州市民政局", "020-83312345", 80.0)
            .category("政府")
            .area("广州市", "越秀区"),
    ]
}

fn run(query: &str) -> Vec<Hit> {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let dir = common::build_index(tmp.path(), &directory()).expect("the index builds");
    search(&dir, query, 10, &Filters::default()).expect("the query is searchable")
}

/// The first hit of `query`: its id and how it matched.
fn first(query: &str) -> (String, String) {
    let hits = run(query);
    let id = ids(&hits)
        .first()
        .map(|s| s.to_string())
        .unwrap_or_default();
    let kind = kinds(&hits).first().cloned().unwrap_or_default();
    (id, kind)
}

#[test]
fn every_tier_is_reached_with_its_label() {
    let cases = [
        ("中山大学", "z1", "exact"),
        ("中山大", "z1", "prefix"),
        ("中大", "z1", "alias"),
        // 山东 + 大学: the first chars of its words.
        ("山大", "d1", "short_name"),
        ("南理工", "h1", "inner"),
        ("8775", "z2", "number"),
        ("zhongshandaxue", "z1", "full_pinyin"),
        ("中山dax", "z1", "mixed"),
        ("zsdx", "z1", "initials"),
        ("beijing normal", "b1", "english"),
        ("zongshan", "z1", "fuzzy_pinyin"),
        ("中山大雪", "z1", "homophone"),
        ("zhongshnadaxue", "z1", "typo"),
        ("急诊 越秀区", "z3", "department"),
        ("海珠区 高校", "z1", "area"),
        ("高校 海珠区", "z1", "category"),
    ];
    let mut wrong = Vec::new();
    for (query, id, kind) in cases {
        let got = first(query);
        if got != (id.to_string(), kind.to_string()) {
            wrong.push(format!("{query:?}: want {id} {kind}, got {got:?}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn exact_ranks_above_prefix() {
    let hits = run("中山大学");
    assert_eq!(ids(&hits), ["z1", "z2", "z3"]);
    assert_eq!(kinds(&hits), ["exact", "prefix", "prefix"]);
}

#[test]
fn a_whole_alias_ranks_above_a_prefix() {
    // 华工 is the whole alias of 华南理工大学 and the start of the name of
    // 华工科技: a caller saying 华工 means the university, by its name.
    let hits = run("华工");
    assert_eq!(ids(&hits), ["h1", "h2"]);
    assert_eq!(kinds(&hits), ["alias", "prefix"]);
}

#[test]
fn alias_ranks_above_short_name() {
    // 北师大 is the alias of 北京师范大学, and inside the name of the
    // Shenzhen school, where it is also a short name of its words.
    let hits = run("北师大");
    assert_eq!(ids(&hits), ["b1", "b2"]);
    assert_eq!(kinds(&hits), ["alias", "short_name"]);
}

#[test]
fn alias_ranks_above_a_more_popular_short_name() {
    // 中大 is the alias of 中山大学 and a short name of 中大医院, the more
    // popular.
    let hits = run("中大");
    assert_eq!(ids(&hits)[0], "z1");
    assert_eq!(kinds(&hits)[0], "alias");
    let d2 = hits.iter().position(|h| h.listing.id == "d2");
    assert!(
        d2.is_some_and(|i| kinds(&hits)[i] == "short_name"),
        "{:?}",
        ids(&hits)
    );
}

#[test]
fn short_name_ranks_above_inner() {
    // 山大 is 山东大学 by its words, and chars inside 中山大学 (more popular).
    let hits = run("山大");
    assert_eq!(ids(&hits), ["d1", "z1", "z2", "z3"]);
    assert_eq!(kinds(&hits), ["short_name", "inner", "inner", "inner"]);
}

#[test]
fn prefix_ranks_above_inner_and_number() {
    // 12345 starts one name, is inside another and ends a number.
    let hits = run("12345");
    assert_eq!(ids(&hits), ["t1", "t2", "t3"]);
    assert_eq!(kinds(&hits), ["prefix", "inner", "number"]);
}

#[test]
fn full_pinyin_ranks_above_initials() {
    // ha: the start of hai (海南航空), or h + a, the initials of 华安基金
    // (more popular).
    let hits = run("ha");
    assert_eq!(ids(&hits), ["d4", "d3"]);
    assert_eq!(kinds(&hits), ["full_pinyin", "initials"]);
}
