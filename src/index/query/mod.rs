//! The one bridge from search to tantivy. Search describes each look-up as a
//! small typed [`Probe`] (keys of `text::key`, fields by role); this module
//! turns a probe into a tantivy query and runs it, reading each segment's
//! most popular matches only. Nothing outside `index` builds a tantivy query.
//!
//! The custom queries live here too: [`union::AnyOf`] (a union that answers
//! only what an intersection asks), [`all::AllOf`] (an intersection that
//! makes its look-ups where it is, not from the segment's start), [`prefix_phrase::PrefixPhrase`] (a
//! phrase ending in a prefix, led by its rarest part) and [`slip::SlipQuery`]
//! (one slip in typed pinyin, through the term dictionary).

pub mod all;
pub mod prefix_phrase;
pub mod slip;
#[cfg(test)]
mod testing;
pub mod union;

use tantivy::query::{BooleanQuery, EnableScoring, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocSet, Searcher, TantivyDocument, Term, TERMINATED};

use super::{document, Directory, Fields};
use crate::error::Result;
use crate::model::Listing;
use crate::text::key::{NameKey, PhoneKey, PrefixKey, PrefixKind};
use crate::text::keys::pair_keys;
use all::AllOf;
use prefix_phrase::PrefixPhrase;
use slip::SlipQuery;
use union::AnyOf;

/// How many terms a partly typed syllable or word may expand to.
const MAX_EXPANSIONS: u32 = 64;

/// A positional field: keys one a position ([`NameKey`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeqField {
    /// The name.
    Name,
    /// The aliases (the listing's own and those lent by its parent).
    Alias,
    /// The department.
    Department,
}

/// A field of whole words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordField {
    /// The district, city and address.
    Area,
    /// The category.
    Category,
    /// The department.
    Department,
}

/// One look-up, described by what it asks of a listing.
#[derive(Debug, Clone, PartialEq)]
pub enum Probe {
    /// `keys` at consecutive positions of the field; the last one only the
    /// start of a key when `prefix_last`.
    Phrase {
        /// Where.
        field: SeqField,
        /// One key a position.
        keys: Vec<NameKey>,
        /// The last key is partly typed.
        prefix_last: bool,
    },
    /// One key anywhere in the field.
    Key(SeqField, NameKey),
    /// A name or alias starts so, is so whole, or has that pair of word
    /// starts.
    Prefix(PrefixKey),
    /// A whole word of the field.
    Word(WordField, String),
    /// A phone number, its start or its end.
    Phone(PhoneKey),
    /// The English name has these words in a row, the last a prefix.
    English(Vec<String>),
    /// A name's full pinyin is within one slip of these letters (`whole`),
    /// or starts within one slip of them.
    Slip {
        /// The typed letters.
        letters: String,
        /// The whole full pinyin, not only its start.
        whole: bool,
    },
    /// The listing's district is this.
    District(String),
    /// The listing's category is this.
    Category(String),
    /// Every one of these.
    All(Vec<Probe>),
    /// Any of these.
    Any(Vec<Probe>),
    /// At least `need` of these, asked lazily: for one side of an
    /// intersection, whose other side picks the documents.
    AtLeast {
        /// How many must match.
        need: usize,
        /// The look-ups.
        of: Vec<Probe>,
    },
}

impl Probe {
    /// The tantivy query of this probe.
    fn query(&self, fields: &Fields) -> Box<dyn Query> {
        match self {
            Probe::Phrase {
                field,
                keys,
                prefix_last,
            } => {
                // A phrase of chars or of whole syllables is looked up by the
                // pair keys of its neighbours, which match where it does and
                // are far rarer than its keys (`guang zhou shi ji chang*`:
                // every name of the city has the syllables, few `ji-chang`).
                let pairs = pair_keys(keys);
                let keys = pairs.as_deref().unwrap_or(keys);
                let encoded: Vec<String> = keys.iter().map(NameKey::encode).collect();
                phrase(seq(fields, *field), &encoded, *prefix_last)
            }
            Probe::Key(field, key) => term(seq(fields, *field), &key.encode()),
            Probe::Prefix(key) => term(fields.prefix, &key.encode()),
            Probe::Word(field, word) => {
                let field = match field {
                    WordField::Area => fields.area_words,
                    WordField::Category => fields.category_words,
                    WordField::Department => fields.dept_words,
                };
                term(field, word)
            }
            Probe::Phone(key) => term(fields.phone, &key.encode()),
            Probe::English(words) => phrase(fields.name_en, words, true),
            Probe::Slip { letters, whole } => {
                let tag = PrefixKind::Pinyin.tag_byte();
                Box::new(if *whole {
                    SlipQuery::whole(fields.prefix, tag, letters)
                } else {
                    SlipQuery::start(fields.prefix, tag, letters)
                })
            }
            Probe::District(value) => term(fields.district, value),
            Probe::Category(value) => term(fields.category, value),
            Probe::All(all) => Box::new(AllOf::new(all.iter().map(|p| p.query(fields)).collect())),
            Probe::Any(any) => match any.as_slice() {
                [one] => one.query(fields),
                _ => Box::new(BooleanQuery::new(
                    any.iter()
                        .map(|p| (Occur::Should, p.query(fields)))
                        .collect(),
                )),
            },
            Probe::AtLeast { need, of } => Box::new(AnyOf::at_least(
                *need,
                of.iter().map(|p| p.query(fields)).collect(),
            )),
        }
    }
}

