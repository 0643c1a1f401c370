//! Requests as callers say them, on a hand-made corpus of real
//! organisations (their real names, short names and departments; the
//! numbers are made up).
//!
//! Properties proven here:
//! 1. An organisation and its department run together find the department
//!    listing first — in Han, pinyin (run together or spaced), initials and
//!    mixed, by name, listed alias or a derived short name, with the
//!    department as listed, shortened (`急诊`, `招生办`) or said short as
//!    names are (`心内科` for 心血管内科).
//! 2. What is wanted (`电话`, `总机`, `客服`) and polite openings are
//!    dropped when the rest matches, and told with the hit; `客服` puts the
//!    customer-service number first, and prefers the service hotline.
//! 3. A place said first filters: the listing in that district, city or
//!    province, whose name does not contain it.
//! 4. Short names the data does not list, formed as Chinese short names are
//!    (`农行`, `中央美院`, `北京体院`, `北师院`, `中山一院`), find their
//!    organisation, below a listed alias of another.
//! 5. When nothing matches the whole query, the largest part that names an
//!    organisation is answered, each hit marked partial with the part that
//!    did not match; a partial hit never ranks above a full one, and a query
//!    with nothing usable stays empty.
//! 6. A word that is part of a real name is never dropped (`中国电信`,
//!    `电话局`), and request words alone answer what a name search finds.

mod common;

use chahao::model::{Listing, ListingPhone};
use chahao::search::{search, Filters, Hit, MatchKind, Role};
use common::{ids, listing, Entry};

fn corpus() -> Vec<Listing> {
    let mut bank_hq = listing("icbc", "中国工商银行", "95588", 60.0)
        .alias("工行")
        .category("银行");
    bank_hq.phones[0].label = Some("客服热线".to_string());
    let mut icbc_gz = listing("icbc-gz", "中国工商银行广州分行", "020-28986250", 400.0)
        .alias("工行")
        .category("银行")
        .area("广州市", "天河区");
    icbc_gz.phones = vec![phone("020-28986250", "总机"), phone("020-87553261", "客服")];
    let mut airport = listing("can", "广州白云国际机场", "020-36066999", 900.0)
        .alias("白云机场")
        .area("广州市", "白云区");
    airport.phones = vec![phone("020-36068999", "问询"), phone("020-86124738", "总机")];
    vec![
        listing("sysu", "中山大学", "020-84112828", 500.0)
            .alias("中大")
            .category("学校")
            .area("广州市", "海珠区"),
        listing("sysu-bwc", "中山大学", "020-84113110", 50.0)
            .department("保卫处", "sysu")
            .area("广州市", "海珠区"),
        listing("sysu-zsb", "中山大学", "020-84111198", 60.0)
            .department("招生办公室", "sysu")
            .area("广州市", "海珠区"),
        listing("zs1", "中山大学附属第一医院", "020-28823388", 800.0)
            .alias("中山一院")
            .category("医院")
            .area("广州市", "越秀区"),
        listing("zs1-jz", "中山大学附属第一医院", "020-87755766", 90.0)
            .department("急诊科", "zs1")
            .area("广州市", "越秀区"),
        listing("zs1-xnk", "中山大学附属第一医院", "020-87332200", 40.0)
            .department("心血管内科", "zs1")
            .area("广州市", "越秀区"),
        listing("scut", "华南理工大学", "020-87110000", 300.0)
            .alias("华工")
            .area("广州市", "天河区"),
        listing("scut-zsb", "华南理工大学", "020-87113300", 40.0)
            .department("招生办公室", "scut")
            .area("广州市", "天河区"),
        listing("gzs", "广州南站", "020-61346222", 400.0).area("广州市", "番禺区"),
        listing("gzs-swzl", "广州南站", "020-61346888", 30.0)
            .department("失物招领", "gzs")
            .area("广州市", "番禺区"),
        airport,
        bank_hq,
        icbc_gz,
        listing("icbc-th", "中国工商银行广州天河支行", "020-38880000", 80.0)
            .alias("工行")
            .area("广州市", "天河区"),
        listing("icbc-yx", "中国工商银行广州越秀支行", "020-83330000", 90.0)
            .alias("工行")
            .area("广州市", "越秀区"),
        listing("abc", "中国农业银行广州分行", "020-83080000", 300.0).area("广州市", "越秀区"),
        listing("cafa", "中央美术学院", "010-64771000", 200.0),
        listing("bsu", "北京体育学院", "010-62989000", 100.0),
        listing("bnu-c", "北京师范学院", "010-68900000", 100.0),
        listing("zhongda-shop", "中大牛杂店", "020-84440000", 5.0).area("广州市", "海珠区"),
        listing("telecom", "中国电信", "10000", 80.0),
        listing("dhj", "广州市电话局", "020-83000000", 20.0),
    ]
}

fn phone(number: &str, label: &str) -> ListingPhone {
    ListingPhone {
        number: number.to_string(),
        label: Some(label.to_string()),
    }
}

/// Each query of `queries` run on one index of the corpus.
fn run_all(queries: &[&str]) -> Vec<Vec<Hit>> {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let dir = common::build_index(tmp.path(), &corpus()).expect("the index builds");
    queries
        .iter()
        .map(|q| search(&dir, q, 10, &Filters::default()).expect("the query is searchable"))
        .collect()
}

fn first(hits: &[Hit]) -> &str {
    hits.first().map_or("(nothing)", |h| h.listing.id.as_str())
}

