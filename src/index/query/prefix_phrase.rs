//! A phrase whose last key is a prefix (`pguang pzhou pnia*`), driven by
//! whichever side is rarer in each segment.
//!
//! tantivy's `PhrasePrefixQuery` walks every document of the phrase before
//! the prefix and checks the prefix's positions in each: `guang zhou` starts
//! nearly every name of the city, so `guangzhouniao` read the positions of a
//! million documents to find none. When the terms the prefix expands to are
//! rarer than the phrase's rarest key, their union picks the documents and
//! the phrase is only asked about those (a conjunction seeks it). The union
//! is an [`AnyOf`]: where the whole look-up is itself asked about a few
//! documents, it reads only around those.

use tantivy::query::{
    BooleanQuery, EmptyScorer, EnableScoring, Explanation, Occur, PhrasePrefixQuery, PhraseQuery,
    Query, Scorer, TermQuery, Weight,
};
use tantivy::schema::IndexRecordOption;

use super::union::AnyOf;
use tantivy::{DocId, Score, SeekDangerResult, SegmentReader, Term};

/// `terms` in a row, then a term that starts with `prefix` (at most
/// `max_expansions` of them, the first in key order, as tantivy's own).
#[derive(Clone, Debug)]
pub struct PrefixPhrase {
    terms: Vec<Term>,
    prefix: Term,
    max_expansions: u32,
}

impl PrefixPhrase {
    /// The phrase `terms` followed by a key starting with `prefix`; with no
    /// `terms`, any key starting with `prefix`.
    pub fn new(terms: Vec<Term>, prefix: Term, max_expansions: u32) -> PrefixPhrase {
        PrefixPhrase {
            terms,
            prefix,
            max_expansions,
        }
    }

    fn tantivy_query(&self) -> PhrasePrefixQuery {
        let mut all = self.terms.clone();
        all.push(self.prefix.clone());
        let mut query = PhrasePrefixQuery::new(all);
        query.set_max_expansions(self.max_expansions);
        query
    }
}

impl Query for PrefixPhrase {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(PrefixPhraseWeight(self.clone())))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for term in &self.terms {
            visitor(term, true);
        }
    }
}

struct PrefixPhraseWeight(PrefixPhrase);

impl PrefixPhraseWeight {
    /// The keys the prefix expands to in one segment (at most
    /// `max_expansions`, the first in key order), and how many documents
    /// hold them in all.
    fn expansions(&self, reader: &SegmentReader) -> tantivy::Result<(Vec<Term>, u64)> {
        let q = &self.0;
        let index = reader.inverted_index(q.prefix.field())?;
        let start = q.prefix.serialized_value_bytes();
        let mut range = index.terms().range().ge(start);
        if let Some(end) = prefix_end(start) {
            range = range.lt(end);
        }
        let mut stream = range.into_stream()?;
        let mut expansions = Vec::new();
        let mut expanded_docs = 0u64;
        while expansions.len() < q.max_expansions as usize && stream.advance() {
            expanded_docs += stream.value().doc_freq as u64;
            expansions.push(Term::from_field_bytes(q.prefix.field(), stream.key()));
        }
        Ok((expansions, expanded_docs))
    }

    /// The look-up for one segment, to walk it: with no keys before the
    /// prefix, the union of its expansions; else tantivy's phrase prefix,
    /// in a conjunction with that union when the expansions are rarer than
    /// every key of the phrase.
    fn segment_query(&self, reader: &SegmentReader) -> tantivy::Result<Option<Box<dyn Query>>> {
        let q = &self.0;
        let index = reader.inverted_index(q.prefix.field())?;
        let mut rarest_key = u64::MAX;
        for term in &q.terms {
            match index.doc_freq(term)? {
                0 => return Ok(None),
                n => rarest_key = rarest_key.min(n as u64),
            }
        }
        let (expansions, expanded_docs) = self.expansions(reader)?;
        if expansions.is_empty() {
            return Ok(None);
        }
        let expansions: Vec<Box<dyn Query>> = expansions
            .into_iter()
            .map(|term| Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn Query>)
            .collect();
        if q.terms.is_empty() {
            return Ok(Some(Box::new(AnyOf::new(expansions))));
        }
        let phrase: Box<dyn Query> = Box::new(q.tantivy_query());
        if expanded_docs >= rarest_key {
            return Ok(Some(phrase));
        }
        let union: Box<dyn Query> = Box::new(AnyOf::new(expansions));
        Ok(Some(Box::new(BooleanQuery::new(vec![
            (Occur::Must, union),
            (Occur::Must, phrase),
        ]))))
    }
}