fn seq(fields: &Fields, field: SeqField) -> Field {
    match field {
        SeqField::Name => fields.name_seq,
        SeqField::Alias => fields.alias_seq,
        SeqField::Department => fields.dept_seq,
    }
}

fn term(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::Basic,
    ))
}

/// A phrase of `keys` as they are; the last one a prefix when
/// `prefix_last`.
fn phrase(field: Field, keys: &[String], prefix_last: bool) -> Box<dyn Query> {
    let terms: Vec<Term> = keys
        .iter()
        .map(|k| Term::from_field_text(field, k))
        .collect();
    match (terms.len(), prefix_last) {
        (1, false) => Box::new(TermQuery::new(terms[0].clone(), IndexRecordOption::Basic)),
        (_, false) => Box::new(PhraseQuery::new(terms)),
        (_, true) => {
            let mut terms = terms;
            let prefix = terms.pop().expect("at least one key");
            Box::new(PrefixPhrase::new(terms, prefix, MAX_EXPANSIONS))
        }
    }
}

/// One consistent view of a directory for one search: every probe of it
/// reads the same segments.
pub struct Snapshot {
    searcher: Searcher,
}

/// A document a probe found, to be judged (see [`Directory::candidate`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Candidate(DocAddress);

impl Directory {
    /// A view for one search.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            searcher: self.searcher(),
        }
    }

    /// The `k` most popular live documents `probe` matches: the first `k`
    /// of each segment (each is in order of falling weight), then the best
    /// `k` of those by weight.
    pub fn most_popular(
        &self,
        snapshot: &Snapshot,
        probe: &Probe,
        k: usize,
    ) -> Result<Vec<Candidate>> {
        let searcher = &snapshot.searcher;
        let query = probe.query(self.fields());
        let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
        let mut found: Vec<(f64, DocAddress)> = Vec::new();
        for (ord, reader) in searcher.segment_readers().iter().enumerate() {
            let mut scorer = weight.scorer(reader, 1.0)?;
            let weights = self.weights(reader);
            let alive = reader.alive_bitset();
            let mut taken = 0;
            let mut doc = scorer.doc();
            while doc != TERMINATED && taken < k {
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    let w = weights.as_ref().and_then(|c| c.first(doc)).unwrap_or(0.0);
                    found.push((w, DocAddress::new(ord as u32, doc)));
                    taken += 1;
                }
                doc = scorer.advance();
            }
        }
        found.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        found.truncate(k);
        Ok(found.into_iter().map(|(_, a)| Candidate(a)).collect())
    }

    /// The listing of a candidate and the aliases it inherited from its
    /// parent; None when the stored listing does not read back.
    pub fn candidate(
        &self,
        snapshot: &Snapshot,
        candidate: Candidate,
    ) -> Result<Option<(Listing, Vec<String>)>> {
        let doc: TantivyDocument = snapshot.searcher.doc(candidate.0)?;
        let Some(listing) = document::from_document(self.fields(), &doc) else {
            return Ok(None);
        };
        let inherited = document::inherited_aliases(self.fields(), &doc);
        Ok(Some((listing, inherited)))
    }

    /// The ids of every live listing `probe` matches, in no set order: for
    /// tools and tests that compare look-ups, not for serving.
    pub fn matching_ids(&self, probe: &Probe) -> Result<Vec<String>> {
        let snapshot = self.snapshot();
        let found = self.most_popular(&snapshot, probe, usize::MAX)?;
        let mut ids = Vec::with_capacity(found.len());
        for candidate in found {
            let doc: TantivyDocument = snapshot.searcher.doc(candidate.0)?;
            if let Some(id) = document::document_id(self.fields(), &doc) {
                ids.push(id);
            }
        }
        Ok(ids)
    }
}
