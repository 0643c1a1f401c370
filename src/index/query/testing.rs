//! What the property tests of the lazy union and intersection share: a
//! small in-memory index of random documents, the look-ups they combine,
//! and tantivy's own queries to compare them with.

use proptest::strategy::Strategy;
use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Schema, TEXT};
use tantivy::{doc, DocAddress, Index, Searcher, Term};

/// The words of the random documents.
const WORDS: [&str; 4] = ["a", "b", "c", "d"];

/// Random documents, searched.
pub(super) struct Corpus {
    searcher: Searcher,
    body: Field,
    tag: Field,
}

impl Corpus {
    /// Documents whose body is `texts` (indexes into the four words), tagged
    /// `x` every `every` documents and `y` otherwise, committed after each
    /// document of `cuts` (so in several segments).
    pub(super) fn new(texts: &[Vec<usize>], cuts: &[usize], every: u32) -> Corpus {
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT);
        let tag = schema.add_text_field("tag", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer: tantivy::IndexWriter =
            index.writer_with_num_threads(1, 15_000_000).unwrap();
        for (i, text) in texts.iter().enumerate() {
            let text: Vec<&str> = text.iter().map(|&w| WORDS[w]).collect();
            let t = if (i as u32).is_multiple_of(every) {
                "x"
            } else {
                "y"
            };
            writer
                .add_document(doc!(body => text.join(" "), tag => t))
                .unwrap();
            if cuts.contains(&i) {
                writer.commit().unwrap();
            }
        }
        writer.commit().unwrap();
        Corpus {
            searcher: index.reader().unwrap().searcher(),
            body,
            tag,
        }
    }

    /// One look-up a member: a word of the body, or two words in a row.
    pub(super) fn members(&self, members: &[(usize, Option<usize>)]) -> Vec<Box<dyn Query>> {
        let term = |w: usize| Term::from_field_text(self.body, WORDS[w]);
        members
            .iter()
            .map(|&(first, second)| -> Box<dyn Query> {
                match second {
                    Some(second) => Box::new(PhraseQuery::new(vec![term(first), term(second)])),
                    None => Box::new(TermQuery::new(
                        term(first),
                        IndexRecordOption::WithFreqsAndPositions,
                    )),
                }
            })
            .collect()
    }

    /// The documents tagged `x`.
    pub(super) fn tagged(&self) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(self.tag, "x"),
            IndexRecordOption::Basic,
        ))
    }

    /// The documents `query` matches.
    pub(super) fn docs(&self, query: &dyn Query) -> std::collections::HashSet<DocAddress> {
        self.searcher.search(query, &DocSetCollector).unwrap()
    }
}

/// Random documents (each up to five of the four words) and where the
/// segments are cut, for [`Corpus::new`].
pub(super) fn random_documents() -> impl Strategy<Value = (Vec<Vec<usize>>, Vec<usize>)> {
    (
        proptest::collection::vec(proptest::collection::vec(0usize..4, 0..6), 1..200),
        proptest::collection::vec(0usize..200, 0..3),
    )
}

/// Fewer than `most` random members for [`Corpus::members`].
pub(super) fn random_members(most: usize) -> impl Strategy<Value = Vec<(usize, Option<usize>)>> {
    proptest::collection::vec((0usize..4, proptest::option::of(0usize..4)), 1..most)
}

/// tantivy's conjunction of `a` and `b`.
pub(super) fn and(a: Box<dyn Query>, b: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(vec![(Occur::Must, a), (Occur::Must, b)]))
}