impl Weight for PrefixPhraseWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        match self.segment_query(reader)? {
            Some(query) => query
                .weight(EnableScoring::disabled_from_schema(reader.schema()))?
                .scorer(reader, boost),
            None => Ok(Box::new(EmptyScorer)),
        }
    }

    /// Asked whether it holds `target`: a lazy union of the whole phrases,
    /// one an expansion of the prefix, each of which checks positions at
    /// the documents it is asked about only (tantivy's phrase prefix would
    /// first walk to its first match in the segment).
    fn scorer_danger(
        &self,
        reader: &SegmentReader,
        target: DocId,
        boost: Score,
    ) -> tantivy::Result<(SeekDangerResult, Box<dyn Scorer>)> {
        let (expansions, _) = self.expansions(reader)?;
        let phrases: Vec<Box<dyn Query>> = expansions
            .into_iter()
            .map(|term| -> Box<dyn Query> {
                if self.0.terms.is_empty() {
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic))
                } else {
                    let mut keys = self.0.terms.clone();
                    keys.push(term);
                    Box::new(PhraseQuery::new(keys))
                }
            })
            .collect();
        let (result, scorer) = AnyOf::new(phrases)
            .weight(EnableScoring::disabled_from_schema(reader.schema()))?
            .scorer_danger(reader, target, boost)?;
        Ok((result, Box::new(Asked(scorer))))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0
            .tantivy_query()
            .weight(EnableScoring::disabled_from_schema(reader.schema()))?
            .explain(reader, doc)
    }
}

/// A prefix phrase made to be asked about documents (`scorer_danger`): it
/// answers those well, but walks slowly, so a conjunction that finds it
/// leading makes it again the usual way ([`Weight::scorer`]).
pub struct Asked(Box<dyn Scorer>);

impl tantivy::DocSet for Asked {
    fn advance(&mut self) -> DocId {
        self.0.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.0.seek(target)
    }

    fn seek_danger(&mut self, target: DocId) -> SeekDangerResult {
        self.0.seek_danger(target)
    }

    fn doc(&self) -> DocId {
        self.0.doc()
    }

    fn size_hint(&self) -> u32 {
        self.0.size_hint()
    }

    fn cost(&self) -> u64 {
        self.0.cost()
    }
}

impl Scorer for Asked {
    fn score(&mut self) -> Score {
        self.0.score()
    }
}

/// The first key after every key that starts with `prefix`; None when no
/// key is (all bytes 0xff).
fn prefix_end(prefix: &[u8]) -> Option<Vec<u8>> {
    let mut end = prefix.to_vec();
    while let Some(last) = end.pop() {
        if last < u8::MAX {
            end.push(last + 1);
            return Some(end);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::DocSetCollector;
    use tantivy::schema::{Schema, TextFieldIndexing, TextOptions};
    use tantivy::tokenizer::{TextAnalyzer, WhitespaceTokenizer};
    use tantivy::{doc, Index, IndexWriter};

    /// Documents whose keys are spaced words; the same look-ups through
    /// tantivy's phrase prefix and through [`PrefixPhrase`] agree, whether
    /// the phrase or the prefix is the rarer side.
    #[test]
    fn agrees_with_tantivy_either_way_round() {
        let mut schema = Schema::builder();
        let indexing = TextFieldIndexing::default()
            .set_tokenizer("ws")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        let keys = schema.add_text_field(
            "keys",
            TextOptions::default().set_indexing_options(indexing),
        );
        let index = Index::create_in_ram(schema.build());
        index.tokenizers().register(
            "ws",
            TextAnalyzer::builder(WhitespaceTokenizer::default()).build(),
        );
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let mut texts = Vec::new();
        for i in 0..600 {
            // Most documents start `guang zhou`; a few go on with `niao`,
            // `nian` or `nan`, some have `niao` elsewhere.
            let text = match i % 50 {
                0 => "guang zhou niao hua".to_string(),
                1 => "guang zhou nian".to_string(),
                2 => "niao guang zhou".to_string(),
                3 => "tian he nian".to_string(),
                _ => format!("guang zhou nan w{}", i % 7),
            };
            writer.add_document(doc!(keys => text.clone())).unwrap();
            texts.push(text);
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let docs = |q: &dyn Query| -> Vec<u32> {
            let mut d: Vec<u32> = searcher
                .search(q, &DocSetCollector)
                .unwrap()
                .into_iter()
                .map(|a| a.doc_id)
                .collect();
            d.sort();
            d
        };
        let t = |s: &str| Term::from_field_text(keys, s);
        for (phrase, prefix) in [
            (vec!["guang", "zhou"], "nia"), // the prefix is rarer
            (vec!["guang", "zhou"], "n"),   // the phrase is rarer
            (vec!["tian"], "n"),
            (vec!["guang"], "zhou"),
            (vec!["zhou"], "x"), // no expansion
            (vec!["xian"], "n"), // a key not in the index
        ] {
            let terms: Vec<Term> = phrase.iter().map(|s| t(s)).collect();
            let ours = PrefixPhrase::new(terms.clone(), t(prefix), 64);
            let theirs = ours.tantivy_query();
            let expected: Vec<u32> = texts
                .iter()
                .enumerate()
                .filter(|(_, text)| {
                    let words: Vec<&str> = text.split(' ').collect();
                    words.windows(phrase.len() + 1).any(|w| {
                        w[..phrase.len()] == phrase[..] && w[phrase.len()].starts_with(prefix)
                    })
                })
                .map(|(i, _)| i as u32)
                .collect();
            assert_eq!(docs(&ours), expected, "{phrase:?} {prefix}");
            assert_eq!(docs(&theirs), expected, "{phrase:?} {prefix}");
        }
    }
}
