//! The tie-breakers of the ranking, each on a corpus where it alone
//! decides: every earlier one ties, and every later one (popularity, the
//! shorter name, the id) would order the hits the other way.
//!
//! Properties proven here:
//! 1. A match of the whole name ranks before a match of part of a name
//!    (`gzdx`: 广州大学 before 广州地下铁道总公司, although less popular).
//! 2. A match at the start of a name or alias ranks before one inside it
//!    (`白云 jc`: 白云国际机场股份有限公司 before 广州白云国际机场).
//! 3. The organisation ranks before the names that start with its name
//!    (`中山大`: 中山大学 before 中山大学附属第一医院, although less popular).
//! 4. More of the name spelled ranks first (`shdx`: 上海大学出版社, four
//!    chars spelled, before 山东新华书店集团, three).
//! 5. More qualifiers matched ranks first (`guangzhou 中医医院`: the hospital
//!    whose category is 中医医院 before the one whose name holds the words).
//! 6. The main listing ranks before its departments when no department was
//!    typed; when one was, popularity decides between them.
//! 7. The more popular listing ranks first.
//! 8. The shorter name ranks first.
//! 9. Last, the smaller id ranks first.
//! 10. At most two departments of one organisation are shown, unless a
//!     department was typed.

mod common;

use chahao::model::Listing;
use chahao::search::{search, Filters, Hit};
use common::{ids, kinds, listing, Entry};

fn run(listings: &[Listing], query: &str) -> Vec<Hit> {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let dir = common::build_index(tmp.path(), listings).expect("the index builds");
    search(&dir, query, 10, &Filters::default()).expect("the query is searchable")
}

#[test]
fn the_whole_name_ranks_before_part_of_one() {
    // gzdx spells all of 广州大学 and the start of 广州地下铁道总公司.
    let listings = [
        listing("a1", "广州地下铁道总公司", "020-83289033", 70.0),
        listing("a2", "广州大学", "020-39366114", 35.0),
    ];
    let hits = run(&listings, "gzdx");
    assert_eq!(ids(&hits), ["a2", "a1"]);
    assert_eq!(kinds(&hits), ["initials", "initials"]);
}

#[test]
fn a_match_at_the_start_ranks_before_one_inside() {
    // `白云 jc`: 白云 starts the name of the airport company and is inside
    // the airport's name; jc are the initials of 机场 in both.
    let listings = [
        listing("a1", "广州白云国际机场", "020-36066999", 85.0),
        listing("a2", "白云国际机场股份有限公司", "020-36063595", 30.0),
    ];
    let hits = run(&listings, "白云 jc");
    assert_eq!(ids(&hits), ["a2", "a1"]);
    assert_eq!(kinds(&hits), ["initials", "initials"]);
}

#[test]
fn the_organisation_ranks_before_names_that_start_with_its_name() {
    // Both start with 中山大, neither is spelled whole: 中山大学 is the
    // organisation the hospital is part of.
    let listings = [
        listing("a1", "中山大学附属第一医院", "020-87755766", 95.0),
        listing("a2", "中山大学", "020-84112828", 60.0),
    ];
    let hits = run(&listings, "中山大");
    assert_eq!(ids(&hits), ["a2", "a1"]);
    assert_eq!(kinds(&hits), ["prefix", "prefix"]);
}

#[test]
fn more_of_the_name_spelled_ranks_first() {
    // shdx: s h d x, four chars of 上海大学出版社, or sh d x, three chars of
    // 山东新华书店集团 (more popular).
    let listings = [
        listing("a1", "山东新华书店集团", "0531-82079999", 50.0),
        listing("a2", "上海大学出版社", "021-66135110", 10.0),
    ];
    let hits = run(&listings, "shdx");
    assert_eq!(ids(&hits), ["a2", "a1"]);
    assert_eq!(kinds(&hits), ["initials", "initials"]);
    assert_eq!(hits[0].highlights, [(0, 4)]);
    assert_eq!(hits[1].highlights, [(0, 3)]);
}

