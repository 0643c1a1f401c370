//! Mapping between a [`Listing`] and a tantivy document.

use tantivy::schema::Value;
use tantivy::TantivyDocument;

use super::schema::Fields;
use crate::model::{Listing, PhoneNumber};

/// Builds the document of a listing. An ex-directory listing gets its id and
/// stored JSON only: it has no searchable key at all, so no query can ever
/// reach it, and it adds nothing to any term statistic.
///
/// `inherited` are the aliases of the listing's parent: a department of
/// 中山大学附属第一医院 is found as `中山一院 急诊` although its own record
/// names no alias.
pub fn to_document(fields: &Fields, listing: &Listing, inherited: &[String]) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.id, &listing.id);
    doc.add_text(
        fields.doc,
        serde_json::to_string(listing).expect("a listing always serialises"),
    );
    doc.add_u64(fields.listed, u64::from(listing.listed));
    if !listing.listed {
        return doc;
    }
    doc.add_text(fields.name_seq, &listing.name);
    doc.add_text(fields.prefix, &listing.name);
    for alias in &listing.aliases {
        doc.add_text(fields.alias_seq, alias);
        doc.add_text(fields.prefix, alias);
    }
    for alias in inherited.iter().filter(|a| !listing.aliases.contains(a)) {
        doc.add_text(fields.alias_seq, alias);
        doc.add_text(fields.prefix, alias);
        doc.add_text(fields.inherited_alias, alias);
    }
    if let Some(dept) = &listing.department {
        doc.add_text(fields.dept_seq, dept);
        doc.add_text(fields.dept_words, dept);
    }
    let area: Vec<&str> = [
        &listing.district,
        &listing.city,
        &listing.province,
        &listing.address,
    ]
    .into_iter()
    .flatten()
    .map(String::as_str)
    .collect();
    if !area.is_empty() {
        doc.add_text(fields.area_words, area.join(" "));
    }
    if let Some(category) = &listing.category {
        doc.add_text(fields.category_words, category);
        doc.add_text(fields.category, category);
    }
    if let Some(district) = &listing.district {
        doc.add_text(fields.district, district);
    }
    if let Some(name_en) = &listing.name_en {
        doc.add_text(fields.name_en, name_en);
    }
    if let Some(parent) = &listing.parent_id {
        doc.add_text(fields.parent, parent);
    }
    let phones: Vec<String> = listing
        .phones
        .iter()
        .filter_map(|p| PhoneNumber::parse(&p.number).ok())
        .map(|p| format!("{} {}", p.digits(), p.local_number()))
        .collect();
    doc.add_text(fields.phone, phones.join("\n"));
    doc.add_f64(fields.weight, listing.weight);
    doc
}

/// Reads the listing back from a stored document.
pub fn from_document(fields: &Fields, doc: &TantivyDocument) -> Option<Listing> {
    let json = doc.get_first(fields.doc).and_then(|v| v.as_str())?;
    serde_json::from_str(json).ok()
}

/// The aliases a stored document inherited from its parent.
pub fn inherited_aliases(fields: &Fields, doc: &TantivyDocument) -> Vec<String> {
    doc.get_all(fields.inherited_alias)
        .filter_map(|v| v.as_str())
        .map(str::to_string)
        .collect()
}

/// The aliases each listing inherits from its parent, by listing index:
/// a listing with a parent takes the parent's aliases — unless the parent
/// is ex-directory: its aliases are its names, and a listed department
/// found by them would tell whose department it is.
pub fn inheritance(listings: &[Listing]) -> Vec<&[String]> {
    let by_id: std::collections::HashMap<&str, &Listing> =
        listings.iter().map(|l| (l.id.as_str(), l)).collect();
    listings
        .iter()
        .map(|l| {
            l.parent_id
                .as_deref()
                .and_then(|p| by_id.get(p))
                .map(|p| lent_aliases(p))
                .unwrap_or(&[])
        })
        .collect()
}

/// The aliases `parent` lends its departments: its own when it is listed,
/// none when it is ex-directory.
pub fn lent_aliases(parent: &Listing) -> &[String] {
    if parent.listed {
        &parent.aliases
    } else {
        &[]
    }
}

/// The id stored in a document.
pub fn document_id(fields: &Fields, doc: &TantivyDocument) -> Option<String> {
    doc.get_first(fields.id)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}
