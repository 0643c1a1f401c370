//! One slip in the letters of a tagged key (`q` + full pinyin): the keys of
//! one tag whose letters are within one edit (a letter swapped with its
//! neighbour, dropped, doubled or wrong) of what was typed, found by a
//! Levenshtein automaton over the term dictionary, never a scan.
//!
//! tantivy's `FuzzyTermQuery` spends the edit on the tag too: one inserted
//! letter before `qguangzhou…` reaches every exact key `eqguangzhou…` of a
//! district, thousands of terms streamed and read for nothing.

use std::sync::LazyLock;

use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder, DFA, SINK_STATE};
use tantivy::query::{AutomatonWeight, EnableScoring, Query, Weight};
use tantivy::schema::Field;
use tantivy_fst::Automaton;

/// One edit, a swap of neighbours counting as one.
static ONE_SLIP: LazyLock<LevenshteinAutomatonBuilder> =
    LazyLock::new(|| LevenshteinAutomatonBuilder::new(1, true));

/// The keys `tag` + letters within one slip of `letters` (with `prefix`:
/// the keys that start so).
#[derive(Clone, Debug)]
pub struct SlipQuery {
    field: Field,
    tag: u8,
    letters: String,
    prefix: bool,
}

impl SlipQuery {
    /// Keys of `tag` whose letters are within one slip of `letters`.
    pub fn whole(field: Field, tag: u8, letters: &str) -> SlipQuery {
        SlipQuery {
            field,
            tag,
            letters: letters.to_string(),
            prefix: false,
        }
    }

    /// Keys of `tag` whose letters start within one slip of `letters`.
    pub fn start(field: Field, tag: u8, letters: &str) -> SlipQuery {
        SlipQuery {
            prefix: true,
            ..SlipQuery::whole(field, tag, letters)
        }
    }
}

impl Query for SlipQuery {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let dfa = if self.prefix {
            ONE_SLIP.build_prefix_dfa(&self.letters)
        } else {
            ONE_SLIP.build_dfa(&self.letters)
        };
        Ok(Box::new(AutomatonWeight::new(
            self.field,
            Tagged { tag: self.tag, dfa },
        )))
    }
}

/// The tag byte exactly, then the letters through the automaton.
struct Tagged {
    tag: u8,
    dfa: DFA,
}

impl Automaton for Tagged {
    /// None before the tag; then the automaton's state.
    type State = Option<u32>;

    fn start(&self) -> Option<u32> {
        None
    }

    fn is_match(&self, state: &Option<u32>) -> bool {
        state.is_some_and(|s| matches!(self.dfa.distance(s), Distance::Exact(_)))
    }

    fn can_match(&self, state: &Option<u32>) -> bool {
        *state != Some(SINK_STATE)
    }

    fn accept(&self, state: &Option<u32>, byte: u8) -> Option<u32> {
        Some(match state {
            None if byte == self.tag => self.dfa.initial_state(),
            None => SINK_STATE,
            Some(s) => self.dfa.transition(*s, byte),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::DocSetCollector;
    use tantivy::schema::{Schema, STRING};
    use tantivy::{doc, Index, IndexWriter};

    #[test]
    fn one_slip_in_the_letters_never_in_the_tag() {
        let mut schema = Schema::builder();
        let key = schema.add_text_field("key", STRING);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let keys = [
            "qzhongshan",   // 0: as typed
            "qzhongshna",   // 1: a swap
            "qzhongsha",    // 2: a letter dropped
            "qzhongshanx",  // 3: a letter added
            "qzhongshen",   // 4: a letter wrong
            "eqzhongshan",  // 5: another tag before it
            "jzhongshan",   // 6: another tag
            "qzhongshanda", // 7: longer
            "qzhangshena",  // 8: two slips
        ];
        for k in keys {
            writer.add_document(doc!(key => k)).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let found = |q: &SlipQuery| -> Vec<u32> {
            let mut docs: Vec<u32> = searcher
                .search(q, &DocSetCollector)
                .unwrap()
                .into_iter()
                .map(|d| d.doc_id)
                .collect();
            docs.sort();
            docs
        };
        assert_eq!(
            found(&SlipQuery::whole(key, b'q', "zhongshan")),
            [0, 1, 2, 3, 4]
        );
        assert_eq!(
            found(&SlipQuery::start(key, b'q', "zhongshan")),
            [0, 1, 2, 3, 4, 7]
        );
    }
}