#[test]
fn more_qualifiers_matched_rank_first() {
    // 中医医院 is the category of both; in the university hospital's name
    // it is also two words (中医, 医院), which names it rather than
    // qualifies it.
    let listings = [
        listing("a1", "广州中医药大学第一附属医院", "020-36591912", 45.0)
            .category("中医医院")
            .area("广州市", "白云区"),
        listing("a2", "广州市正骨医院", "020-83330871", 10.0)
            .category("中医医院")
            .area("广州市", "越秀区"),
    ];
    let hits = run(&listings, "guangzhou 中医医院");
    assert_eq!(ids(&hits), ["a2", "a1"]);
    assert_eq!(kinds(&hits), ["full_pinyin", "full_pinyin"]);
}

/// 中山一院 and four of its departments, each more popular than it.
fn hospital() -> Vec<Listing> {
    let dept = |id: &str, name: &str, phone: &str, weight: f64| {
        listing(id, "中山大学附属第一医院", phone, weight).department(name, "a1")
    };
    vec![
        listing("a1", "中山大学附属第一医院", "020-87755766", 10.0).alias("中山一院"),
        dept("a2", "急诊科", "020-87332200", 40.0),
        dept("a3", "儿科", "020-87755722", 30.0),
        dept("a4", "眼科", "020-87755733", 20.0),
        dept("a5", "皮肤科", "020-87755744", 15.0),
    ]
}

#[test]
fn the_main_listing_ranks_before_its_departments() {
    let hits = run(&hospital(), "中山大学附属第一医院");
    assert_eq!(ids(&hits), ["a1", "a2", "a3"]);
    assert_eq!(kinds(&hits), ["exact", "exact", "exact"]);
}

#[test]
fn a_typed_department_ranks_by_popularity_beside_its_main_listing() {
    // 大德 is in the department 大德路总院 and in the main listing's
    // address: both match the same way. A department was typed, so the
    // main listing is not put first: the more popular department is.
    // (The ranking once asked this only of the left one of the two hits it
    // compared, which is no order at all: the main listing before the
    // department and the department before the main listing at once.)
    let listings = [
        listing("a1", "广东省中医院", "020-81887233", 40.0)
            .category("医院")
            .area("广州市", "越秀区")
            .address("大德路111号"),
        listing("a2", "广东省中医院", "020-81887234", 60.0)
            .department("大德路总院", "a1")
            .category("医院")
            .area("广州市", "越秀区"),
    ];
    let hits = run(&listings, "广东省中医院 大德");
    assert_eq!(ids(&hits), ["a2", "a1"]);
    assert_eq!(kinds(&hits), ["exact", "exact"]);
}

#[test]
fn the_more_popular_listing_ranks_first() {
    // 人民医院: a short name of each (人民 + 医院, the region dropped); the
    // longer name and the larger id are the more popular.
    let listings = [
        listing("a1", "广东省人民医院", "020-83827812", 60.0),
        listing("a2", "广州市番禺区人民医院", "020-81048888", 75.0),
    ];
    let hits = run(&listings, "人民医院");
    assert_eq!(ids(&hits), ["a2", "a1"]);
    assert_eq!(kinds(&hits), ["short_name", "short_name"]);
}

#[test]
fn the_shorter_name_ranks_first() {
    let listings = [
        listing("a1", "广州市第一人民医院", "020-81048888", 60.0),
        listing("a2", "广东省人民医院", "020-83827812", 60.0),
    ];
    let hits = run(&listings, "人民医院");
    assert_eq!(ids(&hits), ["a2", "a1"]);
}

#[test]
fn last_the_smaller_id_ranks_first() {
    // Same match, popularity and length of name.
    let listings = [
        listing("a2", "广州市第一人民医院", "020-81048888", 60.0),
        listing("a1", "佛山市第一人民医院", "0757-83833633", 60.0),
    ];
    let hits = run(&listings, "第一人民医院");
    assert_eq!(ids(&hits), ["a1", "a2"]);
}

#[test]
fn at_most_two_departments_of_one_organisation_are_shown() {
    let hits = run(&hospital(), "中山一院");
    assert_eq!(ids(&hits), ["a1", "a2", "a3"]);
    assert_eq!(kinds(&hits), ["alias", "alias", "alias"]);
}

#[test]
fn every_department_is_shown_when_a_department_was_typed() {
    // 科 is in every department's name.
    let hits = run(&hospital(), "中山一院 科");
    assert_eq!(ids(&hits), ["a2", "a3", "a4", "a5"]);
}