#[test]
fn an_organisation_and_its_department_run_together() {
    let cases = [
        ("中山大学保卫处", "sysu-bwc"),
        ("中山大学保卫处电话", "sysu-bwc"),
        ("zhongshandaxuebaoweichu", "sysu-bwc"),
        ("zhongshandaxue baoweichu", "sysu-bwc"),
        ("zsdxbwc", "sysu-bwc"),
        ("中大bwc", "sysu-bwc"),
        ("中山大学baoweichu", "sysu-bwc"),
        ("中山大学招生办", "sysu-zsb"),
        ("中山一院急诊", "zs1-jz"),
        ("中山一院心内科", "zs1-xnk"),
        ("华工招生办", "scut-zsb"),
        ("广州南站失物招领", "gzs-swzl"),
    ];
    let queries: Vec<&str> = cases.iter().map(|(q, _)| *q).collect();
    for ((query, want), hits) in cases.iter().zip(run_all(&queries)) {
        assert_eq!(first(&hits), *want, "{query}: {:?}", ids(&hits));
        let hit = &hits[0];
        assert!(hit.partial.is_none(), "{query}: a full match");
        assert!(
            hit.parts
                .iter()
                .any(|p| p.role == Role::Department && p.kind == Some(MatchKind::Department)),
            "{query}: the department part is told: {:?}",
            hit.parts
        );
    }
}

#[test]
fn what_is_wanted_is_dropped_and_told() {
    let queries = [
        "中山一院电话",
        "白云机场的电话",
        "请问中大总机",
        "帮我查一下广州南站的电话号码",
        "工行客服",
        "白云机场总机",
    ];
    let hits = run_all(&queries);
    assert_eq!(first(&hits[0]), "zs1");
    assert_eq!(first(&hits[1]), "can");
    assert_eq!(hits[1][0].wanted, Some("电话"));
    assert!(hits[1][0]
        .parts
        .iter()
        .any(|p| p.role == Role::Wanted && p.text == "电话" && p.kind.is_none()));
    assert_eq!(first(&hits[2]), "sysu", "the alias, not 中大牛杂店");
    assert_eq!(first(&hits[3]), "gzs");
    // 客服: the service hotline first, and each hit's customer-service
    // number first among its numbers.
    assert_eq!(ids(&hits[4])[..2], ["icbc", "icbc-gz"]);
    assert_eq!(hits[4][1].listing.phones[0].label.as_deref(), Some("客服"));
    // 总机: the switchboard first, though the data lists it second.
    assert_eq!(first(&hits[5]), "can");
    assert_eq!(hits[5][0].listing.phones[0].label.as_deref(), Some("总机"));
}

#[test]
fn a_place_said_first_filters() {
    let hits = run_all(&["天河工行", "越秀工行", "广州中山大学", "海珠中山大学"]);
    assert_eq!(first(&hits[0]), "icbc-gz", "{:?}", ids(&hits[0]));
    assert!(ids(&hits[0]).contains(&"icbc-th"));
    assert!(!ids(&hits[0]).contains(&"icbc-yx"), "not in 天河");
    assert_eq!(ids(&hits[1]), ["icbc-yx"]);
    assert_eq!(first(&hits[2]), "sysu");
    assert_eq!(first(&hits[3]), "sysu");
    let place = &hits[3][0].parts[0];
    assert_eq!(
        (place.role, place.kind),
        (Role::Place, Some(MatchKind::Area))
    );
}

#[test]
fn short_names_the_data_does_not_list() {
    let hits = run_all(&["农行", "中央美院", "北京体院", "北师院", "中大"]);
    assert_eq!(first(&hits[0]), "abc");
    assert_eq!(hits[0][0].kind, MatchKind::ShortName);
    assert_eq!(first(&hits[1]), "cafa");
    assert_eq!(first(&hits[2]), "bsu");
    assert_eq!(first(&hits[3]), "bnu-c");
    // A listed alias ranks above a derived short name and a name's start.
    assert_eq!(first(&hits[4]), "sysu");
}

#[test]
fn partial_matches_say_what_did_not_match() {
    let hits = run_all(&[
        "中山大学保卫科",
        "天河中山大学",
        "完全不存在的单位",
        "中山大学附属",
    ]);
    let partial = &hits[0];
    assert_eq!(first(partial), "sysu", "{:?}", ids(partial));
    assert!(partial
        .iter()
        .all(|h| h.partial.as_deref() == Some("保卫科")));
    assert!(partial[0]
        .parts
        .iter()
        .any(|p| p.text == "保卫科" && p.kind.is_none()));
    // The place does not match: the organisation alone, marked partial.
    assert_eq!(first(&hits[1]), "sysu");
    assert_eq!(hits[1][0].partial.as_deref(), Some("天河"));
    assert!(hits[2].is_empty(), "nothing usable: {:?}", ids(&hits[2]));
    // A full match is never marked partial.
    assert!(hits[3].iter().all(|h| h.partial.is_none()));
    // Partial hits score below every full hit.
    assert!(partial.iter().all(|h| h.score < 0.0));
}

#[test]
fn words_of_real_names_are_never_dropped() {
    let hits = run_all(&["中国电信", "电话局", "电话", "请问", "天河区"]);
    assert_eq!(first(&hits[0]), "telecom");
    assert_eq!(hits[0][0].kind, MatchKind::Exact);
    assert_eq!(first(&hits[1]), "dhj");
    // Request words alone: what a name search finds, never an error.
    assert_eq!(first(&hits[2]), "dhj");
    assert!(hits[3].is_empty());
    assert!(hits[4].iter().all(|h| h.partial.is_none()));
}
