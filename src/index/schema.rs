//! The tantivy schema: the only place that names fields. The keys the
//! key fields hold are those of `text::key`: [`crate::text::key::NameKey`]
//! in `name_seq`, `alias_seq` and `dept_seq`,
//! [`crate::text::key::PrefixKey`] in `prefix`,
//! [`crate::text::key::PhoneKey`] in `phone`.

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST, STORED,
    STRING,
};

use super::analyzers::{KEYS, PHONE, PREFIX, WORDS};

/// Handles to every field of the index.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Listing id (raw, stored): deletes and look-ups by id.
    pub id: Field,
    /// The listing as JSON (stored only).
    pub doc: Field,
    /// Positional keys of the name (chars, syllables, fuzzy classes, initials).
    pub name_seq: Field,
    /// Positional keys of each alias.
    pub alias_seq: Field,
    /// Positional keys of the department.
    pub dept_seq: Field,
    /// Segmented words of the department.
    pub dept_words: Field,
    /// Segmented words of the district, city and address.
    pub area_words: Field,
    /// Segmented words of the category.
    pub category_words: Field,
    /// English name, lower-cased words.
    pub name_en: Field,
    /// Phone keys for reverse look-up.
    pub phone: Field,
    /// Popularity prior.
    pub weight: Field,
    /// District, raw, for filters.
    pub district: Field,
    /// Category, raw, for filters.
    pub category: Field,
    /// Parent listing id, raw: finds a listing's siblings.
    pub parent: Field,
    /// 1 for listed, 0 for ex-directory.
    pub listed: Field,
    /// Aliases taken from the parent listing (stored for ranking).
    pub inherited_alias: Field,
    /// Anchored prefix keys of the name and every alias: one term per
    /// as-you-type form (see `text::keys::prefix_keys`).
    pub prefix: Field,
}

fn text(tokenizer: &str, record: IndexRecordOption) -> TextOptions {
    TextOptions::default().set_indexing_options(
        // No field norms: no score depends on a field's length (the plan
        // scores by constant tiers, the ranking stage by its own rules).
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(record)
            .set_fieldnorms(false),
    )
}

/// Builds the schema and the handles to its fields.
pub fn build_schema() -> (Schema, Fields) {
    use IndexRecordOption::{Basic, WithFreqs, WithFreqsAndPositions};
    let mut b = Schema::builder();
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        doc: b.add_text_field("doc", STORED),
        name_seq: b.add_text_field("name_seq", text(KEYS, WithFreqsAndPositions)),
        alias_seq: b.add_text_field("alias_seq", text(KEYS, WithFreqsAndPositions)),
        dept_seq: b.add_text_field("dept_seq", text(KEYS, WithFreqsAndPositions)),
        dept_words: b.add_text_field("dept_words", text(WORDS, WithFreqs)),
        area_words: b.add_text_field("area_words", text(WORDS, WithFreqs)),
        category_words: b.add_text_field("category_words", text(WORDS, WithFreqs)),
        name_en: b.add_text_field("name_en", text("en_stem_free", WithFreqsAndPositions)),
        phone: b.add_text_field("phone", text(PHONE, Basic)),
        weight: b.add_f64_field("weight", NumericOptions::default() | FAST),
        district: b.add_text_field("district", STRING | FAST),
        category: b.add_text_field("category", STRING | FAST),
        parent: b.add_text_field("parent", STRING),
        listed: b.add_u64_field("listed", NumericOptions::default() | FAST),
        inherited_alias: b.add_text_field("inherited_alias", STORED),
        prefix: b.add_text_field("prefix", text(PREFIX, Basic)),
    };
    (b.build(), fields)
}
